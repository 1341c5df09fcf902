import { describe, expect, it } from 'vitest';
import type { Customer } from '@/api/types';
import { conflictingFields, fieldPicks } from './mergeFields';

const customer = (over: Partial<Customer>) => ({ id: 'a', first_name: null, last_name: null, email: null, phone: null, ...over }) as Customer;

describe('merging two customers', () => {
  it('asks only about fields both fill differently', () => {
    const a = customer({ first_name: 'Anna', email: 'anna@example.pl', phone: '+48600100200' });
    const b = customer({ id: 'b', first_name: 'Anna', email: 'anna.k@example.pl', city: 'Łódź' });
    expect(conflictingFields(a, b)).toEqual(['email']);
  });

  it('sends only the picks where the other customer wins', () => {
    expect(fieldPicks({ email: 'b', phone: 'a' }, 'a')).toEqual({ email: 'b' });
  });
});
