import { describe, expect, it } from 'vitest';
import type { FieldInfo } from './fields';
import { fieldGroup, groupFields } from './fieldGroups';

const field = (name: string): FieldInfo => ({
  name, label: name, labels: {}, type: 'text', operators: ['eq'], no_value_operators: [], enum_values: null, sortable: true, filterable: true,
});

describe('the field picker groups', () => {
  it('puts each family of the registry in its group', () => {
    expect(fieldGroup('last_name')).toBe('contact');
    expect(fieldGroup('spent_last_90_days')).toBe('purchases');
    expect(fieldGroup('visits_last_30_days')).toBe('visits');
    expect(fieldGroup('vouchers_active')).toBe('vouchers');
    expect(fieldGroup('voucher_redeemed_amount')).toBe('vouchers');
    expect(fieldGroup('consent.sms_marketing')).toBe('consents');
    expect(fieldGroup('rfm_recency')).toBe('rfm');
    expect(fieldGroup('cf.allergy')).toBe('custom');
    expect(fieldGroup('tags')).toBe('pinned');
  });

  it('lists the pinned first in their order and every field once', () => {
    const names = ['last_name', 'total_spent', 'cf.allergy', 'tags', 'visits', 'city'];
    const groups = groupFields(names.map(field), (f) => ({ value: f.name }), (g) => g);
    expect(groups.map((g) => g.group)).toEqual(['pinned', 'contact', 'visits', 'custom']);
    expect(groups[0]?.items.map((i) => i.value)).toEqual(['tags', 'city', 'total_spent']);
    expect(groups.flatMap((g) => g.items).length).toBe(names.length);
  });
});
