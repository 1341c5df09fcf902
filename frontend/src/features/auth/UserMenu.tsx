import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconSettings } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { notifyError } from '@/lib/notify';
import { useLogout, useMe } from './queries';

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();

  const signOut = () => {
    logout.mutate(undefined, {
      onError: (error) => notifyError(error),
      onSettled: () => void navigate({ to: '/login', search: {} }),
    });
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        {/* Its name starts with the email it shows (axe `label-content-name-mismatch`). */}
        <UnstyledButton aria-label={`${user.email} – ${t('shell.userMenu')}`} data-testid="user-menu">
          <Group gap={6} wrap="nowrap">
            <Avatar size={30} radius="xl" color="blue" aria-hidden>
              {user.email.slice(0, 1).toUpperCase()}
            </Avatar>
            <Text size="sm" visibleFrom="sm" maw={180} truncate>
              {user.email}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email} · {t(`roles.${user.role}`, { defaultValue: user.role })}
        </Menu.Label>
        <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => void navigate({ to: '/settings' })}>
          {t('nav.settings')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} c="red.9" onClick={signOut}>
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
