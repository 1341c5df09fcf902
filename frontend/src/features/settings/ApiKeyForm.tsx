import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, MultiSelect, Paper, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { applyProblemToForm } from '@/lib/formErrors';
import { SCOPES, useCreateApiKey } from './queries';

const schema = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(100, { error: 'too_long' }),
  scopes: z.array(z.enum(SCOPES)).min(1, { error: 'required' }),
});
type ApiKeyValues = z.infer<typeof schema>;

const EMPTY: ApiKeyValues = { name: '', scopes: ['customers:read'] };

/** A new key: its name and permissions; `onCreated` gets the secret, shown once. */
export function ApiKeyForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const { control, register, handleSubmit, setError, resetField, formState } = useForm<ApiKeyValues>({
    resolver: zodResolver(schema),
    defaultValues: EMPTY,
  });
  const [name, scopes] = useWatch({ control, name: ['name', 'scopes'] });
  const message = (key: string | undefined) => key && t(`validation.${key}` as 'validation.invalid');

  const submit = handleSubmit((v) =>
    create.mutate(v, {
      onSuccess: (k) => {
        onCreated(k.key);
        resetField('name');
      },
      onError: (e) => applyProblemToForm(e, setError, Object.keys(EMPTY)),
    }),
  );

  return (
    <Paper withBorder p="sm" radius="md" component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-end">
        <TextInput label={t('settings.apiKeys.name')} error={message(formState.errors.name?.message)} {...register('name')} data-testid="api-key-name" />
        <Controller
          control={control}
          name="scopes"
          render={({ field, fieldState }) => (
            <MultiSelect
              label={t('settings.apiKeys.scopes')}
              data={[...SCOPES]}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              error={message(fieldState.error?.message)}
              w={360}
            />
          )}
        />
        <Button type="submit" leftSection={<IconKey size={16} />} disabled={!name.trim() || scopes.length === 0} loading={create.isPending} data-testid="create-api-key">
          {t('settings.apiKeys.create')}
        </Button>
      </Group>
    </Paper>
  );
}
