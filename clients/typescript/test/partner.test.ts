/**
 * A partner's scenario against a running Kartoteka: tests/partners/test_typescript_client.py
 * starts the real app (uvicorn, real PostgreSQL and Redis), makes a tenant and an API key and
 * runs this file with KARTOTEKA_URL and KARTOTEKA_API_KEY. Without them it is skipped.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { createKartotekaClient, expectData, KartotekaProblem } from "../src/index.js";

const baseUrl = process.env.KARTOTEKA_URL;
const apiKey = process.env.KARTOTEKA_API_KEY;

describe.skipIf(!baseUrl || !apiKey)("partner scenario (live server)", () => {
  const client = createKartotekaClient({ baseUrl: baseUrl ?? "", apiKey });
  const tag = `ts-${randomUUID().slice(0, 8)}`;
  const phone = `600${Math.floor(100_000 + Math.random() * 899_999)}`;

  it("creates a customer once under one Idempotency-Key and finds it by a local phone spelling", async () => {
    const key = randomUUID();
    const body = { first_name: "Anna", last_name: "Kowalska", phone, tags: [tag] };
    const call = () =>
      client.POST("/api/v1/customers", { body, params: { header: { "Idempotency-Key": key } } });
    const first = await expectData(call());
    const retry = await expectData(call());
    expect(retry.id).toBe(first.id);
    expect(first.phone).toBe(`+48${phone}`);

    const spelled = `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`;
    const found = await expectData(client.GET("/api/v1/customers/lookup", { params: { query: { phone: spelled } } }));
    expect(found.items.map((c) => c.id)).toEqual([first.id]);
  });

  it("posts a transaction, issues and redeems a voucher", async () => {
    const sale = await expectData(
      client.POST("/api/v1/transactions", { body: { customer: { phone }, amount: "129.90" } }),
    );
    expect(sale.amount).toBe("129.90");
    const voucher = await expectData(
      client.POST("/api/v1/vouchers", { body: { kind: "amount", value: "50.00", customer_id: sale.customer_id } }),
    );
    const redeemed = await expectData(
      client.POST("/api/v1/vouchers/{code}/redeem", {
        params: { path: { code: voucher.code } },
        body: { amount: "20.00", transaction_ref: `till-${randomUUID()}` },
      }),
    );
    expect(redeemed.voucher.balance).toBe("30.00");
  });

  it("pages through a filter with the cursor to the end", async () => {
    for (let i = 0; i < 4; i++) {
      await expectData(client.POST("/api/v1/customers", { body: { email: `p${i}-${tag}@example.pl`, tags: [tag] } }));
    }
    const search = (cursor: string | null) =>
      expectData(
        client.POST("/api/v1/customers/search", {
          body: { filter: { field: "tags", op: "has_any", value: [tag] }, page_size: 2, cursor },
        }),
      );
    let page = await search(null);
    const seen = page.items.map((c) => String(c.id));
    for (let pages = 1; page.next_cursor && pages < 10; pages++) {
      page = await search(page.next_cursor);
      seen.push(...page.items.map((c) => String(c.id)));
    }
    expect(page.next_cursor).toBeNull();
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("surfaces a problem as a KartotekaProblem with its code", async () => {
    const error = await expectData(
      client.GET("/api/v1/customers/{customer_id}", { params: { path: { customer_id: randomUUID() } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KartotekaProblem);
    expect((error as KartotekaProblem).status).toBe(404);
    expect((error as KartotekaProblem).code).toBe("customer_not_found");
  });
});
