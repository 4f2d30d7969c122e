/**
 * Goal: the operator finds its clients — `GET /v1/tenants` pages them by tenant number and finds
 * one by part of its name, its organisation number (with or without the hyphen) or its tenant
 * number; a client's own key cannot list. Method: the HTTP API; both databases (DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let clientKey: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ apiKey: clientKey } = await t.createTenant({ name: 'Åkeri Nord AB' }));
  await t.createTenant({ name: 'Bageri 50% Söder AB', organisationNumber: '556677-8899' });
  await t.createTenant({ name: 'Cykelverkstan AB' });
});
afterAll(() => t.close());

const list = async (query: string, key = OPERATOR_TOKEN) =>
  t.request('GET', `/v1/tenants${query}`, { key });
type Listed = { items: { name: string; number: number }[]; nextCursor: string | null };

describe('GET /v1/tenants (operator)', () => {
  it('pages the clients by tenant number', async () => {
    const first = await list('?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<Listed>();
    expect(page1.items.map((c) => c.name)).toEqual(['Åkeri Nord AB', 'Bageri 50% Söder AB']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await list(`?limit=2&cursor=${page1.nextCursor}`)).json<Listed>();
    expect(page2.items.map((c) => c.name)).toEqual(['Cykelverkstan AB']);
    expect(page2.nextCursor).toBeNull();
  });

  it('finds a client by part of its name, its organisation number or its tenant number', async () => {
    const names = async (q: string) =>
      (await list(`?query=${encodeURIComponent(q)}`)).json<Listed>().items.map((c) => c.name);
    expect(await names('åkeri')).toEqual(['Åkeri Nord AB']);
    expect(await names('50%')).toEqual(['Bageri 50% Söder AB']); // % is a character, not a wildcard
    expect(await names('%')).toEqual(['Bageri 50% Söder AB']);
    expect(await names('5566778899')).toEqual(['Bageri 50% Söder AB']);
    expect(await names('556677-8899')).toEqual(['Bageri 50% Söder AB']);
    const all = (await list('')).json<Listed>();
    const cykel = all.items.find((c) => c.name === 'Cykelverkstan AB')!;
    expect(await names(String(cykel.number))).toEqual(['Cykelverkstan AB']);
    expect(await names('finns inte')).toEqual([]);
  });

  it('is the operator’s: a client key gets 403, a bad limit 400', async () => {
    expect((await list('', clientKey)).statusCode).toBe(403);
    expect((await list('?limit=0')).statusCode).toBe(400);
  });
});
