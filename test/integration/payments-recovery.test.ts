/**
 * Goal: money paid on a claim the client wrote off (decision "close") is booked as recovered
 * bad debt — 3950 for capital ex VAT, fees and interest, the VAT share back to output VAT — not
 * as customer credit; only what goes beyond the write-off is credit (2420), and a deduction takes
 * the recovery back. Books balanced after every step. Both databases (DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ore } from '../../src/domain/money.ts';
import { paymentHelpers } from '../support/payment-helpers.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
let h: ReturnType<typeof paymentHelpers>;
let invoiceId: string;
let ocr: string;
let writtenOff: number;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-01-15' });
  ({ apiKey: key } = await t.createTenant());
  h = paymentHelpers(t, key);
  const c = await t.request('POST', '/v1/customers', {
    key,
    body: {
      name: 'Nils Nilsson',
      kind: 'person',
      identityNumber: '811218-9876',
      address: { street: 'Byvägen 3', postalCode: '12345', city: 'Storåker' },
      reminderFeeAgreed: true,
    },
  });
  const draft = await t.request('POST', '/v1/invoices', {
    key,
    body: {
      customerId: c.json().id,
      invoiceDate: '2026-01-15',
      termsDays: 30,
      rows: [{ description: 'Konsulttjänster', quantity: 8, unitPrice: 100_000, vatRate: 25 }],
    },
  });
  const sent = await t.request('POST', `/v1/invoices/${draft.json().id}/send`, { key });
  expect(sent.statusCode, sent.body).toBe(200);
  ({ id: invoiceId, ocr } = sent.json());
  // One run catches up every day: notice, reminder, inkassokrav, decision due.
  const run = await t.request('POST', '/v1/collection/run', {
    key: OPERATOR_TOKEN,
    body: { date: '2026-03-31' },
  });
  expect(run.statusCode, run.body).toBe(200);
  const dbg = await h.invoice(invoiceId);
  expect(
    dbg.stage,
    JSON.stringify({ run: run.json(), status: dbg.status, events: dbg.events }),
  ).toBe('awaiting_decision');
});
afterAll(() => t.close());

describe('a payment on a written-off invoice', () => {
  it('the client closes the claim: it is written off', async () => {
    const res = await t.request('POST', `/v1/invoices/${invoiceId}/decision`, {
      key,
      body: { action: 'close' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', balance: { total: 0 } });
    const closed = (await h.invoice(invoiceId)).events.find(
      (e: { type: string }) => e.type === 'decision_close',
    );
    writtenOff = Number(closed.detail.writtenOff);
    expect(writtenOff).toBeGreaterThan(1_000_000); // capital, fees and interest
    const { balance } = await h.trialBalance();
    expect(balance('1510')).toBe(0);
    expect(balance('2611')).toBe(0); // 2 000 kr VAT reclaimed on the loss
    await h.expectBooksBalanced();
  });

  it('is recovered bad debt (3950) with its VAT owed again, the excess customer credit', async () => {
    const inv = await h.invoice(invoiceId);
    const res = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId, amount: writtenOff + 500, date: '2026-03-31' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const fees = writtenOff - 1_000_000;
    expect(res.json().allocations[0]).toMatchObject({ overpaid: 500 });
    expect(res.json().allocations[0].fees + res.json().allocations[0].interest).toBe(fees);
    const { balance } = await h.trialBalance();
    expect(balance('1510')).toBe(0);
    expect(balance('2611')).toBe(-200_000);
    expect(balance('3950')).toBe(-(800_000 + fees));
    expect(balance('2420')).toBe(-500);
    expect(balance('1689')).toBe(writtenOff + 500);
    const after = await h.invoice(invoiceId);
    expect(after).toMatchObject({ status: 'closed', balance: { total: 0 } });
    const event = after.events.find((e: { type: string }) => e.type === 'payment');
    expect(event.detail).toMatchObject({ recovered: String(writtenOff), overpaid: '500' });
    expect(inv.status).toBe('closed');
    await h.expectBooksBalanced();
  });

  it('once recovered in full, a further payment is only customer credit', async () => {
    const res = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId, amount: 700, date: '2026-03-31' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { balance } = await h.trialBalance();
    expect(balance('3950')).toBe(-(writtenOff - 200_000));
    expect(balance('2420')).toBe(-1_200);
    await h.expectBooksBalanced();
  });

  it('a deduction of the recovering payment takes the recovery back; the claim stays closed', async () => {
    const res = await h.upload(
      h.bgmax(
        [
          { reference: ocr, amountOre: ore(BigInt(writtenOff + 500)), deduction: true },
          // A deposit cannot be negative: an unrelated payment (queued) carries the deduction.
          { reference: '', amountOre: ore(BigInt(writtenOff + 501)) },
        ],
        { date: '2026-03-31' },
      ),
      'text/plain',
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ matched: 1 });
    const { balance } = await h.trialBalance();
    expect(balance('3950')).toBe(0);
    expect(balance('2611')).toBe(0);
    expect(balance('2420')).toBe(-700);
    expect(await h.invoice(invoiceId)).toMatchObject({ status: 'closed', balance: { total: 0 } });
    const rows = await t.db.query<{ s: unknown }>(
      'SELECT SUM(principal_ore)::int8 AS s FROM claim_recovery WHERE invoice_id = $1',
      [invoiceId],
    );
    expect(BigInt(String(rows[0]!.s))).toBe(0n);
    await h.expectBooksBalanced();
  });
});
