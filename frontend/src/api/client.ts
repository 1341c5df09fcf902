import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { readCsrfToken } from '@/lib/cookies';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session cookie is HttpOnly; the double-submit token proves the request came from our page. */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (UNSAFE_METHODS.has(request.method.toUpperCase())) {
      const token = readCsrfToken();
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
};

let unauthorizedHandler: (() => void) | null = null;

/** Called on a 401 from anything but the login and "who am I" calls, which handle it themselves. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export const unauthorizedMiddleware: Middleware = {
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    const ownHandling = path.endsWith('/auth/login') || path.endsWith('/auth/me');
    if (response.status === 401 && !ownHandling) unauthorizedHandler?.();
    return response;
  },
};

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

export const api = createClient<paths>({ baseUrl: origin, credentials: 'same-origin' });
api.use(csrfMiddleware, unauthorizedMiddleware);
