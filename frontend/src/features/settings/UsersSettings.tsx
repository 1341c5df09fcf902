import { Badge, Select, Stack, Switch, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { useMe } from '@/features/auth/queries';
import { notifyError } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { ROLES, useUpdateUser, useUsers, type UserRow } from './queries';
import { UserForm } from './UserForm';

const ROW = () => ({ 'data-testid': 'user-row' });
const onError = (e: unknown) => notifyError(e);

export function UsersSettings() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const me = useMe();
  const users = useUsers();
  const { mutate: update } = useUpdateUser();
  const myId = me.user.id;

  const columns = useMemo((): ColumnDef<UserRow>[] => {
    const roles = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
    return [
      {
        id: 'user',
        header: t('settings.users.email'),
        cell: ({ row: { original: u } }) => (
          <>
            <Text size="sm" fw={600}>
              {u.full_name ?? u.email} {u.id === myId && <Badge size="xs">{t('settings.users.you')}</Badge>}
            </Text>
            <Text size="xs" c="dimmed">
              {u.email}
            </Text>
          </>
        ),
      },
      {
        id: 'role',
        header: t('settings.users.role'),
        cell: ({ row: { original: u } }) => (
          <Select
            aria-label={t('settings.users.roleOf', { name: u.email })}
            data={roles}
            value={u.role}
            disabled={u.id === myId}
            allowDeselect={false}
            onChange={(role) => role && update({ id: u.id, role }, { onError })}
            w={170}
          />
        ),
      },
      { id: 'lastLogin', header: t('settings.users.lastLogin'), cell: ({ row }) => fmt.dateTime(row.original.last_login_at) },
      {
        id: 'active',
        header: t('settings.users.active'),
        cell: ({ row: { original: u } }) => (
          <Switch
            aria-label={t('settings.users.activeOf', { name: u.email })}
            checked={u.is_active}
            disabled={u.id === myId}
            onChange={(e) => update({ id: u.id, is_active: e.currentTarget.checked }, { onError })}
          />
        ),
      },
    ];
  }, [t, fmt, myId, update]);
  const table = useSimpleTable(users.data, columns, (u) => u.id);

  return (
    <Stack gap="sm" data-testid="settings-users">
      <UserForm />
      <DataTable table={table} variant="simple" verticalSpacing={6} loading={users.isPending} skeletonRows={3} label={t('settings.tabs.users')} rowProps={ROW} />
    </Stack>
  );
}
