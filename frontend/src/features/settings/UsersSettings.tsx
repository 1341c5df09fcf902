import { Badge, Button, Group, Paper, PasswordInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/features/auth/queries';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { ROLES, useCreateUser, useUpdateUser, useUsers } from './queries';

export function UsersSettings() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const me = useMe();
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [form, setForm] = useState({ email: '', full_name: '', role: 'staff', password: '' });
  const roles = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const onError = (e: unknown) => notifyError(e);

  const add = () =>
    create.mutate(
      { ...form, full_name: form.full_name || null },
      {
        onSuccess: () => {
          notifySuccess(t('settings.saved'));
          setForm({ email: '', full_name: '', role: 'staff', password: '' });
        },
        onError,
      },
    );

  return (
    <Stack gap="sm" data-testid="settings-users">
      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('settings.users.email')} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} />
          <TextInput label={t('settings.users.fullName')} value={form.full_name} onChange={(e) => setForm({ ...form, full_name: e.currentTarget.value })} />
          <Select label={t('settings.users.role')} data={roles} value={form.role} onChange={(v) => v && setForm({ ...form, role: v })} allowDeselect={false} w={160} />
          <PasswordInput label={t('settings.users.password')} description={t('settings.users.passwordHint')} value={form.password} onChange={(e) => setForm({ ...form, password: e.currentTarget.value })} />
          <Button leftSection={<IconUserPlus size={16} />} onClick={add} disabled={!form.email || form.password.length < 10} loading={create.isPending}>
            {t('settings.users.add')}
          </Button>
        </Group>
      </Paper>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.users.email')}</Table.Th>
            <Table.Th>{t('settings.users.role')}</Table.Th>
            <Table.Th>{t('settings.users.lastLogin')}</Table.Th>
            <Table.Th>{t('settings.users.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.data?.map((u) => {
            const self = u.id === me.user.id;
            return (
              <Table.Tr key={u.id} data-testid="user-row">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {u.full_name ?? u.email} {self && <Badge size="xs">{t('settings.users.you')}</Badge>}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {u.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('settings.users.roleOf', { name: u.email })}
                    data={roles}
                    value={u.role}
                    disabled={self}
                    allowDeselect={false}
                    onChange={(role) => role && update.mutate({ id: u.id, role }, { onError })}
                    w={170}
                  />
                </Table.Td>
                <Table.Td>{fmt.dateTime(u.last_login_at)}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('settings.users.activeOf', { name: u.email })}
                    checked={u.is_active}
                    disabled={self}
                    onChange={(e) => update.mutate({ id: u.id, is_active: e.currentTarget.checked }, { onError })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
