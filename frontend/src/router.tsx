import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { PageLoader } from './components/PageLoader';
import { parseSearch, stringifySearch } from './lib/searchParams';
import { appRoute } from './routes/app';
import { customerDetailRoute, customerEditRoute, customerNewRoute, customersRoute } from './routes/customers';
import { indexRoute } from './routes/index';
import { loginRoute } from './routes/login';
import { importsRoute } from './routes/imports';
import { dashboardRoute, deskRoute, settingsRoute } from './routes/pages';
import { rootRoute } from './routes/root';

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    deskRoute,
    customersRoute,
    customerNewRoute,
    customerDetailRoute,
    customerEditRoute,
    importsRoute,
    dashboardRoute,
    settingsRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Queries own freshness; the router only triggers them.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: PageLoader,
    scrollRestoration: true,
    parseSearch,
    stringifySearch,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
