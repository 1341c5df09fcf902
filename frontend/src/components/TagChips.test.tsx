import { describe, expect, it } from 'vitest';
import { contrastText } from './TagChips';

describe('contrastText', () => {
  it('uses black on light colours and white on dark ones', () => {
    expect(contrastText('#ffd43b')).toBe('#000');
    expect(contrastText('#1c2b4a')).toBe('#fff');
    expect(contrastText('#228be6')).toBe('#000');
  });
});
