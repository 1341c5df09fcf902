import { Stack, Tabs, Title } from '@mantine/core';
import { IconFileExport, IconForms, IconKey, IconBuildingStore, IconTags, IconUsers, IconWebhook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/features/auth/queries';
import { WebhooksSettings } from '@/features/webhooks/WebhooksSettings';
import { ApiKeysSettings } from './ApiKeysSettings';
import { CustomFieldsSettings } from './CustomFieldsSettings';
import { ExportLog } from './ExportLog';
import { TagsSettings } from './TagsSettings';
import { TenantSettings } from './TenantSettings';
import { UsersSettings } from './UsersSettings';

import { SETTINGS_TABS, TAB_SCOPES, type SettingsTab } from './tabs';

const ICONS = { tags: IconTags, fields: IconForms, users: IconUsers, apiKeys: IconKey, webhooks: IconWebhook, exports: IconFileExport, tenant: IconBuildingStore };

export function SettingsPage({ tab, onTab }: { tab: SettingsTab; onTab: (tab: SettingsTab) => void }) {
  const { t } = useTranslation();
  const { scopes } = useMe();
  // Only the tabs the user may open: the others would answer 403.
  const tabs = SETTINGS_TABS.filter((key) => scopes.includes(TAB_SCOPES[key]) || scopes.includes('admin'));
  const current = tabs.includes(tab) ? tab : (tabs[0] ?? 'tags');
  return (
    <Stack gap="md">
      <Title order={2}>{t('nav.settings')}</Title>
      <Tabs value={current} onChange={(v) => v && onTab(v as SettingsTab)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((key) => {
            const Icon = ICONS[key];
            return (
              <Tabs.Tab key={key} value={key} leftSection={<Icon size={16} />}>
                {t(`settings.tabs.${key}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="tags" pt="md">
          <TagsSettings />
        </Tabs.Panel>
        <Tabs.Panel value="fields" pt="md">
          <CustomFieldsSettings />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <UsersSettings />
        </Tabs.Panel>
        <Tabs.Panel value="apiKeys" pt="md">
          <ApiKeysSettings />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksSettings />
        </Tabs.Panel>
        <Tabs.Panel value="exports" pt="md">
          <ExportLog />
        </Tabs.Panel>
        <Tabs.Panel value="tenant" pt="md">
          <TenantSettings />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
