import { describe, expect, it } from 'vitest';
import type { Customer } from '@/api/types';
import { customerFormSchema, emptyFormValues, formFieldFor, prefilledValues, toCreateBody, toFormValues, toPatchBody } from './schema';

const base = emptyFormValues('PL');

function issues(values: unknown) {
  const result = customerFormSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('customer form schema', () => {
  it('needs an email or a phone, as the API does', () => {
    expect(issues({ ...base, first_name: 'Anna' })).toEqual({ email: 'missing_contact', phone: 'missing_contact' });
    expect(issues({ ...base, first_name: 'Anna', email: 'anna@example.pl' })).toEqual({});
    expect(issues({ ...base, company_name: 'Salon Róża', phone: '600 123 456' })).toEqual({});
  });

  it('refuses a customer without any name, marking the name fields', () => {
    expect(issues({ ...base, email: 'anna@example.pl', first_name: ' ' })).toEqual({
      first_name: 'missing_name',
      last_name: 'missing_name',
      company_name: 'missing_name',
    });
  });

  it('rejects a malformed email and an impossible phone', () => {
    expect(issues({ ...base, first_name: 'Anna', email: 'anna@', phone: '12' })).toEqual({
      email: 'email',
      phone: 'phone',
    });
  });

  it('requires a card number', () => {
    const cards = [{ number: ' ', barcode: '', expires_on: null }];
    expect(issues({ ...base, first_name: 'Anna', email: 'a@example.pl', cards })).toEqual({ 'cards.0.number': 'required' });
  });
});

describe('request bodies', () => {
  it('leaves empty fields out of a new customer and sends the phone as E.164', () => {
    const body = toCreateBody({
      ...base,
      first_name: 'Anna',
      phone: '600 123 456',
      tags: ['VIP'],
      consents: { ...base.consents, sms_marketing: true },
    });
    expect(body).toEqual({
      type: 'customer',
      status: 'active',
      first_name: 'Anna',
      phone: '+48600123456',
      tags: ['VIP'],
      consents: { sms_marketing: { granted: true, source: 'staff' } },
    });
  });

  it('patches only what changed, clearing emptied fields with null', () => {
    const initial = { ...base, first_name: 'Anna', city: 'Łódź', consents: { ...base.consents, email_marketing: true } };
    const edited = { ...initial, city: '', last_name: 'Kowalska', consents: { ...initial.consents, email_marketing: false } };
    expect(toPatchBody(edited, initial)).toEqual({
      city: null,
      last_name: 'Kowalska',
      consents: { email_marketing: { granted: false, source: 'staff' } },
    });
  });

  it('round-trips a stored customer into the form unchanged', () => {
    const customer = {
      type: 'lead', status: 'active', first_name: 'Олена', last_name: null, middle_name: null, company_name: null,
      tax_id: null, external_id: 'X1', email: null, phone: '+380501234567', birth_date: '1990-12-31', gender: null,
      country: 'UA', city: null, street: null, building: null, apartment: null, postal_code: null, notes: null,
      tags: ['VIP'], cards: [{ number: '123', barcode: null, expires_on: null }], custom_fields: { colour: 'red' },
      consents: { sms_marketing: { granted: true, changed_at: '2024-01-01T00:00:00Z', source: null } },
    } as unknown as Customer;
    const values = toFormValues(customer, 'PL');
    expect(values.phone_country).toBe('UA');
    expect(values.consents.sms_marketing).toBe(true);
    expect(toPatchBody(values, values)).toEqual({});
  });

  it('maps API error paths onto form fields', () => {
    expect(formFieldFor('consents.sms_marketing.granted')).toBe('consents.sms_marketing');
    expect(formFieldFor('cards.0.number')).toBe('cards.0.number');
  });
});

describe("the desk's find-or-add carries what was typed into the form", () => {
  it('puts an email in the email, digits in the phone and words in the names', () => {
    expect(prefilledValues(base, 'Anna@Example.pl').email).toBe('Anna@Example.pl');
    expect(prefilledValues(base, '600 123 456').phone).toBe('600 123 456');
    const named = prefilledValues(base, '  Zofia Dąbrowska-Łęcka ');
    expect([named.first_name, named.last_name]).toEqual(['Zofia', 'Dąbrowska-Łęcka']);
    expect(prefilledValues(base, undefined)).toBe(base);
  });
});
