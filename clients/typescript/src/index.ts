/**
 * @kartoteka/client: the Kartoteka API, typed from openapi/openapi.json.
 *
 *   const kartoteka = createKartotekaClient({ baseUrl: "https://kartoteka.example", apiKey });
 *   const { data, error } = await kartoteka.GET("/api/v1/customers/lookup", { params: { query: { q: "600 100 200" } } });
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";

import type { paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";
export { expectData, KartotekaProblem, type FetchResult, type Problem } from "./problems.js";
export {
  computeSignature,
  DEFAULT_TOLERANCE,
  SIGNATURE_HEADER,
  signatureHeader,
  SignatureVerificationError,
  verifySignature,
  type VerifyOptions,
} from "./webhooks.js";

export type KartotekaClient = Client<paths>;

export interface KartotekaClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** Where Kartoteka runs, without `/api/v1` (the paths carry it). */
  baseUrl: string;
  /** An API key (`Authorization: Bearer …`); create one in Settings → API keys. */
  apiKey?: string;
}

/** An openapi-fetch client for Kartoteka: every path, parameter and body is typed. */
export function createKartotekaClient(options: KartotekaClientOptions): KartotekaClient {
  const { apiKey, headers, baseUrl, ...rest } = options;
  return createClient<paths>({
    ...rest,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: { ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}), ...(headers as object) },
  });
}
