import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from './app';

export interface ImportsSearch {
  id?: string;
}

export const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  validateSearch: (search: Record<string, unknown>): ImportsSearch =>
    typeof search.id === 'string' && /^[0-9a-f-]{36}$/.test(search.id) ? { id: search.id } : {},
  component: lazyRouteComponent(() => import('./views/imports'), 'ImportsView'),
});
