import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/PlaceholderPage';
import { appRoute } from './app';

function ImportsPlaceholder() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('nav.import')} />;
}

function DashboardPlaceholder() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('nav.dashboard')} />;
}

function SettingsPlaceholder() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('nav.settings')} />;
}

export const importsRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports', component: ImportsPlaceholder });
export const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  component: DashboardPlaceholder,
});
export const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: SettingsPlaceholder,
});
