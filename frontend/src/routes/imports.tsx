import { createRoute, useNavigate } from '@tanstack/react-router';
import { ImportsPage } from '@/features/imports/ImportsPage';
import { appRoute } from './app';

interface ImportsSearch {
  id?: string;
}

export const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  validateSearch: (search: Record<string, unknown>): ImportsSearch =>
    typeof search.id === 'string' && /^[0-9a-f-]{36}$/.test(search.id) ? { id: search.id } : {},
  component: function ImportsRoute() {
    const { id } = importsRoute.useSearch();
    const navigate = useNavigate({ from: '/imports' });
    return <ImportsPage importId={id} onOpen={(next) => void navigate({ search: next ? { id: next } : {} })} />;
  },
});
