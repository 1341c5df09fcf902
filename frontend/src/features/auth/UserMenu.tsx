import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
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
        {/*
          * Its name is its content, no aria-label: the email it shows, then "Account menu" for
          * screen readers only, so the spoken name always holds the visible text (WCAG 2.5.3,
          * axe `label-content-name-mismatch`), on a phone too, where the email is hidden.
          */}
        <UnstyledButton data-testid="user-menu">
          <Group gap={6} wrap="nowrap">
            <Avatar size={30} radius="xl" color="blue" aria-hidden>
              {user.email.slice(0, 1).toUpperCase()}
            </Avatar>
            <Text size="sm" visibleFrom="sm" maw={180} truncate>
              {user.email}
            </Text>
            <VisuallyHidden>{t('shell.userMenu')}</VisuallyHidden>
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
