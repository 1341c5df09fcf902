import { describe, expect, it } from "vitest";

import {
  computeSignature,
  signatureHeader,
  SignatureVerificationError,
  verifySignature,
} from "../src/index.js";

const SECRET = "whsec_test_secret";
const BODY = '{"id":"evt_1","type":"customer.created"}';
const NOW = 1_800_000_000;

describe("verifySignature", () => {
  it("accepts a header made with the secret and returns its timestamp", () => {
    const header = signatureHeader([SECRET], BODY, NOW);
    expect(verifySignature(SECRET, header, BODY, { now: NOW })).toBe(NOW);
  });

  it("matches the HMAC-SHA256 of t.body computed independently", async () => {
    const { createHmac } = await import("node:crypto");
    const hex = createHmac("sha256", SECRET).update(`${NOW}.${BODY}`).digest("hex");
    expect(computeSignature(SECRET, NOW, new TextEncoder().encode(BODY))).toBe(hex);
    expect(verifySignature(SECRET, `t=${NOW},v1=${hex}`, BODY, { now: NOW })).toBe(NOW);
  });

  it("accepts either secret while the endpoint's secret is rotated", () => {
    const header = signatureHeader(["whsec_new", "whsec_old"], BODY, NOW);
    expect(verifySignature("whsec_old", header, BODY, { now: NOW })).toBe(NOW);
    expect(verifySignature(["whsec_other", "whsec_new"], header, BODY, { now: NOW })).toBe(NOW);
  });

  it("refuses a body changed in transit", () => {
    const header = signatureHeader([SECRET], BODY, NOW);
    expect(() => verifySignature(SECRET, header, BODY.replace("1", "2"), { now: NOW })).toThrow(
      /no v1 signature matches/,
    );
  });

  it("refuses another secret", () => {
    const header = signatureHeader(["whsec_someone_else"], BODY, NOW);
    expect(() => verifySignature(SECRET, header, BODY, { now: NOW })).toThrow(SignatureVerificationError);
  });

  it("refuses a replay older than the tolerance, unless the check is off", () => {
    const header = signatureHeader([SECRET], BODY, NOW - 301);
    expect(() => verifySignature(SECRET, header, BODY, { now: NOW })).toThrow(/more than 300 s/);
    expect(verifySignature(SECRET, header, BODY, { now: NOW, tolerance: 0 })).toBe(NOW - 301);
  });

  it.each(["", "v1=abc", `t=${NOW}`, `t=x,v1=abc`, `t=${NOW},t=${NOW},v1=abc`])(
    "refuses the malformed header %j",
    (header) => {
      expect(() => verifySignature(SECRET, header, BODY, { now: NOW })).toThrow(SignatureVerificationError);
    },
  );
});
