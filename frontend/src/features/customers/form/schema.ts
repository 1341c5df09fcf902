import { z } from 'zod';
import type { Customer, CustomerCreate, CustomerPatch } from '@/api/types';
import { isCountryCode, isPlausiblePhone, splitPhone, toE164, type CountryCode } from '@/lib/phone';

export const CHANNELS = ['email_marketing', 'sms_marketing', 'push_marketing', 'data_processing'] as const;
export type Channel = (typeof CHANNELS)[number];

const text = (max: number) => z.string().trim().max(max, { message: 'too_long' });

const cardSchema = z.object({
  number: z.string().trim().min(1, { message: 'required' }).max(64, { message: 'too_long' }),
  barcode: text(128),
  expires_on: z.string().nullable(),
});

/** The form's values: strings for inputs, turned into the API's body by `toCreateBody`/`toPatchBody`. */
export const customerFormSchema = z
  .object({
    type: z.enum(['lead', 'customer', 'registered']),
    status: z.enum(['active', 'blocked', 'inactive']),
    first_name: text(200),
    last_name: text(200),
    middle_name: text(200),
    company_name: text(300),
    tax_id: text(64),
    external_id: text(200),
    email: z.union([z.literal(''), z.email({ message: 'email' })]),
    phone: text(40),
    phone_country: z.string().refine((v: string): boolean => isCountryCode(v)),
    birth_date: z.string().nullable(),
    gender: z.enum(['female', 'male', 'other', 'unknown']).nullable(),
    country: z.union([z.literal(''), z.string().regex(/^[A-Z]{2}$/)]),
    city: text(200),
    street: text(200),
    building: text(32),
    apartment: text(32),
    postal_code: text(16),
    notes: text(10_000),
    tags: z.array(z.string().trim().min(1).max(100)).max(100),
    cards: z.array(cardSchema).max(20),
    consents: z.object({
      email_marketing: z.boolean(),
      sms_marketing: z.boolean(),
      push_marketing: z.boolean(),
      data_processing: z.boolean(),
    }),
    custom_fields: z.record(z.string(), z.unknown()),
  })
  .superRefine((v, ctx) => {
    if (v.phone && !isPlausiblePhone(v.phone, v.phone_country as CountryCode)) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'phone' });
    }
    // As the API: a name alone reaches no one. Both fields are marked: either one will do.
    if (!v.email && !v.phone) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'missing_contact' });
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'missing_contact' });
    }
    // A record nobody can name cannot be found or greeted: a first, last or company name is needed.
    if (![v.first_name, v.last_name, v.middle_name, v.company_name].some((n) => n.trim())) {
      ctx.addIssue({ code: 'custom', path: ['first_name'], message: 'missing_name' });
      ctx.addIssue({ code: 'custom', path: ['last_name'], message: 'missing_name' });
      ctx.addIssue({ code: 'custom', path: ['company_name'], message: 'missing_name' });
    }
  });

export type CustomerFormValues = z.infer<typeof customerFormSchema>;

export function emptyFormValues(defaultCountry: string): CustomerFormValues {
  const country = isCountryCode(defaultCountry) ? defaultCountry : 'PL';
  return {
    type: 'customer', status: 'active', first_name: '', last_name: '', middle_name: '', company_name: '',
    tax_id: '', external_id: '', email: '', phone: '', phone_country: country, birth_date: null, gender: null,
    country: '', city: '', street: '', building: '', apartment: '', postal_code: '', notes: '', tags: [],
    cards: [],
    consents: { email_marketing: false, sms_marketing: false, push_marketing: false, data_processing: false },
    custom_fields: {},
  };
}

/** What the desk's "find or add" box held: an email, a phone number, or a name (first word first). */
export function prefilledValues(values: CustomerFormValues, typed: string | undefined): CustomerFormValues {
  const text = (typed ?? '').trim();
  if (!text) return values;
  if (text.includes('@')) return { ...values, email: text };
  if (/^[+\d][\d\s()-]{4,}$/.test(text)) return { ...values, phone: text };
  const [first, ...rest] = text.split(/\s+/);
  return { ...values, first_name: first ?? '', last_name: rest.join(' ') };
}

