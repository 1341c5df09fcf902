import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { meQueryOptions } from '@/features/auth/queries';
import { rootRoute } from './root';

interface LoginSearch {
  redirect?: string;
}

/** Only same-site paths: never bounce a user to another origin after login. */
function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): LoginSearch => {
    const target = safeRedirect(search.redirect);
    return target ? { redirect: target } : {};
  },
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.query({ ...meQueryOptions, staleTime: 'static' });
    if (me) throw redirect({ href: search.redirect ?? '/desk' });
  },
  component: lazyRouteComponent(() => import('./views/login'), 'LoginView'),
});
