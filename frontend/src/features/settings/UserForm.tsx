import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, PasswordInput, Select, TextInput } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { applyProblemToForm } from '@/lib/formErrors';
import { notifySuccess } from '@/lib/notify';
import { ROLES, useCreateUser } from './queries';

const schema = z.object({
  email: z.string().trim().pipe(z.email({ error: 'email' })),
  full_name: z.string().trim().max(200, { error: 'too_long' }),
  role: z.enum(ROLES),
  password: z.string().min(10, { error: 'invalid' }),
});
type UserValues = z.infer<typeof schema>;

const EMPTY: UserValues = { email: '', full_name: '', role: 'staff', password: '' };

/** A new user of the tenant: email, name, role and a first password. */
export function UserForm() {
  const { t } = useTranslation();
  const create = useCreateUser();
  const { control, register, handleSubmit, setError, reset, formState } = useForm<UserValues>({
    resolver: zodResolver(schema),
    defaultValues: EMPTY,
  });
  const [email, password] = useWatch({ control, name: ['email', 'password'] });
  const roles = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const message = (key: string | undefined) => key && t(`validation.${key}` as 'validation.invalid');

  const submit = handleSubmit((v) =>
    create.mutate(
      { ...v, full_name: v.full_name || null },
      {
        onSuccess: () => {
          notifySuccess(t('settings.saved'));
          reset(EMPTY);
        },
        onError: (e) => applyProblemToForm(e, setError, Object.keys(EMPTY), { codeFields: { user_exists: 'email' } }),
      },
    ),
  );

  return (
    <Paper withBorder p="sm" radius="md" component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('settings.users.email')} type="email" error={message(formState.errors.email?.message)} {...register('email')} />
        <TextInput label={t('settings.users.fullName')} error={message(formState.errors.full_name?.message)} {...register('full_name')} />
        <Controller
          control={control}
          name="role"
          render={({ field }) => (
            <Select label={t('settings.users.role')} data={roles} value={field.value} onChange={(v) => v && field.onChange(v)} onBlur={field.onBlur} allowDeselect={false} w={160} />
          )}
        />
        <PasswordInput
          label={t('settings.users.password')}
          description={t('settings.users.passwordHint')}
          error={message(formState.errors.password?.message)}
          {...register('password')}
        />
        <Button type="submit" leftSection={<IconUserPlus size={16} />} disabled={!email || password.length < 10} loading={create.isPending}>
          {t('settings.users.add')}
        </Button>
      </Group>
    </Paper>
  );
}
