import type { components } from './schema';

/** Names for the generated schemas, so a rename in the spec is fixed in one place. */
type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type Tenant = Me['tenant'];
export type User = NonNullable<Me['user']>;
/** `Me` of a signed-in person (an API key has no user; the SPA never runs as one). */
export type SessionMe = Omit<Me, 'user'> & { user: User };
export type Customer = Schemas['CustomerOut'];
export type CustomerCreate = Schemas['CustomerCreate'];
export type CustomerPatch = Schemas['CustomerPatch'];
export type CustomerPage = Schemas['CustomerPage'];
/** `POST /customers/search` without `fields` (with them, each item holds only those). */
export type SearchPage = Schemas['SearchPage'];
export type MergeRequest = Schemas['MergeRequest'];
export type MergeResult = Schemas['MergeResult'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type Tag = Schemas['TagOut'];
export type CustomField = Schemas['CustomFieldOut'];
export type CustomFieldType = CustomField['type'];
export type CustomerStatus = Customer['status'];
export type CustomerType = Customer['type'];
