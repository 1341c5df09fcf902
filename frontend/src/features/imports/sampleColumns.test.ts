import { describe, expect, it } from 'vitest';
import i18n from '@/i18n';
import { sampleCell, sampleHeader, sampleKeys } from './sampleColumns';

const t = i18n.getFixedT('en');
const pl = i18n.getFixedT('pl');

describe('the import preview sample', () => {
  it('labels columns with the field names of the language, not the raw keys', () => {
    expect(sampleHeader(t, 'first_name')).toBe('First name');
    expect(sampleHeader(pl, 'postal_code')).not.toBe('postal_code');
    expect(sampleHeader(t, 'custom_fields')).toBe('Additional fields');
    expect(sampleHeader(t, 'card')).toBe('Loyalty card');
  });

  it('keeps a key nobody translated as it is', () => {
    expect(sampleHeader(t, 'something_new')).toBe('something_new');
  });

  it('shows consents and custom fields as label: value pairs', () => {
    expect(sampleCell(t, 'consents', { email_marketing: true }, [])).toBe('Email marketing: Yes');
    const fields = [{ key: 'shoe', label: 'Shoe size' }] as Parameters<typeof sampleCell>[3];
    expect(sampleCell(t, 'custom_fields', { shoe: '42' }, fields)).toBe('Shoe size: 42');
    expect(sampleCell(t, 'tags', ['VIP', 'Stały'], [])).toBe('VIP, Stały');
  });

  it('orders the columns as the mapping screen lists the fields', () => {
    expect(sampleKeys([{ city: 'Łódź', email: 'a@b.pl', last_name: 'K', first_name: 'A', tags: ['VIP'] }])).toEqual([
      'first_name',
      'last_name',
      'email',
      'city',
      'tags',
    ]);
  });
});
