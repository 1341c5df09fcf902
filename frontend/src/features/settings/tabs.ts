// Apart from the page so the route can check `?tab=` without loading the settings screens.
export const SETTINGS_TABS = ['tags', 'fields', 'users', 'apiKeys', 'exports', 'tenant'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];
