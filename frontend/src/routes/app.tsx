import { createRoute, redirect } from '@tanstack/react-router';
import { AppLayout } from '@/components/AppLayout';
import { PageLoader } from '@/components/PageLoader';
import { meQueryOptions } from '@/features/auth/queries';
import { applyLanguage, hasChosenLanguage, isLanguage } from '@/i18n';
import { rootRoute } from './root';

/** Everything behind the login: the shell with the navigation. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.query({ ...meQueryOptions, staleTime: 'static' });
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } });
    if (!hasChosenLanguage()) {
      const preferred = (me.user.locale ?? me.tenant.locale).slice(0, 2);
      if (isLanguage(preferred)) applyLanguage(preferred);
    }
    return { me };
  },
  pendingComponent: PageLoader,
  component: AppLayout,
});
