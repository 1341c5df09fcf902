import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, Select, Skeleton, Stack, TextInput, type SelectProps } from '@mantine/core';
import { Controller, useForm, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { LANGUAGES } from '@/i18n';
import { countryOptions } from '@/lib/countries';
import { applyProblemToForm } from '@/lib/formErrors';
import { notifySuccess } from '@/lib/notify';
import { useTenant, useUpdateTenant } from './queries';

const CURRENCIES = ['PLN', 'EUR', 'UAH', 'USD', 'GBP', 'CZK'];

function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

type Patch = Parameters<ReturnType<typeof useUpdateTenant>['mutate']>[0];

const schema = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(200, { error: 'too_long' }),
  country: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'invalid' }),
  timezone: z.string().min(1).max(64),
  locale: z.string().min(2),
});
type TenantValues = z.infer<typeof schema>;

/** The selects offer only the API's own values; the spec types them as enums. */
function toPatch(v: TenantValues): Patch {
  return { ...v, country: v.country as Patch['country'], locale: v.locale as Patch['locale'] };
}

/** Name, country, currency, time zone and language: every number and date in the app follows them. */
export function TenantSettings() {
  const tenant = useTenant();
  if (!tenant.data) return <Skeleton height={240} />;
  const { name, country, currency, timezone, locale } = tenant.data;
  return <TenantForm saved={{ name, country, currency, timezone, locale: locale.slice(0, 2) }} />;
}

function SelectField({ control, name, ...props }: { control: Control<TenantValues>; name: keyof TenantValues } & SelectProps) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => <Select {...props} value={field.value} onChange={(v) => v && field.onChange(v)} onBlur={field.onBlur} allowDeselect={false} />}
    />
  );
}

function TenantForm({ saved }: { saved: TenantValues }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateTenant();
  const { control, register, handleSubmit, setError, reset, formState } = useForm<TenantValues>({
    resolver: zodResolver(schema),
    defaultValues: saved,
  });
  const message = (key: string | undefined) => key && t(`validation.${key}` as 'validation.invalid');
  const submit = handleSubmit((v) =>
    update.mutate(toPatch(v), {
      onSuccess: () => {
        // What was saved is the form's new starting point: nothing left to save.
        reset(v);
        notifySuccess(t('settings.saved'));
      },
      onError: (e) => applyProblemToForm(e, setError, Object.keys(saved)),
    }),
  );

  return (
    <Paper withBorder p="md" radius="md" maw={560} data-testid="settings-tenant" component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <TextInput label={t('settings.tenant.name')} error={message(formState.errors.name?.message)} {...register('name')} />
        <SelectField control={control} name="country" label={t('settings.tenant.country')} data={countryOptions(i18n.language)} searchable />
        <SelectField control={control} name="currency" label={t('settings.tenant.currency')} data={[...new Set([saved.currency, ...CURRENCIES])]} />
        <SelectField control={control} name="timezone" label={t('settings.tenant.timezone')} data={[...new Set([saved.timezone, ...timeZones()])]} searchable />
        <SelectField control={control} name="locale" label={t('settings.tenant.language')} data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))} />
        <Group justify="flex-end">
          <Button type="submit" disabled={!formState.isDirty} loading={update.isPending} data-testid="save-tenant">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
