/**
 * Readable, shareable URLs: plain values stay plain (`?q=600123&page=2`, where the router's default
 * would write `q=%22600123%22`); only structured values such as a filter tree are JSON.
 * Routes' validateSearch turn the strings into numbers where they want numbers.
 */
export function parseValue(value: string): unknown {
  if (value.startsWith('{') || value.startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

export function stringifyValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Not the router's parser: it turns `0501` into the number 501, losing a phone fragment's zero. */
export function parseSearch(search: string): Record<string, unknown> {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const out: Record<string, unknown> = {};
  for (const [key, value] of params) out[key] = parseValue(value);
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, stringifyValue(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
