/**
 * Goal: a customer's credit balance (overpayments) through the public API — read with its
 * movements, used on an open invoice like a payment, refunded in the next payout run's pain.001
 * (paying the client that much less), or applied automatically when the client chose 'apply' —
 * every effect booked (2420 is a liability) and the books balanced; refusals change nothing.
 * Both databases (DATABASE_URL).
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentHelpers, type SentInvoice } from '../support/payment-helpers.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
let tenantId: string;
let h: ReturnType<typeof paymentHelpers>;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  ({ id: tenantId, apiKey: key } = await t.createTenant());
  h = paymentHelpers(t, key);
});
afterAll(() => t.close());

const IBAN = 'SE45 5000 0000 0583 9825 7466';

/** A second invoice to the same customer as `first`. */
async function anotherInvoice(first: SentInvoice, unitPrice: number): Promise<SentInvoice> {
  const draft = await t.request('POST', '/v1/invoices', {
    key,
    body: {
      customerId: first.customerId,
      invoiceDate: '2026-03-02',
      rows: [{ description: 'Mer arbete', quantity: 1, unitPrice, vatRate: 25 }],
    },
  });
  const sent = await t.request('POST', `/v1/invoices/${draft.json().id}/send`, { key });
  expect(sent.statusCode, sent.body).toBe(200);
  return {
    id: sent.json().id,
    ocr: sent.json().ocr,
    total: sent.json().total,
    customerId: first.customerId,
  };
}

const pay = async (invoiceId: string, amount: number) => {
  const res = await t.request('POST', '/v1/payments', {
    key,
    body: { invoiceId, amount, date: '2026-03-02' },
  });
  expect(res.statusCode, res.body).toBe(201);
};

const credit = async (customerId: string) =>
  (await t.request('GET', `/v1/customers/${customerId}/credit`, { key })).json();

