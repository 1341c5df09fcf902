import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { ErrorView } from '@/components/ErrorView';
import { NotFoundPage } from '@/components/NotFoundPage';

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  errorComponent: ({ error, reset }) => <ErrorView error={error} reset={reset} />,
  notFoundComponent: NotFoundPage,
});
