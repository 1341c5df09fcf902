/**
 * Verify a Kartoteka webhook: `Kartoteka-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`.
 *
 * The HMAC is taken with the endpoint's secret (the whole `whsec_…` string, as UTF-8) over
 * `"<t>.<raw request body>"`. While a secret is rotated the header carries one `v1=` per valid
 * secret, so a receiver holding either the old or the new one accepts the delivery. Pass the
 * raw body as received: a body parsed and serialised again does not match.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Kartoteka-Signature";
export const DEFAULT_TOLERANCE = 300;

/** The delivery is not proven to come from Kartoteka: reject it (answer 400). */
export class SignatureVerificationError extends Error {
  override name = "SignatureVerificationError";
}

type Body = string | Uint8Array;

function bytes(body: Body): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
}

/** The hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`. */
export function computeSignature(secret: string, timestamp: number, body: Body): string {
  return createHmac("sha256", secret)
    .update(`${timestamp}.`)
    .update(bytes(body))
    .digest("hex");
}

/** A header value as Kartoteka sends it (for tests of a receiver). */
export function signatureHeader(secrets: string[], body: Body, timestamp?: number): string {
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${computeSignature(s, t, body)}`)].join(",");
}

export interface VerifyOptions {
  /** Seconds `t` may be away from now (default 300); 0 turns the time check off. */
  tolerance?: number;
  /** The current time in unix seconds (tests). */
  now?: number;
}

/**
 * Check a `Kartoteka-Signature` header against the raw body; return its timestamp.
 * `secret` may be several secrets (the receiver's own rotation). Throws
 * `SignatureVerificationError` when the header is malformed, no `v1` matches, or `t` is
 * outside the tolerance (a replayed delivery).
 */
export function verifySignature(
  secret: string | string[],
  header: string,
  body: Body,
  options: VerifyOptions = {},
): number {
  const secrets = typeof secret === "string" ? [secret] : secret;
  if (secrets.length === 0) throw new SignatureVerificationError("no secret to verify with");
  const pairs = header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.includes("="))
    .map((part) => [part.slice(0, part.indexOf("=")), part.slice(part.indexOf("=") + 1)] as const);
  const stamps = pairs.filter(([k]) => k === "t").map(([, v]) => v);
  if (stamps.length !== 1 || !/^\d+$/.test(stamps[0] ?? "")) {
    throw new SignatureVerificationError("the header has no single t=<unix time>");
  }
  const timestamp = Number(stamps[0]);
  const candidates = pairs.filter(([k]) => k === "v1").map(([, v]) => Buffer.from(v, "utf8"));
  if (candidates.length === 0) throw new SignatureVerificationError("the header has no v1 signature");
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const now = options.now ?? Date.now() / 1000;
  if (tolerance > 0 && Math.abs(now - timestamp) > tolerance) {
    throw new SignatureVerificationError(`the timestamp is more than ${tolerance} s away`);
  }
  const expected = secrets.map((s) => Buffer.from(computeSignature(s, timestamp, body), "utf8"));
  let matched = false;
  for (const candidate of candidates) {
    for (const e of expected) {
      // timingSafeEqual needs equal lengths; a length mismatch is no match.
      if (candidate.length === e.length && timingSafeEqual(candidate, e)) matched = true;
    }
  }
  if (!matched) throw new SignatureVerificationError("no v1 signature matches the secret");
  return timestamp;
}
