export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The CSRF cookie: `__Host-kt_csrf` where the server sets secure cookies (production), else `kt_csrf`. */
export function readCsrfToken(): string | null {
  return readCookie('__Host-kt_csrf') ?? readCookie('kt_csrf');
}
