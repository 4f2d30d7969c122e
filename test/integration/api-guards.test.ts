/**
 * Goal: the API's guarantees around the resources — authentication, tenant isolation (another
 * tenant's id is a 404), Idempotency-Key, and bad input answered with problem+json naming every
 * field and leaving nothing written. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  company,
  createTestApp,
  OPERATOR_TOKEN,
  person,
  type TestApp,
} from '../support/test-app.ts';

let t: TestApp;
let a: { id: string; apiKey: string };
let b: { id: string; apiKey: string };

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createTenant({ name: 'A AB' });
  b = await t.createTenant({ name: 'B AB' });
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await t.db.query<{ n: bigint }>(`SELECT count(*)::int8 AS n FROM ${table}`))[0]!.n);

describe('authentication', () => {
  it('answers 401 without or with a wrong key, 403 for the wrong kind of key', async () => {
    expect((await t.request('GET', '/v1/customers')).statusCode).toBe(401);
    expect((await t.request('GET', '/v1/customers', { key: 'rk_nope' })).statusCode).toBe(401);
    const forged = a.apiKey.slice(0, -3) + 'xyz';
    expect((await t.request('GET', '/v1/customers', { key: forged })).statusCode).toBe(401);
    expect((await t.request('GET', '/v1/customers', { key: OPERATOR_TOKEN })).statusCode).toBe(403);
    const res = await t.request('POST', '/v1/tenants', { key: a.apiKey, body: { name: 'x' } });
    expect(res.statusCode).toBe(403);
  });

  it('stores only a hash of the API key', async () => {
    const rows = await t.db.query<{ api_key_hash: string }>('SELECT api_key_hash FROM tenant');
    for (const r of rows) {
      expect(r.api_key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.api_key_hash).not.toContain(a.apiKey);
    }
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another tenant's customer and invoice, and never lists them", async () => {
    const c = (await t.request('POST', '/v1/customers', { key: a.apiKey, body: person })).json();
    const inv = (
      await t.request('POST', '/v1/invoices', {
        key: a.apiKey,
        body: {
          customerId: c.id,
          invoiceDate: '2026-03-01',
          rows: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
        },
      })
    ).json();
    expect((await t.request('GET', `/v1/customers/${c.id}`, { key: b.apiKey })).statusCode).toBe(
      404,
    );
    expect(
      (
        await t.request('PATCH', `/v1/customers/${c.id}`, {
          key: b.apiKey,
          body: { name: 'Stolen' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.request('GET', `/v1/invoices/${inv.id}`, { key: b.apiKey })).statusCode).toBe(
      404,
    );
    expect(
      (await t.request('POST', `/v1/invoices/${inv.id}/send`, { key: b.apiKey })).statusCode,
    ).toBe(404);
    expect((await t.request('GET', `/v1/tenants/${a.id}`, { key: b.apiKey })).statusCode).toBe(404);
    const list = (await t.request('GET', '/v1/invoices', { key: b.apiKey })).json();
    expect(list.items).toEqual([]);
    // B cannot invoice A's customer either: it is "not found" for B.
    const res = await t.request('POST', '/v1/invoices', {
      key: b.apiKey,
      body: {
        customerId: c.id,
        invoiceDate: '2026-03-01',
        rows: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'customerId' });
  });

  it('keeps separate, gapless number series per tenant', async () => {
    const cb = (await t.request('POST', '/v1/customers', { key: b.apiKey, body: company })).json();
    expect(cb.number).toBe(1);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, 409 for a different body', async () => {
    const headers = { 'idempotency-key': 'create-cust-1' };
    const first = await t.request('POST', '/v1/customers', {
      key: a.apiKey,
      body: { ...company, name: 'Idem AB' },
      headers,
    });
    const second = await t.request('POST', '/v1/customers', {
      key: a.apiKey,
      body: { ...company, name: 'Idem AB' },
      headers,
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    const other = await t.request('POST', '/v1/customers', {
      key: a.apiKey,
      body: { ...company, name: 'Annat AB' },
      headers,
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_key_reused_with_different_input');
    // The same key is a different key for another tenant.
    const forB = await t.request('POST', '/v1/customers', {
      key: b.apiKey,
      body: { ...company, name: 'Annat AB' },
      headers,
    });
    expect(forB.statusCode).toBe(201);
  });

  it('does not keep a key whose request failed, so a corrected retry works', async () => {
    const headers = { 'idempotency-key': 'bad-then-good' };
    const bad = await t.request('POST', '/v1/customers', {
      key: a.apiKey,
      body: { ...person, identityNumber: '811218-9875' },
      headers,
    });
    expect(bad.statusCode).toBe(422);
    const good = await t.request('POST', '/v1/customers', { key: a.apiKey, body: person, headers });
    expect(good.statusCode).toBe(201);
  });

  it('two concurrent requests with one key create one customer', async () => {
    const before = await count('customer');
    const headers = { 'idempotency-key': 'concurrent-1' };
    const body = { ...company, name: 'Samtidig AB' };
    const [r1, r2] = await Promise.all([
      t.request('POST', '/v1/customers', { key: a.apiKey, body, headers }),
      t.request('POST', '/v1/customers', { key: a.apiKey, body, headers }),
    ]);
    expect([r1.statusCode, r2.statusCode]).toEqual([201, 201]);
    expect(r1.json().id).toBe(r2.json().id);
    expect(await count('customer')).toBe(before + 1);
  });
});

describe('bad input', () => {
  const rowsOk = [{ description: 'Vara', quantity: 1, unitPrice: 10000, vatRate: 25 }];
  let customerId: string;
  beforeAll(async () => {
    customerId = (
      await t.request('POST', '/v1/customers', {
        key: a.apiKey,
        body: { ...company, name: 'Input AB' },
      })
    ).json().id;
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ['fractional öre', { rows: [{ ...rowsOk[0], unitPrice: 100.5 }] }, 'rows.0.unitPrice'],
    ['amount as a string', { rows: [{ ...rowsOk[0], unitPrice: '100' }] }, 'rows.0.unitPrice'],
    ['unknown VAT rate', { rows: [{ ...rowsOk[0], vatRate: 20 }] }, 'rows.0.vatRate'],
    ['negative quantity', { rows: [{ ...rowsOk[0], quantity: -1 }] }, 'rows.0.quantity'],
    [
      'four decimals of quantity',
      { rows: [{ ...rowsOk[0], quantity: 1.2345 }] },
      'rows.0.quantity',
    ],
    ['empty rows', { rows: [] }, 'rows'],
    ['impossible date', { invoiceDate: '2026-02-30' }, 'invoiceDate'],
    ['unknown field', { colour: 'red' }, 'body'],
  ];
  for (const [name, patch, path] of cases) {
    it(`400 for ${name}, naming ${path}`, async () => {
      const before = await count('invoice');
      const res = await t.request('POST', '/v1/invoices', {
        key: a.apiKey,
        body: { customerId, invoiceDate: '2026-03-01', rows: rowsOk, ...patch },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body).toMatchObject({
        status: 400,
        code: 'invalid_request',
        type: expect.any(String),
        title: expect.any(String),
      });
      expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await count('invoice')).toBe(before);
    });
  }

  it('422 for a due date before the invoice date and for an unknown customer, all named', async () => {
    const res = await t.request('POST', '/v1/invoices', {
      key: a.apiKey,
      body: {
        customerId: '00000000-0000-4000-8000-000000000000',
        invoiceDate: '2026-03-10',
        dueDate: '2026-03-01',
        rows: rowsOk,
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'customerId',
      'dueDate',
    ]);
  });

  it('413 for an oversized body and 415 for a wrong content type, as problem+json', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...company, name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: {
        authorization: `Bearer ${a.apiKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'name=x',
    });
    expect(wrong.statusCode).toBe(415);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('422 when the delivery channel cannot be used, and nothing is booked', async () => {
    const c = (
      await t.request('POST', '/v1/customers', {
        key: a.apiKey,
        body: { ...person, name: 'Utan Mejl', deliveryMethod: 'letter' },
      })
    ).json();
    const inv = (
      await t.request('POST', '/v1/invoices', {
        key: a.apiKey,
        body: { customerId: c.id, invoiceDate: '2026-03-01', rows: rowsOk },
      })
    ).json();
    await t.request('PATCH', `/v1/customers/${c.id}`, { key: a.apiKey, body: { email: null } });
    const switched = await t.request('POST', '/v1/invoices', {
      key: a.apiKey,
      body: {
        customerId: c.id,
        invoiceDate: '2026-03-01',
        rows: rowsOk,
        deliveryMethod: 'einvoice',
      },
    });
    const entries = await count('journal_entry');
    const res = await t.request('POST', `/v1/invoices/${switched.json().id}/send`, {
      key: a.apiKey,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('delivery_channel_unusable');
    expect(res.json().detail).toContain('Peppol');
    expect(await count('journal_entry')).toBe(entries);
    expect(
      (await t.request('POST', `/v1/invoices/${inv.id}/send`, { key: a.apiKey })).statusCode,
    ).toBe(200);
  });

  it('404 as problem+json for unknown routes and malformed ids', async () => {
    const res = await t.request('GET', '/v1/invoices/not-a-uuid', { key: a.apiKey });
    expect(res.statusCode).toBe(404);
    expect((await t.request('GET', '/v1/nothing', { key: a.apiKey })).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('serves the document generated from the schemas, and the docs page', async () => {
    const doc = (await t.request('GET', '/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/tenants',
        '/v1/customers',
        '/v1/invoices',
        '/v1/invoices/{id}/send',
      ]),
    );
    const post = doc.paths['/v1/invoices'].post;
    expect(JSON.stringify(post.requestBody)).toContain('vatRate');
    const docs = await t.request('GET', '/docs/');
    expect([200, 302]).toContain(docs.statusCode);
  });
});
