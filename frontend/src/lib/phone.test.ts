import { describe, expect, it } from 'vitest';
import { formatPhone, isPlausiblePhone, splitPhone, toE164 } from './phone';

describe('phone helpers', () => {
  it('turns local spellings into E.164 with the chosen country', () => {
    expect(toE164('600 123 456', 'PL')).toBe('+48600123456');
    expect(toE164('050-123-45-67', 'UA')).toBe('+380501234567');
    expect(toE164('+48 600-123-456', 'UA')).toBe('+48600123456');
  });

  it('keeps what does not parse as typed', () => {
    expect(toE164('call reception', 'PL')).toBe('call reception');
    expect(isPlausiblePhone('12', 'PL')).toBe(false);
    expect(isPlausiblePhone('600123456', 'PL')).toBe(true);
  });

  it('splits a stored number into country and national form', () => {
    expect(splitPhone('+380501234567', 'PL')).toEqual({ country: 'UA', national: '050 123 4567' });
    expect(splitPhone(null, 'PL')).toEqual({ country: 'PL', national: '' });
  });

  it('formats a stored number for reading, in groups with its calling code', () => {
    expect(formatPhone('+48790554330')).toBe('+48 790 554 330');
    expect(formatPhone('+380501234567')).toBe('+380 50 123 4567');
    expect(formatPhone('call reception')).toBe('call reception');
    expect(formatPhone(null)).toBe('');
  });
});
