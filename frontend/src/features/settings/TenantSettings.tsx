import { Button, Group, Paper, Select, Skeleton, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@/i18n';
import { countryOptions } from '@/lib/countries';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useTenant, useUpdateTenant } from './queries';

const CURRENCIES = ['PLN', 'EUR', 'UAH', 'USD', 'GBP', 'CZK'];

function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

type Patch = Parameters<ReturnType<typeof useUpdateTenant>['mutate']>[0];

/** The selects offer only the API's own values; the spec types them as enums. */
function toPatch(form: Form): Patch {
  return { ...form, country: form.country as Patch['country'], locale: form.locale as Patch['locale'] };
}

interface Form {
  name: string;
  country: string;
  currency: string;
  timezone: string;
  locale: string;
}

/** Name, country, currency, time zone and language: every number and date in the app follows them. */
export function TenantSettings() {
  const { t, i18n } = useTranslation();
  const tenant = useTenant();
  const update = useUpdateTenant();
  const [form, setForm] = useState<Form | null>(null);
  if (!tenant.data) return <Skeleton height={240} />;
  const value: Form = form ?? tenant.data;
  const set = (patch: Partial<Form>) => setForm({ ...value, ...patch });

  return (
    <Paper withBorder p="md" radius="md" maw={560} data-testid="settings-tenant">
      <Stack>
        <TextInput label={t('settings.tenant.name')} value={value.name} onChange={(e) => set({ name: e.currentTarget.value })} />
        <Select label={t('settings.tenant.country')} data={countryOptions(i18n.language)} value={value.country} onChange={(v) => v && set({ country: v })} searchable allowDeselect={false} />
        <Select label={t('settings.tenant.currency')} data={[...new Set([value.currency, ...CURRENCIES])]} value={value.currency} onChange={(v) => v && set({ currency: v })} allowDeselect={false} />
        <Select label={t('settings.tenant.timezone')} data={[...new Set([value.timezone, ...timeZones()])]} value={value.timezone} onChange={(v) => v && set({ timezone: v })} searchable allowDeselect={false} />
        <Select
          label={t('settings.tenant.language')}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
          value={value.locale.slice(0, 2)}
          onChange={(v) => v && set({ locale: v })}
          allowDeselect={false}
        />
        <Group justify="flex-end">
          <Button
            disabled={!form}
            loading={update.isPending}
            data-testid="save-tenant"
            onClick={() =>
              form &&
              update.mutate(toPatch(form), {
                onSuccess: () => {
                  setForm(null);
                  notifySuccess(t('settings.saved'));
                },
                onError: (e) => notifyError(e),
              })
            }
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
