import { createRoute, useNavigate } from '@tanstack/react-router';
import { DashboardPage } from '@/features/dashboard/DashboardPage';
import { SETTINGS_TABS, SettingsPage, type SettingsTab } from '@/features/settings/SettingsPage';
import { appRoute } from './app';

export const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  component: DashboardPage,
});

export const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: (search: Record<string, unknown>): { tab?: SettingsTab } =>
    (SETTINGS_TABS as readonly unknown[]).includes(search.tab) ? { tab: search.tab as SettingsTab } : {},
  component: function SettingsRoute() {
    const { tab } = settingsRoute.useSearch();
    const navigate = useNavigate({ from: '/settings' });
    return <SettingsPage tab={tab ?? 'tags'} onTab={(next) => void navigate({ search: { tab: next }, replace: true })} />;
  },
});