describe('the client’s choice', () => {
  it('is apply by default; the client (or the operator) may set refund', async () => {
    const url = `/v1/tenants/${tenantId}/credit-handling`;
    expect((await t.request('GET', url, { key })).json()).toEqual({ handling: 'apply' });
    const put = await t.request('PUT', url, { key, body: { handling: 'refund' } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await t.request('GET', url, { key: OPERATOR_TOKEN })).json()).toEqual({
      handling: 'refund',
    });
    const other = await t.createTenant({ name: 'Annan AB' });
    expect(
      (
        await t.request('PUT', `/v1/tenants/${other.id}/credit-handling`, {
          key,
          body: { handling: 'apply' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.request('PUT', url, { key, body: { handling: 'keep' } })).statusCode).toBe(400);
  });
});

describe('credit kept for the client to use or refund', () => {
  let first: SentInvoice;
  let second: SentInvoice;
  let stranger: SentInvoice;

  beforeAll(async () => {
    first = await h.newInvoice('Tillgodo Kund AB', 8_000); // 100,00 kr incl. VAT
    second = await anotherInvoice(first, 16_000); // 200,00 kr
    stranger = await h.newInvoice('Främmande Kund AB', 8_000);
    await pay(first.id, first.total + 5_000);
  });

  it('an overpayment is the customer’s balance, with its movement', async () => {
    const c = await credit(first.customerId);
    expect(c).toMatchObject({ balance: 5_000, handling: 'refund', refunds: [] });
    expect(c.movements).toEqual([
      expect.objectContaining({ kind: 'payment', amount: 5_000, invoiceId: first.id }),
    ]);
    expect((await h.invoice(second.id)).balance.total).toBe(second.total); // not applied
    expect((await h.trialBalance()).balance('2420')).toBe(-5_000);
  });

  it('refuses more than the balance, another customer’s invoice, a paid invoice', async () => {
    const url = `/v1/customers/${first.customerId}/credit/apply`;
    const entries = await h.countRows('journal_entry');
    const tooMuch = await t.request('POST', url, {
      key,
      body: { invoiceId: second.id, amount: 6_000 },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().detail).toContain('balance 5000 öre, amount 6000 öre');
    const foreign = await t.request('POST', url, { key, body: { invoiceId: stranger.id } });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('invoiceId');
    expect((await t.request('POST', url, { key, body: { invoiceId: first.id } })).statusCode).toBe(
      409,
    );
    const missing = await t.request('POST', url, {
      key,
      body: { invoiceId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.statusCode).toBe(404);
    const noCustomer = await t.request(
      'POST',
      '/v1/customers/00000000-0000-4000-8000-000000000000/credit/apply',
      { key, body: { invoiceId: second.id } },
    );
    expect(noCustomer.statusCode).toBe(404);
    expect(await h.countRows('journal_entry')).toBe(entries);
  });

  it('applies part of it to an open invoice of the customer: 2420 against 1510', async () => {
    const res = await t.request('POST', `/v1/customers/${first.customerId}/credit/apply`, {
      key,
      body: { invoiceId: second.id, amount: 2_000 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      invoiceId: second.id,
      amount: 2_000,
      principal: 2_000,
      remaining: second.total - 2_000,
      invoiceStatus: 'sent',
      balance: 3_000,
    });
    const inv = await h.invoice(second.id);
    expect(inv.balance.total).toBe(second.total - 2_000);
    expect(inv.events.map((e: { type: string }) => e.type)).toContain('credit_applied');
    expect((await h.trialBalance()).balance('2420')).toBe(-3_000);
    expect((await credit(first.customerId)).movements.at(-1)).toMatchObject({
      kind: 'applied',
      amount: -2_000,
      invoiceId: second.id,
    });
    await h.expectBooksBalanced();
  });

  it('refuses a refund above the balance or to an account that is not one', async () => {
    const url = `/v1/customers/${first.customerId}/credit/refund`;
    const tooMuch = await t.request('POST', url, { key, body: { amount: 4_000, account: IBAN } });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().detail).toContain('balance 3000 öre, amount 4000 öre');
    const bad = await t.request('POST', url, {
      key,
      body: { amount: 1_000, account: 'SE00 1234' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('account');
  });

  it('refunds to the customer’s IBAN: booked 2420 / 1689, waiting for the payout run', async () => {
    const before = (await h.trialBalance()).balance('1689');
    const res = await t.request('POST', `/v1/customers/${first.customerId}/credit/refund`, {
      key,
      body: { amount: 1_000, account: IBAN },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      amount: 1_000,
      account: 'SE4550000000058398257466',
      accountKind: 'iban',
      status: 'waiting',
      balance: 2_000,
    });
    const { balance } = await h.trialBalance();
    expect(balance('2420')).toBe(-2_000);
    expect(balance('1689')).toBe(before - 1_000);
    await h.expectBooksBalanced();
  });

  it('the payout run pays the refund as its own transfer and the client that much less', async () => {
    const funds = (await h.trialBalance()).balance('1689');
    const res = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-02' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json();
    expect(run.payouts).toEqual([expect.objectContaining({ tenantId, amount: funds })]);
    expect(run.refunds).toEqual([
      expect.objectContaining({ amount: 1_000, account: 'SE4550000000058398257466' }),
    ]);
    expect(run.amount).toBe(funds + 1_000);
    const xml = (await t.request('GET', `/v1/payouts/${run.fileId}/file`, { key: OPERATOR_TOKEN }))
      .body;
    const doc = new XMLParser({ parseTagValue: false }).parse(xml).Document.CstmrCdtTrfInitn;
    expect(doc.GrpHdr.NbOfTxs).toBe('2');
    const txs = [doc.PmtInf.CdtTrfTxInf].flat();
    const refund = txs.find((x: { Cdtr: { Nm: string } }) => x.Cdtr.Nm === 'Tillgodo Kund AB');
    expect(refund.Amt.InstdAmt).toBe('10.00');
    expect(refund.CdtrAcct.Id.IBAN).toBe('SE4550000000058398257466');
    const { balance } = await h.trialBalance();
    expect(balance('1689')).toBe(0);
    expect(balance('1930')).toBe(funds);
    await h.expectBooksBalanced();
    const report = await t.request('GET', `/v1/payouts/${run.fileId}/report`, { key });
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(
      lines.some((l) => l.startsWith('Återbetalning;Tillgodo Kund AB;2026-03-02;-10,00')),
    ).toBe(true);
    expect(lines.at(-1)!.split(';')[8]).toBe((funds / 100).toFixed(2).replace('.', ','));
    const pdf = await t.request('GET', `/v1/payouts/${run.fileId}/report?format=pdf`, { key });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('redovisning-2026-03-02.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await credit(first.customerId)).refunds).toEqual([
      expect.objectContaining({ status: 'paid_out', payoutId: run.payouts[0].id }),
    ]);
  });

  it('a refund larger than what the client collected since waits for money', async () => {
    await t.request('POST', `/v1/customers/${first.customerId}/credit/refund`, {
      key,
      body: { amount: 2_000, account: '5050-1055' },
    });
    const res = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-02' },
    });
    expect(res.json()).toMatchObject({ fileId: null, refunds: [] });
    expect(res.json().skipped[0].reason).toMatch(/refunds of 2000 öre wait/);
    await pay(stranger.id, stranger.total);
    const next = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-02' },
    });
    expect(next.json()).toMatchObject({
      payouts: [{ amount: stranger.total - 2_000 }],
      refunds: [{ amount: 2_000, accountKind: 'bankgiro', account: '50501055' }],
    });
    expect((await credit(first.customerId)).balance).toBe(0);
    expect((await h.trialBalance()).balance('1689')).toBe(0);
    await h.expectBooksBalanced();
  });
});

describe('credit applied automatically (the choice apply)', () => {
  it('an overpayment pays the customer’s other open invoices at once', async () => {
    await t.request('PUT', `/v1/tenants/${tenantId}/credit-handling`, {
      key,
      body: { handling: 'apply' },
    });
    const a = await h.newInvoice('Automatisk Kund AB', 8_000);
    const b = await anotherInvoice(a, 8_000);
    const c = await anotherInvoice(a, 8_000);
    const before = (await h.trialBalance()).balance('2420');
    await pay(a.id, a.total + b.total + 3_000);
    expect((await h.invoice(b.id)).status).toBe('paid');
    expect((await h.invoice(c.id)).balance.total).toBe(c.total - 3_000);
    const cr = await credit(a.customerId);
    expect(cr.balance).toBe(0);
    expect(cr.movements.map((m: { kind: string; amount: number }) => [m.kind, m.amount])).toEqual([
      ['payment', b.total + 3_000],
      ['applied', -b.total],
      ['applied', -3_000],
    ]);
    expect((await h.trialBalance()).balance('2420')).toBe(before);
    await h.expectBooksBalanced();
  });
});
