import { AppShell, Burger, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChartBar, IconFileImport, IconHome, IconSettings, IconUsers, type Icon } from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '@/features/auth/LanguageSwitch';
import { useMe } from '@/features/auth/queries';
import { UserMenu } from '@/features/auth/UserMenu';

interface NavItem {
  to: '/desk' | '/customers' | '/imports' | '/dashboard' | '/settings';
  label: 'nav.desk' | 'nav.customers' | 'nav.import' | 'nav.dashboard' | 'nav.settings';
  icon: Icon;
}

const NAV: NavItem[] = [
  { to: '/desk', label: 'nav.desk', icon: IconHome },
  { to: '/customers', label: 'nav.customers', icon: IconUsers },
  { to: '/imports', label: 'nav.import', icon: IconFileImport },
  { to: '/dashboard', label: 'nav.dashboard', icon: IconChartBar },
  { to: '/settings', label: 'nav.settings', icon: IconSettings },
];

export function AppLayout() {
  const { t } = useTranslation();
  const { tenant } = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  return (
    <AppShell
      header={{ height: 56 }}
      // Below 992 px (the desk's 820 px tablet) the navigation folds behind the burger.
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('shell.toggleNav')} />
            <Title order={1} size="h4" c="blue.8">
              Kartoteka
            </Title>
            <Text size="sm" c="dimmed" truncate maw={240} data-testid="tenant-name">
              {tenant.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch compact />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.mainNav')}>
        <ScrollArea>
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              leftSection={<item.icon size={18} stroke={1.6} />}
              active={pathname.startsWith(item.to)}
              onClick={close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
