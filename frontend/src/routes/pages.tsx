import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { SETTINGS_TABS, type SettingsTab } from '@/features/settings/tabs';
import { appRoute } from './app';

/** The start page after login: the front desk's day. */
export const deskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/desk',
  component: lazyRouteComponent(() => import('@/features/desk/DeskPage'), 'DeskPage'),
});

export const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  // Its own chunk: the charts library is the heaviest dependency and only this screen uses it.
  component: lazyRouteComponent(() => import('@/features/dashboard/DashboardPage'), 'DashboardPage'),
});

export const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: (search: Record<string, unknown>): { tab?: SettingsTab } =>
    (SETTINGS_TABS as readonly unknown[]).includes(search.tab) ? { tab: search.tab as SettingsTab } : {},
  component: lazyRouteComponent(() => import('./views/settings'), 'SettingsView'),
});
