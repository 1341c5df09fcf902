import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError } from '@/api/problem';
import { LanguageSwitch } from './LanguageSwitch';
import { useLogin } from './queries';

const schema = z.object({
  email: z.email(),
  password: z.string().min(1),
  tenant: z.string().optional(),
});
type LoginValues = z.infer<typeof schema>;

interface Props {
  onSuccess: () => void;
}

export function LoginPage({ onSuccess }: Props) {
  const { t } = useTranslation();
  const login = useLogin();
  const { register, handleSubmit, formState } = useForm<LoginValues>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '', tenant: '' },
  });

  const submit = handleSubmit((values) => {
    const tenant = values.tenant?.trim();
    login.mutate({ email: values.email, password: values.password, ...(tenant ? { tenant } : {}) }, { onSuccess });
  });

  const failure = login.error instanceof ApiError ? login.error.problem : null;

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
        <form onSubmit={submit} noValidate aria-labelledby="login-title">
          <Stack>
            <div>
              <Title id="login-title" order={1} size="h2">
                Kartoteka
              </Title>
              <Text c="dimmed" size="sm">
                {t('login.subtitle')}
              </Text>
            </div>
            {failure && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                {failure.status === 401 ? t('login.invalid') : (failure.detail ?? failure.title)}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              autoFocus
              error={formState.errors.email && t('validation.email')}
              {...register('email')}
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              error={formState.errors.password && t('validation.required')}
              {...register('password')}
            />
            <TextInput
              label={t('login.tenant')}
              description={t('login.tenantHint')}
              autoComplete="organization"
              {...register('tenant')}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('login.submit')}
            </Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
