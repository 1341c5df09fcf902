import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { validateCustomersSearch } from '@/features/customers/search';
import { appRoute } from './app';

// Screens load with their route (code splitting): the first page fetches only the shell.
const views = () => import('./views/customers');

export const customersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers',
  validateSearch: validateCustomersSearch,
  component: lazyRouteComponent(views, 'CustomersView'),
});

export const customerNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/new',
  // The desk's "find or add" carries what was typed into the new record's form.
  validateSearch: (search: Record<string, unknown>): { prefill?: string } =>
    typeof search.prefill === 'string' && search.prefill.trim() ? { prefill: search.prefill.slice(0, 200) } : {},
  component: lazyRouteComponent(views, 'CustomerCreateView'),
});

export const customerDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/$customerId',
  component: lazyRouteComponent(views, 'CustomerDetailView'),
});

export const customerEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/$customerId/edit',
  component: lazyRouteComponent(views, 'CustomerEditView'),
});
