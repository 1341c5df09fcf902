import { useNavigate } from '@tanstack/react-router';
import { SettingsPage } from '@/features/settings/SettingsPage';
import { settingsRoute } from '../pages';

export function SettingsView() {
  const { tab } = settingsRoute.useSearch();
  const navigate = useNavigate({ from: '/settings' });
  return <SettingsPage tab={tab ?? 'tags'} onTab={(next) => void navigate({ search: { tab: next }, replace: true })} />;
}
