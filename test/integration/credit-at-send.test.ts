/**
 * Goal: with the client's credit handling 'apply', a customer's credit balance that waits (an
 * overpayment with no other open invoice) is applied to the customer's next invoice when it is
 * sent — in the send's transaction, booked 2420 / 1510 — and the invoice document asks only for
 * what is left; with 'refund' nothing is applied; the collection run then follows the reduced
 * amount. Method: the public API on a manual clock, the queued document's stored payload and the
 * rendered e-invoice read back. Both databases (DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePayload } from '../../src/domain/documents/payload-codec.ts';
import { paymentHelpers, type SentInvoice } from '../support/payment-helpers.ts';
import { company, createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
let h: ReturnType<typeof paymentHelpers>;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  ({ apiKey: key } = await t.createTenant());
  h = paymentHelpers(t, key);
});
afterAll(() => t.close());

/** Drafts and sends an invoice to an existing customer: 1 row at 25 % VAT. */
async function sendInvoice(customerId: string, unitPrice: number, auth = key) {
  const draft = await t.request('POST', '/v1/invoices', {
    key: auth,
    body: {
      customerId,
      invoiceDate: '2026-03-02',
      termsDays: 30,
      rows: [{ description: 'Nästa månad', quantity: 1, unitPrice, vatRate: 25 }],
    },
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const sent = await t.request('POST', `/v1/invoices/${draft.json().id}/send`, { key: auth });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json();
}

/** Pays `amount` on the invoice, dated today (2026-03-02). */
async function pay(invoiceId: string, amount: number, auth = key) {
  const res = await t.request('POST', '/v1/payments', {
    key: auth,
    body: { invoiceId, amount, date: '2026-03-02' },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const creditOf = async (customerId: string, auth = key) =>
  (await t.request('GET', `/v1/customers/${customerId}/credit`, { key: auth })).json();

/** The invoice document queued by the send, as the renderer will read it. */
async function invoicePayload(invoiceId: string) {
  const rows = await t.db.query<{ document_id: string; payload: unknown }>(
    `SELECT document_id, payload FROM document WHERE invoice_id = $1 AND kind = 'invoice'`,
    [invoiceId],
  );
  expect(rows).toHaveLength(1);
  const raw =
    typeof rows[0]!.payload === 'string' ? JSON.parse(rows[0]!.payload) : rows[0]!.payload;
  return { documentId: rows[0]!.document_id, data: decodePayload(raw) as Record<string, unknown> };
}

const eventTypes = (inv: { events: { type: string }[] }) => inv.events.map((e) => e.type);

describe('credit waiting for the next invoice (handling apply, the default)', () => {
  let first: SentInvoice;
  let next: Record<string, any>;
  let before1510: number;

  beforeAll(async () => {
    first = await h.newInvoice('Överbetalare AB', 8_000); // 100,00 kr incl. VAT
    await pay(first.id, first.total + 3_000); // 30,00 kr too much
  });

  it('an overpayment with no other open invoice waits as the customer’s balance', async () => {
    const c = await creditOf(first.customerId);
    expect(c).toMatchObject({ balance: 3_000, handling: 'apply' });
    expect((await h.trialBalance()).balance('2420')).toBe(-3_000);
  });

  it('is applied to the next invoice when it is sent: 2420 / 1510, balance used up', async () => {
    before1510 = (await h.trialBalance()).balance('1510');
    next = await sendInvoice(first.customerId, 16_000); // 200,00 kr incl. VAT
    expect(next.total).toBe(20_000);
    // The send's answer already shows the reduced open amount.
    expect(next).toMatchObject({ status: 'sent', balance: { principal: 17_000, total: 17_000 } });
    const inv = await h.invoice(next.id);
    expect(inv.balance.total).toBe(17_000);
    expect(inv.nextActionDate).toBe(inv.dueDate);
    const applied = inv.events.find((e: { type: string }) => e.type === 'credit_applied');
    expect(applied).toMatchObject({
      date: '2026-03-02',
      amount: 3_000,
      detail: { principal: '3000', remaining: '17000' },
    });
    expect(eventTypes(inv)).toContain('sent');
    const c = await creditOf(first.customerId);
    expect(c.balance).toBe(0);
    expect(c.movements.at(-1)).toMatchObject({
      kind: 'applied',
      amount: -3_000,
      invoiceId: next.id,
    });
  });

  it('keeps the books: 2420 back to 0, 1510 up by total − credit, reconciled', async () => {
    const { balance } = await h.trialBalance();
    expect(balance('2420')).toBe(0);
    expect(balance('1510') - before1510).toBe(20_000 - 3_000);
    await h.expectBooksBalanced();
  });

  it('queues the invoice document with the credit applied and the amount to pay', async () => {
    const { data } = await invoicePayload(next.id);
    expect(data).toMatchObject({ total: 20_000n, creditApplied: 3_000n, amountToPay: 17_000n });
    expect(data).not.toHaveProperty('chargedAtSend');
    expect(data).not.toHaveProperty('writtenOffAtSend');
  });

  it('sends a later invoice without credit exactly as before', async () => {
    const third = await sendInvoice(first.customerId, 4_000);
    expect(third.balance.total).toBe(5_000);
    const { data } = await invoicePayload(third.id);
    expect(data).not.toHaveProperty('creditApplied');
    expect(data).not.toHaveProperty('amountToPay');
    expect(eventTypes(await h.invoice(third.id))).not.toContain('credit_applied');
  });
});

describe('credit larger than the next invoice', () => {
  let customerId: string;
  let next: Record<string, any>;

  beforeAll(async () => {
    // An e-invoice customer, so the rendered UBL can be read back through the API.
    const c = await t.request('POST', '/v1/customers', {
      key,
      body: {
        ...company,
        name: 'Förskottsbetalare AB',
        deliveryMethod: 'einvoice',
        peppolId: '0007:5560360793',
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    customerId = c.json().id;
    const first = await sendInvoice(customerId, 8_000); // 100,00 kr
    await pay(first.id, first.total + 25_000); // 250,00 kr too much
    expect((await creditOf(customerId)).balance).toBe(25_000);
    next = await sendInvoice(customerId, 16_000); // 200,00 kr
  });

  it('the invoice is paid at send and leaves the flow; the leftover credit stays', async () => {
    expect(next).toMatchObject({ status: 'paid', nextActionDate: null, balance: { total: 0 } });
    const inv = await h.invoice(next.id);
    expect(inv.events.find((e: { type: string }) => e.type === 'credit_applied')).toMatchObject({
      amount: 20_000,
      detail: { remaining: '0' },
    });
    expect((await creditOf(customerId)).balance).toBe(5_000);
    expect((await h.trialBalance()).balance('2420')).toBe(-5_000);
    await h.expectBooksBalanced();
  });

  it('the document says nothing is to be paid: PrepaidAmount = total, PayableAmount 0', async () => {
    const { documentId, data } = await invoicePayload(next.id);
    expect(data).toMatchObject({ creditApplied: 20_000n, amountToPay: 0n });
    const res = await t.request('GET', `/v1/documents/${documentId}`, { key });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.body).toContain('<cbc:PrepaidAmount currencyID="SEK">200.00</cbc:PrepaidAmount>');
    expect(res.body).toContain('<cbc:PayableAmount currencyID="SEK">0.00</cbc:PayableAmount>');
    expect(res.body).not.toContain('cac:PaymentMeans');
  });
});

describe('credit handling refund', () => {
  let refundKey: string;
  let customerId: string;

  beforeAll(async () => {
    const tenant = await t.createTenant({ name: 'Återbetalaren AB' });
    refundKey = tenant.apiKey;
    const put = await t.request('PUT', `/v1/tenants/${tenant.id}/credit-handling`, {
      key: refundKey,
      body: { handling: 'refund' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const first = await paymentHelpers(t, refundKey).newInvoice('Väntande Kund AB', 8_000);
    customerId = first.customerId;
    await pay(first.id, first.total + 3_000, refundKey);
  });

  it('applies nothing at send: the credit waits for the client, the document is unchanged', async () => {
    const next = await sendInvoice(customerId, 16_000, refundKey);
    expect(next).toMatchObject({ status: 'sent', balance: { total: 20_000 } });
    expect((await creditOf(customerId, refundKey)).balance).toBe(3_000);
    expect(eventTypes(await h.invoice(next.id, refundKey))).not.toContain('credit_applied');
    const { data } = await invoicePayload(next.id);
    expect(data).not.toHaveProperty('creditApplied');
    await paymentHelpers(t, refundKey).expectBooksBalanced();
  });
});

describe('the collection run after credit at send', () => {
  let covered: string;
  let reduced: string;

  beforeAll(async () => {
    // One customer whose credit covers its next invoice, one whose credit covers a part.
    for (const [name, extra] of [
      ['Täckt Kund AB', 30_000],
      ['Delvis Täckt Kund AB', 4_000],
    ] as const) {
      const first = await h.newInvoice(name, 8_000);
      await pay(first.id, first.total + extra);
      const next = await sendInvoice(first.customerId, 16_000); // 200,00 kr, due 2026-04-01
      if (extra >= 20_000) covered = next.id;
      else reduced = next.id;
    }
    // One run catches up every day well past the due date.
    const run = await t.request('POST', '/v1/collection/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-05-04' },
    });
    expect(run.statusCode, run.body).toBe(200);
  });

  it('sends nothing for an invoice the credit paid in full', async () => {
    const inv = await h.invoice(covered);
    expect(inv.status).toBe('paid');
    expect(inv.documents.map((d: { kind: string }) => d.kind)).toEqual(['invoice']);
    expect(eventTypes(inv)).not.toContain('reminder_sent');
  });

  it('reminds of the reduced amount otherwise', async () => {
    const inv = await h.invoice(reduced);
    expect(eventTypes(inv)).toContain('reminder_sent');
    const reminder = inv.documents.find((d: { kind: string }) => d.kind === 'reminder');
    const rows = await t.db.query<{ payload: unknown }>(
      'SELECT payload FROM document WHERE document_id = $1',
      [reminder.id],
    );
    const raw = rows[0]!.payload;
    const letter = decodePayload(typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      capital: bigint;
    };
    expect(letter.capital).toBe(16_000n); // 200,00 kr − 40,00 kr credit
    expect(inv.balance.principal).toBe(16_000);
    await h.expectBooksBalanced();
  });
});

describe('an invoice sent after its due date (back-dated)', () => {
  it('gets no credit at send: it may owe interest already; the credit waits', async () => {
    const first = await h.newInvoice('Sent för sent AB', 8_000);
    await pay(first.id, first.total + 2_000);
    const draft = await t.request('POST', '/v1/invoices', {
      key,
      body: {
        customerId: first.customerId,
        invoiceDate: '2026-01-15',
        termsDays: 30, // due 2026-02-14, before today (2026-03-02)
        rows: [{ description: 'Januari', quantity: 1, unitPrice: 8_000, vatRate: 25 }],
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const sent = await t.request('POST', `/v1/invoices/${draft.json().id}/send`, { key });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', balance: { principal: 10_000 } });
    expect(eventTypes(await h.invoice(draft.json().id))).not.toContain('credit_applied');
    expect((await creditOf(first.customerId)).balance).toBe(2_000);
    const { data } = await invoicePayload(draft.json().id);
    expect(data).not.toHaveProperty('creditApplied');
    await h.expectBooksBalanced();
  });
});
