// First: schemas read zod's settings when they are built, as their modules load.
import './lib/zodConfig';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import '@mantine/charts/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import { setUnauthorizedHandler } from './api/client';
import { App } from './App';
import { authKeys } from './features/auth/queries';
import { notifyError } from './lib/notify';
import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';

// Errors of background refetches (the data is already on screen) surface as toasts.
const queryClient = createQueryClient((error) => notifyError(error));
const router = createAppRouter(queryClient);

// The session expired or was revoked: forget everything and ask for the password again.
setUnauthorizedHandler(() => {
  queryClient.clear();
  queryClient.setQueryData(authKeys.me, null);
  if (router.state.location.pathname !== '/login') {
    void router.navigate({ to: '/login', search: { redirect: router.state.location.href } });
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// The chosen language's strings first (loaded on demand), so no screen flashes in English.
void i18nReady.finally(() => {
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} router={router} />
    </StrictMode>,
  );
});
