/**
 * Goal: money in through the public API — Bankgirot's sample file, generated BgMax files paying
 * our own invoices (full, part, over, split, free text, deductions), camt.054 — refused whole
 * when invalid or repeated, each payment booked once, and after every step a zero-sum trial
 * balance and a reconciled receivable. Both databases (DATABASE_URL).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ore } from '../../src/domain/money.ts';
import {
  BGMAX_FIXTURES,
  camt,
  CAMT_FIXTURES,
  kr,
  paymentHelpers,
  type SentInvoice,
} from '../support/payment-helpers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SAMPLE = new URL('bankgirot-example-ocr-check-length.txt', BGMAX_FIXTURES);

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

describe('importing Bankgirot’s sample file', () => {
  it('queues all seven payments, none booked', async () => {
    const res = await h.upload(await readFile(SAMPLE), 'text/plain');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      format: 'bgmax',
      payments: 7,
      matched: 0,
      unmatched: 7,
      skipped: 0,
      amount: 990_000,
    });
    const queue = (await t.request('GET', '/v1/payments?unmatched=true', { key })).json();
    expect(queue.items).toHaveLength(7);
    const deduction = queue.items.find((p: { kind: string }) => p.kind === 'deduction');
    expect(deduction).toMatchObject({ amount: 50_000, references: ['89853'], status: 'unmatched' });
    expect(await h.countRows('journal_entry')).toBe(
      await h.countRows("journal_entry WHERE code = 'invoice_issued'"),
    );
    await h.expectBooksBalanced();
  });

  it('the same file again is refused with 409 and books nothing', async () => {
    const before = await h.countRows('payment');
    const res = await h.upload(await readFile(SAMPLE), 'application/octet-stream');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('bank_file_already_imported');
    expect(await h.countRows('payment')).toBe(before);
  });

  it('a file repeating those payments with an EUR section books the EUR payments nowhere', async () => {
    const res = await h.upload(
      await readFile(new URL('bankgirot-example-three-sections.txt', BGMAX_FIXTURES)),
      'text/plain',
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ payments: 9, matched: 0, unmatched: 2, skipped: 7 });
    const queue = (await t.request('GET', '/v1/payments?unmatched=true&limit=100', { key })).json();
    const eur = queue.items.filter((p: { currency: string }) => p.currency === 'EUR');
    expect(eur).toHaveLength(2);
    const inv = await h.newInvoice('Euro Kund AB', 10_000);
    const match = await t.request('POST', `/v1/payments/${eur[0].id}/match`, {
      key,
      body: { invoiceId: inv.id },
    });
    expect(match.statusCode).toBe(422);
    await h.expectBooksBalanced();
  });

  it('refuses an invalid file whole, naming line and field, booking nothing', async () => {
    const before = await h.countRows('payment');
    const res = await h.upload(
      await readFile(new URL('broken-deposit-amount.txt', BGMAX_FIXTURES)),
      'text/plain',
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('bank_file_invalid');
    expect(body.errors).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/^line \d+, TK15\.amount$/) }),
    );
    expect(body.detail).toMatch(/line \d+, TK15\.amount/);
    expect(await h.countRows('payment')).toBe(before);
    const notXml = await h.upload('<Document>nope</Document>', 'application/xml');
    expect(notXml.statusCode).toBe(422);
    const empty = await h.upload('', 'text/plain');
    expect(empty.statusCode).toBe(422);
  });

  it('refuses a body over 50 MB with 413 problem+json', async () => {
    const res = await h.upload(Buffer.alloc(50 * 1024 * 1024 + 1, 0x20), 'text/plain');
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('a generated BgMax file paying our invoices by OCR', () => {
  let full: SentInvoice;
  let part: SentInvoice;
  let over: SentInvoice;
  let splitA: SentInvoice;
  let splitB: SentInvoice;
  let byText: SentInvoice;
  let file: string;

  beforeAll(async () => {
    full = await h.newInvoice('Hela Betalningen AB', 100_000);
    part = await h.newInvoice('Delbetalaren AB', 200_000);
    over = await h.newInvoice('Överbetalaren AB', 40_000);
    splitA = await h.newInvoice('Delad Betalning AB', 10_000);
    splitB = await h.newInvoice('Delad Betalning AB', 20_000, key, 12);
    byText = await h.newInvoice('Fritext Betalaren AB', 8_000);
    file = h.bgmax([
      { reference: full.ocr, amountOre: ore(BigInt(full.total)), payerName: 'Hela Betalningen AB' },
      { reference: part.ocr, amountOre: ore(100_000n) },
      { reference: over.ocr, amountOre: ore(BigInt(over.total + 5_000)) },
      {
        reference: `${splitA.ocr} ${splitB.ocr}`,
        amountOre: ore(BigInt(splitA.total + splitB.total)),
        extraReferences: [splitA.ocr, splitB.ocr],
      },
      { reference: '', amountOre: ore(BigInt(byText.total)), message: `Faktura OCR ${byText.ocr}` },
    ]);
  });

  it('matches and books every payment', async () => {
    const res = await h.upload(file, 'text/plain; charset=utf-8');
    expect(res.statusCode, res.body).toBe(201);
    const expected =
      full.total + 100_000 + over.total + 5_000 + splitA.total + splitB.total + byText.total;
    expect(res.json()).toMatchObject({
      payments: 5,
      matched: 5,
      unmatched: 0,
      skipped: 0,
      amount: expected,
    });
    const { balance } = await h.trialBalance();
    expect(balance('1689')).toBe(expected);
    expect(balance('2420')).toBe(-5_000);
    await h.expectBooksBalanced();
  });

  it('a full payment marks the invoice paid and ends its flow', async () => {
    const inv = await h.invoice(full.id);
    expect(inv).toMatchObject({ status: 'paid', balance: { total: 0 } });
    const payment = inv.events.find((e: { type: string }) => e.type === 'payment');
    expect(payment).toMatchObject({ date: '2026-03-02', amount: full.total });
    expect(payment.detail).toMatchObject({
      principal: String(full.total),
      overpaid: '0',
      remaining: '0',
    });
    const row = await t.db.query<{ next_action_date: unknown; payments_applied_ore: unknown }>(
      'SELECT next_action_date, payments_applied_ore FROM invoice WHERE invoice_id = $1',
      [full.id],
    );
    expect(row[0]!.next_action_date).toBeNull();
    expect(BigInt(String(row[0]!.payments_applied_ore))).toBe(BigInt(full.total));
  });

  it('a part payment leaves the rest owed and the invoice in the flow', async () => {
    const inv = await h.invoice(part.id);
    expect(inv).toMatchObject({ status: 'sent', balance: { principal: part.total - 100_000 } });
    const row = await t.db.query<{ next_action_date: unknown }>(
      'SELECT next_action_date FROM invoice WHERE invoice_id = $1',
      [part.id],
    );
    expect(row[0]!.next_action_date).not.toBeNull();
  });

  it('an overpayment becomes the customer’s credit balance', async () => {
    expect(await h.invoice(over.id)).toMatchObject({ status: 'paid', balance: { total: 0 } });
    const credit = await t.db.query<{ s: unknown }>(
      'SELECT SUM(amount_ore)::int8 AS s FROM customer_credit WHERE tenant_id = $1 AND customer_id = $2',
      [tenantId, over.customerId],
    );
    expect(BigInt(String(credit[0]!.s))).toBe(5_000n);
  });

  it('extra references split one payment across their invoices; free text finds an OCR', async () => {
    expect((await h.invoice(splitA.id)).status).toBe('paid');
    expect((await h.invoice(splitB.id)).status).toBe('paid');
    expect((await h.invoice(byText.id)).status).toBe('paid');
    const payments = (await t.request('GET', '/v1/payments?limit=500', { key })).json().items;
    const split = payments.find((p: { allocations: unknown[] }) => p.allocations.length === 2);
    expect(split.allocations.map((a: { invoiceId: string }) => a.invoiceId)).toEqual([
      splitA.id,
      splitB.id,
    ]);
    const text = payments.find((p: { message: string | null }) => p.message?.includes(byText.ocr));
    expect(text).toMatchObject({ status: 'matched', matchedBy: 'text' });
  });

  it('the same file twice is 409 and books nothing', async () => {
    const entries = await h.countRows('journal_entry');
    const res = await h.upload(file, 'text/plain');
    expect(res.statusCode).toBe(409);
    expect(await h.countRows('journal_entry')).toBe(entries);
  });

  it('the same payment in another file is booked once', async () => {
    const late = await h.newInvoice('Sen Betalare AB', 30_000);
    // The second payment has the BGC serial number, date and payee bankgiro of the first
    // payment of `file` (serials count up from `first`); the first one is new.
    const again = h.bgmax(
      [
        { reference: late.ocr, amountOre: ore(BigInt(late.total)) },
        { reference: full.ocr, amountOre: ore(BigInt(full.total)) },
      ],
      { first: h.lastSerial() - 1 },
    );
    const entries = await h.countRows('journal_entry');
    const res = await h.upload(again, 'text/plain');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ payments: 2, matched: 1, skipped: 1 });
    expect(await h.countRows('journal_entry')).toBe(entries + 1);
    expect((await h.invoice(late.id)).status).toBe('paid');
    expect(
      (await h.invoice(full.id)).events.filter((e: { type: string }) => e.type === 'payment'),
    ).toHaveLength(1);
    await h.expectBooksBalanced();
  });

  it('a deduction (TK21) reopens what its payment paid', async () => {
    const victim = await h.newInvoice('Återkallad Betalning AB', 12_000);
    const pay = await h.upload(
      h.bgmax([{ reference: victim.ocr, amountOre: ore(BigInt(victim.total)) }]),
      'text/plain',
    );
    expect(pay.json().matched).toBe(1);
    expect((await h.invoice(victim.id)).status).toBe('paid');
    const back = await h.upload(
      h.bgmax([
        { reference: victim.ocr, amountOre: ore(BigInt(victim.total)), deduction: true },
        { reference: part.ocr, amountOre: ore(BigInt(victim.total + 1)) },
      ]),
      'text/plain',
    );
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ matched: 2, unmatched: 0 });
    const inv = await h.invoice(victim.id);
    expect(inv).toMatchObject({ status: 'sent', balance: { principal: victim.total } });
    expect(inv.events.map((e: { type: string }) => e.type)).toContain('payment_reversed');
    const list = (await t.request('GET', '/v1/payments?limit=500', { key })).json().items;
    const original = list.find((p: { status: string }) => p.status === 'reversed');
    expect(original.allocations[0]).toMatchObject({ invoiceId: victim.id, reversed: true });
    const deduction = list.find(
      (p: { reversesPaymentId: string | null }) => p.reversesPaymentId === original.id,
    );
    expect(deduction.allocations[0]).toMatchObject({ principal: -victim.total });
    await h.expectBooksBalanced();
  });

  it('two concurrent imports of one file: one books, the other is 409', async () => {
    const inv = await h.newInvoice('Samtidig Import AB', 9_000);
    const text = h.bgmax([{ reference: inv.ocr, amountOre: ore(BigInt(inv.total)) }]);
    const entries = await h.countRows('journal_entry');
    const results = await Promise.all([h.upload(text, 'text/plain'), h.upload(text, 'text/plain')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await h.countRows('journal_entry')).toBe(entries + 1);
    await h.expectBooksBalanced();
  });

  it('a deduction whose payment cannot be identified waits in the queue', async () => {
    const res = await h.upload(
      h.bgmax([
        { reference: part.ocr, amountOre: ore(1_234n), deduction: true },
        { reference: '', amountOre: ore(2_000n) },
      ]),
      'text/plain',
    );
    expect(res.json()).toMatchObject({ matched: 0, unmatched: 2 });
    const queue = (await t.request('GET', '/v1/payments?unmatched=true&limit=500', { key })).json();
    expect(
      queue.items.filter(
        (p: { kind: string; amount: number }) => p.kind === 'deduction' && p.amount === 1_234,
      ),
    ).toHaveLength(1);
    await h.expectBooksBalanced();
  });
});

describe('camt.054', () => {
  it('imports the bank-style fixture: booked credits queued, debit and pending entries ignored', async () => {
    const xml = await readFile(new URL('camt054-001.02-bankgiro.xml', CAMT_FIXTURES));
    const res = await h.upload(xml, 'application/xml');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      format: 'camt054',
      payments: 5,
      matched: 0,
      unmatched: 5,
      amount: 300_000,
    });
    await h.expectBooksBalanced();
  });

  it('matches a structured (SCOR) reference and a reference in Ustrd', async () => {
    const a = await h.newInvoice('Camt Betalare AB', 15_000);
    const b = await h.newInvoice('Camt Fritext AB', 25_000);
    const xml = camt('CAMT-TEST-1', [
      { ref: a.ocr, amount: kr(a.total), name: 'Camt Betalare AB', id: 'CT-1' },
      { text: `Avser faktura ${b.ocr}`, amount: kr(b.total), name: 'Camt Fritext AB', id: 'CT-2' },
    ]);
    const res = await h.upload(xml, 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      format: 'camt054',
      matched: 2,
      unmatched: 0,
      amount: a.total + b.total,
    });
    expect((await h.invoice(a.id)).status).toBe('paid');
    expect((await h.invoice(b.id)).status).toBe('paid');
    await h.expectBooksBalanced();
  });
});
