// Apart from the page so the route can check `?tab=` without loading the settings screens.
export const SETTINGS_TABS = ['tags', 'fields', 'users', 'apiKeys', 'webhooks', 'exports', 'tenant'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

/** The scope each tab's API needs. */
export const TAB_SCOPES: Record<SettingsTab, string> = {
  tags: 'customers:read',
  fields: 'customers:read',
  users: 'admin',
  apiKeys: 'admin',
  webhooks: 'admin',
  exports: 'exports',
  tenant: 'admin',
};