export function toFormValues(c: Customer, defaultCountry: string): CustomerFormValues {
  const empty = emptyFormValues(defaultCountry);
  const phone = splitPhone(c.phone, empty.phone_country as CountryCode);
  const granted = (ch: Channel) => c.consents?.[ch]?.granted ?? false;
  return {
    type: c.type, status: c.status, first_name: c.first_name ?? '', last_name: c.last_name ?? '',
    middle_name: c.middle_name ?? '', company_name: c.company_name ?? '', tax_id: c.tax_id ?? '',
    external_id: c.external_id ?? '', email: c.email ?? '', phone: phone.national, phone_country: phone.country,
    birth_date: c.birth_date, gender: c.gender, country: c.country ?? '', city: c.city ?? '',
    street: c.street ?? '', building: c.building ?? '', apartment: c.apartment ?? '',
    postal_code: c.postal_code ?? '', notes: c.notes ?? '', tags: [...(c.tags ?? [])],
    cards: (c.cards ?? []).map((card) => ({ number: card.number, barcode: card.barcode ?? '', expires_on: card.expires_on })),
    consents: {
      email_marketing: granted('email_marketing'), sms_marketing: granted('sms_marketing'),
      push_marketing: granted('push_marketing'), data_processing: granted('data_processing'),
    },
    custom_fields: { ...c.custom_fields },
  };
}

const TEXT_FIELDS = [
  'first_name', 'last_name', 'middle_name', 'company_name', 'tax_id', 'external_id', 'email', 'country', 'city',
  'street', 'building', 'apartment', 'postal_code', 'notes',
] as const;

const CONSENT_SOURCE = 'staff';

function fullBody(v: CustomerFormValues): CustomerCreate {
  const body: CustomerCreate = { type: v.type, status: v.status };
  for (const key of TEXT_FIELDS) body[key] = v[key] === '' ? null : v[key];
  body.phone = v.phone ? toE164(v.phone, v.phone_country as CountryCode) : null;
  body.birth_date = v.birth_date;
  body.gender = v.gender;
  body.tags = v.tags;
  body.cards = v.cards.map((c) => ({ number: c.number, barcode: c.barcode || null, expires_on: c.expires_on }));
  body.custom_fields = Object.fromEntries(
    Object.entries(v.custom_fields).filter(([, value]) => value !== undefined && value !== ''),
  );
  return body;
}

/** A new customer: empty fields left out; only granted consents recorded. */
export function toCreateBody(v: CustomerFormValues): CustomerCreate {
  const body = Object.fromEntries(
    Object.entries(fullBody(v)).filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0)),
  ) as CustomerCreate;
  const consents = CHANNELS.filter((ch) => v.consents[ch]).map((ch) => [ch, { granted: true, source: CONSENT_SOURCE }]);
  if (consents.length > 0) body.consents = Object.fromEntries(consents) as CustomerCreate['consents'];
  if (body.custom_fields && Object.keys(body.custom_fields).length === 0) delete body.custom_fields;
  return body;
}

/** Only what changed since the record was read, so a concurrent edit of another field is not undone. */
export function toPatchBody(v: CustomerFormValues, initial: CustomerFormValues): CustomerPatch {
  const next = fullBody(v);
  const before = fullBody(initial);
  const patch: CustomerPatch = {};
  for (const key of Object.keys(next) as (keyof CustomerCreate)[]) {
    if (key === 'consents') continue;
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) Object.assign(patch, { [key]: next[key] });
  }
  const changed = CHANNELS.filter((ch) => v.consents[ch] !== initial.consents[ch]);
  if (changed.length > 0) {
    patch.consents = Object.fromEntries(
      changed.map((ch) => [ch, { granted: v.consents[ch], source: CONSENT_SOURCE }]),
    );
  }
  return patch;
}

/** Where an API error's `loc` lands in this form (`consents.sms_marketing.granted` → `consents.sms_marketing`). */
export function formFieldFor(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'consents') return parts.slice(0, 2).join('.');
  return path;
}
