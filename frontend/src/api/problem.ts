import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/** An error response of the API, carrying its RFC 9457 problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, body: unknown) {
    const problem: Problem = isProblem(body)
      ? body
      : { type: 'about:blank', title: `HTTP ${status}`, status, code: 'http_error' };
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Resolve an openapi-fetch call to its data, or throw an ApiError with the problem. */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw new ApiError(response.status, error);
  return data as D;
}

/** `["body", "cards", 0, "number"]` → `cards.0.number`, the name react-hook-form uses. */
export function fieldPath(loc: readonly (string | number)[]): string {
  const parts = loc[0] === 'body' ? loc.slice(1) : loc;
  return parts.map(String).join('.');
}

export function problemMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return String(error);
}
