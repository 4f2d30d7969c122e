/**
 * Goal: the foundation flow through the public API — tenant, customers (person and company),
 * an invoice at 25 % and 12 %, send, partial credit, balanced books — on PGlite and PostgreSQL.
 * Method: in-process HTTP with inject(), a fresh database per file, a manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCp437 } from '../../src/adapters/encoding/cp437.ts';
import { parseSie4 } from '../../src/domain/ledger/sie4.ts';
import { company, createTestApp, person, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  key = (await t.createTenant()).apiKey;
});
afterAll(() => t.close());

async function newCustomer(body: object) {
  const res = await t.request('POST', '/v1/customers', { key, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const rows = [
  { description: 'Konsulttimmar', quantity: 10, unitPrice: 95000, vatRate: 25 },
  { description: 'Livsmedel', quantity: 1.5, unitPrice: 20000, vatRate: 12 },
];

describe('customers', () => {
  it('creates a person with a normalised personnummer and e-mail delivery', async () => {
    const c = await newCustomer(person);
    expect(c).toMatchObject({
      kind: 'person',
      identityNumber: '19811218-9876',
      deliveryMethod: 'email',
      number: 1,
    });
    expect(c.address.postalCode).toBe('123 45');
  });

  it('creates a company by letter and finds it by name', async () => {
    const c = await newCustomer(company);
    expect(c.identityNumber).toBe('556036-0793');
    const found = await t.request('GET', '/v1/customers?query=plåt', { key });
    expect(found.json().items.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it('refuses an invalid personnummer, naming the field', async () => {
    const res = await t.request('POST', '/v1/customers', {
      key,
      body: { ...person, identityNumber: '811218-9875' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'identityNumber' })]);
  });

  it('patches a customer: a later e-mail does not change earlier invoices', async () => {
    const c = await newCustomer({ ...company, name: 'Sena Mejlet AB' });
    const inv = await t.request('POST', '/v1/invoices', {
      key,
      body: { customerId: c.id, invoiceDate: '2026-03-02', rows },
    });
    const patched = await t.request('PATCH', `/v1/customers/${c.id}`, {
      key,
      body: { email: 'ny@sena.se' },
    });
    expect(patched.json().email).toBe('ny@sena.se');
    const snapshot = await t.db.query<{ customer_email_at_creation: string | null }>(
      'SELECT customer_email_at_creation FROM invoice WHERE invoice_id = $1',
      [inv.json().id],
    );
    expect(snapshot[0]!.customer_email_at_creation).toBeNull();
  });
});

describe('invoice → send → credit → books', () => {
  it('runs the whole foundation flow with exact öre', async () => {
    const c = await newCustomer({ ...person, name: 'Bo Bengtsson' });
    const created = await t.request('POST', '/v1/invoices', {
      key,
      body: {
        customerId: c.id,
        invoiceDate: '2026-03-02',
        termsDays: 30,
        yourReference: 'Bo',
        rows,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    // 10 × 950,00 = 9 500,00 at 25 % → 2 375,00 VAT; 1.5 × 200,00 = 300,00 at 12 % → 36,00 VAT.
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      ocr: null,
      net: 980000,
      vat: 241100,
      total: 1221100,
      dueDate: '2026-04-01',
    });

    const sent = await t.request('POST', `/v1/invoices/${draft.id}/send`, { key });
    expect(sent.statusCode, sent.body).toBe(200);
    const inv = sent.json();
    expect(inv.status).toBe('sent');
    expect(inv.number).toBeGreaterThan(0);
    expect(inv.ocr).toMatch(/^\d+$/);
    expect(inv.balance).toEqual({ principal: 1221100, fees: 0, interest: 0, total: 1221100 });

    const again = await t.request('POST', `/v1/invoices/${draft.id}/send`, { key });
    expect(again.statusCode).toBe(409);

    const credit = await t.request('POST', `/v1/invoices/${draft.id}/credit`, {
      key,
      body: {
        rows: [
          { description: 'Konsulttimmar, avdrag', quantity: 2, unitPrice: 95000, vatRate: 25 },
        ],
      },
    });
    expect(credit.statusCode, credit.body).toBe(201);
    expect(credit.json().creditNote).toMatchObject({ net: 190000, vat: 47500, total: 237500 });
    expect(credit.json().invoice.balance.principal).toBe(1221100 - 237500);

    const detail = (await t.request('GET', `/v1/invoices/${draft.id}`, { key })).json();
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'sent',
      'credited',
    ]);
    expect(detail.creditNotes).toHaveLength(1);

    const tb = (await t.request('GET', '/v1/ledger/trial-balance?date=2026-12-31', { key })).json();
    const sum = (side: 'debit' | 'credit') =>
      tb.reduce((s: number, r: Record<string, number>) => s + r[side]!, 0);
    expect(sum('debit')).toBe(sum('credit'));
    const account = (code: string) => tb.find((r: { account: string }) => r.account === code);
    expect(account('1510')).toMatchObject({
      name: 'Kundfordringar',
      debit: 1221100,
      credit: 237500,
    });
    expect(account('3001')).toMatchObject({ debit: 190000, credit: 950000 });
    expect(account('2611')).toMatchObject({ debit: 47500, credit: 237500 });
    expect(account('3002')).toMatchObject({ credit: 30000 });
    expect(account('2621')).toMatchObject({ credit: 3600 });

    const rec = (await t.request('GET', '/v1/ledger/reconciliation', { key })).json();
    expect(rec.balanced).toBe(true);
  });

  it('credits a whole invoice and closes it as credited', async () => {
    const c = await newCustomer({ ...company, name: 'Hela Krediten AB' });
    const id = (
      await t.request('POST', '/v1/invoices', {
        key,
        body: { customerId: c.id, invoiceDate: '2026-03-01', rows },
      })
    ).json().id;
    await t.request('POST', `/v1/invoices/${id}/send`, { key });
    const credit = await t.request('POST', `/v1/invoices/${id}/credit`, { key, body: {} });
    expect(credit.statusCode, credit.body).toBe(201);
    expect(credit.json().invoice).toMatchObject({ status: 'credited', balance: { total: 0 } });
    const more = await t.request('POST', `/v1/invoices/${id}/credit`, { key, body: {} });
    expect(more.statusCode).toBe(409);
  });

  it('refuses a credit larger than what is left at that VAT rate', async () => {
    const c = await newCustomer({ ...company, name: 'För Mycket AB' });
    const id = (
      await t.request('POST', '/v1/invoices', {
        key,
        body: { customerId: c.id, invoiceDate: '2026-03-01', rows },
      })
    ).json().id;
    await t.request('POST', `/v1/invoices/${id}/send`, { key });
    const res = await t.request('POST', `/v1/invoices/${id}/credit`, {
      key,
      body: { rows: [{ description: 'För mycket', quantity: 2, unitPrice: 20000, vatRate: 12 }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].code).toBe('credit_exceeds_invoiced');
  });

  it('lists invoices with a cursor', async () => {
    const first = await t.request('GET', '/v1/invoices?limit=2', { key });
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (
      await t.request('GET', `/v1/invoices?limit=2&cursor=${page1.nextCursor}`, { key })
    ).json();
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const bad = await t.request('GET', '/v1/invoices?cursor=nonsense', { key });
    expect(bad.statusCode).toBe(400);
  });
});

describe('SIE 4 export', () => {
  it('exports the year in CP437 and re-imports balanced, equal to the trial balance', async () => {
    const res = await t.request('GET', '/v1/exports/sie?year=2026', { key });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('IBM437');
    const bytes = res.rawPayload;
    const text = decodeCp437(bytes);
    expect(text).toMatch(/^#FLAGGA 0\r\n/);
    expect(text).toContain('#FORMAT PC8');
    const parsed = parseSie4(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const sums = new Map<string, bigint>();
    for (const v of parsed.value.vouchers) {
      expect(v.transactions.reduce((s, x) => s + x.amount, 0n)).toBe(0n);
      for (const x of v.transactions) sums.set(x.account, (sums.get(x.account) ?? 0n) + x.amount);
    }
    const tb = (await t.request('GET', '/v1/ledger/trial-balance?date=2026-12-31', { key })).json();
    for (const row of tb) expect(sums.get(row.account)).toBe(BigInt(row.debit - row.credit));
    expect(parsed.value.accounts.find((a) => a.code === '1510')?.name).toBe('Kundfordringar');
  });

  it('names with letters outside CP437 are exported with their base letters', async () => {
    const c = (
      await t.request('POST', '/v1/customers', {
        key,
        body: { ...company, name: 'Łukasz Šimić Åkesson' },
      })
    ).json();
    const id = (
      await t.request('POST', '/v1/invoices', {
        key,
        body: { customerId: c.id, invoiceDate: '2026-03-01', rows },
      })
    ).json().id;
    await t.request('POST', `/v1/invoices/${id}/send`, { key });
    const text = decodeCp437(
      (await t.request('GET', '/v1/exports/sie?year=2026', { key })).rawPayload,
    );
    expect(
      text,
      text
        .split('\r\n')
        .filter((l) => l.includes('kesson'))
        .join('\n'),
    ).toContain('Lukasz Simic Åkesson');
  });
});
