/** RFC 9457 problems as a thrown, typed error. */
import type { components } from "./schema.js";

export type Problem = components["schemas"]["Problem"];

/** An `application/problem+json` answer; `code` is the stable machine code. */
export class KartotekaProblem extends Error {
  override name = "KartotekaProblem";
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** The whole problem document, with the members a code adds (`errors`, `candidates`, …). */
  readonly body: Record<string, unknown>;
  /** Seconds to wait after a 429, from `Retry-After`. */
  readonly retryAfter: number | undefined;

  constructor(response: Response, body: unknown) {
    const doc: Record<string, unknown> =
      body && typeof body === "object" ? (body as Record<string, unknown>) : { detail: String(body ?? "") };
    const code = typeof doc.code === "string" ? doc.code : "";
    const title = typeof doc.title === "string" ? doc.title : response.statusText;
    const detail = typeof doc.detail === "string" ? doc.detail : undefined;
    super(`${response.status} ${code || title}: ${detail ?? title}`);
    this.status = response.status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.body = doc;
    const retryAfter = response.headers.get("Retry-After");
    this.retryAfter = retryAfter ? Number(retryAfter) : undefined;
  }
}

/** What openapi-fetch returns from every call. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful call, or a thrown `KartotekaProblem`:
 * `const customer = await expectData(client.POST("/api/v1/customers", { body }))`.
 */
export async function expectData<T>(call: Promise<FetchResult<T>> | FetchResult<T>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new KartotekaProblem(response, error);
  return data as T;
}
