/**
 * Goal: the unmatched queue (suggestions, manual match), manual payments, write-off of a
 * residual, operator files routed to clients by OCR, and payouts (one pain.001 whose CtrlSum is
 * the client funds, settlement reports, never paying twice) — with balanced books after every
 * step. Both databases (DATABASE_URL).
 */
import { readFile } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { ore } from '../../src/domain/money.ts';
import { BGMAX_FIXTURES, kr, paymentHelpers } from '../support/payment-helpers.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
let tenantId: string;
let other: { id: string; apiKey: string };
let h: ReturnType<typeof paymentHelpers>;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  ({ id: tenantId, apiKey: key } = await t.createTenant());
  other = await t.createTenant({ name: 'Andra Klienten AB' });
  h = paymentHelpers(t, key);
  // The queue needs the sample file's payments waiting (they match no invoice of ours).
  const sample = new URL('bankgirot-example-ocr-check-length.txt', BGMAX_FIXTURES);
  expect((await h.upload(await readFile(sample), 'text/plain')).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('the unmatched queue, manual matching and manual payments', () => {
  it('suggests the invoice that fits amount and payer, and matches it by hand', async () => {
    // The sample's 700,00 kr from "Berits Garn" (OCR 659763, not ours) waits in the queue.
    const berit = await h.newInvoice('Berits Garn', 56_000); // 560,00 + 25 % = 700,00
    const queue = (await t.request('GET', '/v1/payments?unmatched=true&limit=500', { key })).json();
    const waiting = queue.items.find((p: { references: string[] }) =>
      p.references.includes('659763'),
    );
    expect(waiting.suggestions[0]).toMatchObject({ invoiceId: berit.id, score: 100, owed: 70_000 });
    const res = await t.request('POST', `/v1/payments/${waiting.id}/match`, {
      key,
      body: { invoiceId: berit.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'matched',
      matchedBy: 'manual',
      allocations: [{ invoiceId: berit.id, principal: 70_000 }],
    });
    expect((await h.invoice(berit.id)).status).toBe('paid');
    const again = await t.request('POST', `/v1/payments/${waiting.id}/match`, {
      key,
      body: { invoiceId: berit.id },
    });
    expect(again.statusCode).toBe(409);
    await h.expectBooksBalanced();
  });

  it('another client sees neither the payment nor the queue', async () => {
    const mine = (await t.request('GET', '/v1/payments?limit=1', { key })).json().items[0];
    expect(
      (await t.request('GET', `/v1/payments/${mine.id}`, { key: other.apiKey })).statusCode,
    ).toBe(404);
    expect((await t.request('GET', `/v1/payments/${mine.id}`, { key })).statusCode).toBe(200);
    expect(
      (await t.request('GET', '/v1/payments', { key: other.apiKey })).json().items,
    ).toHaveLength(0);
  });

  it('registers manual payments by OCR and by invoice id; a reference twice is 409', async () => {
    const inv = await h.newInvoice('Kontant Betalare AB', 10_000);
    const first = await t.request('POST', '/v1/payments', {
      key,
      body: { ocr: inv.ocr, amount: 5_000, date: '2026-03-02', reference: 'kvitto-1' },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'matched', matchedBy: 'manual', amount: 5_000 });
    expect((await h.invoice(inv.id)).balance.principal).toBe(inv.total - 5_000);
    const twice = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId: inv.id, amount: 5_000, date: '2026-03-02', reference: 'kvitto-1' },
    });
    expect(twice.statusCode).toBe(409);
    const rest = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId: inv.id, amount: inv.total - 5_000, date: '2026-03-02' },
    });
    expect(rest.statusCode, rest.body).toBe(201);
    expect((await h.invoice(inv.id)).status).toBe('paid');
    const bad = await t.request('POST', '/v1/payments', {
      key,
      body: { amount: 100, date: '2026-03-02' },
    });
    expect(bad.statusCode).toBe(422);
    await h.expectBooksBalanced();
  });

  it('writes off a residual below the client’s threshold: capital ex VAT, and its VAT', async () => {
    const patch = await t.request('PATCH', `/v1/tenants/${tenantId}/policy`, {
      key,
      body: { writeOffBelow: 1_000 },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const inv = await h.newInvoice('Nästan Betalt AB', 80_000); // 1 000,00 kr incl. VAT
    const before = await h.trialBalance();
    const res = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId: inv.id, amount: inv.total - 500, date: '2026-03-02' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().allocations[0]).toMatchObject({
      principal: inv.total - 500,
      writtenOff: 500,
    });
    expect(await h.invoice(inv.id)).toMatchObject({ status: 'paid', balance: { total: 0 } });
    const after = await h.trialBalance();
    expect(after.balance('6351') - before.balance('6351')).toBe(400); // 5,00 kr incl. 25 % VAT
    expect(after.balance('2611') - before.balance('2611')).toBe(100);
    await t.request('PATCH', `/v1/tenants/${tenantId}/policy`, { key, body: { writeOffBelow: 0 } });
    await h.expectBooksBalanced();
  });
});

describe('operator files', () => {
  it('routes payments to their clients by the tenant number in the OCR; the rest waits for the operator', async () => {
    const mine = await h.newInvoice('Operatörsbetalare AB', 20_000);
    const theirs = await h.newInvoice('Annan Klients Kund AB', 30_000, other.apiKey);
    const res = await h.upload(
      h.bgmax([
        { reference: mine.ocr, amountOre: ore(BigInt(mine.total)) },
        { reference: theirs.ocr, amountOre: ore(BigInt(theirs.total - 1_000)) },
        { reference: '', amountOre: ore(1_000n), payerName: 'Annan Klients Kund AB' },
      ]),
      'text/plain',
      OPERATOR_TOKEN,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ payments: 3, matched: 2, unmatched: 1 });
    expect((await h.invoice(mine.id)).status).toBe('paid');
    expect((await h.invoice(theirs.id, other.apiKey)).balance.principal).toBe(1_000);
    const queue = (
      await t.request('GET', '/v1/payments?unmatched=true', { key: OPERATOR_TOKEN })
    ).json();
    expect(queue.items).toHaveLength(1);
    const waiting = queue.items[0];
    const noClient = await t.request('POST', `/v1/payments/${waiting.id}/match`, {
      key: OPERATOR_TOKEN,
      body: { invoiceId: theirs.id },
    });
    expect(noClient.statusCode).toBe(422);
    const matched = await t.request('POST', `/v1/payments/${waiting.id}/match`, {
      key: OPERATOR_TOKEN,
      body: { invoiceId: theirs.id, tenantId: other.id },
    });
    expect(matched.statusCode, matched.body).toBe(200);
    expect((await h.invoice(theirs.id, other.apiKey)).status).toBe('paid');
    expect(
      (await t.request('GET', `/v1/payments/${waiting.id}`, { key: other.apiKey })).statusCode,
    ).toBe(200);
    expect(
      (await t.request('GET', '/v1/payments?unmatched=true', { key: OPERATOR_TOKEN })).json().items,
    ).toHaveLength(0);
    await h.expectBooksBalanced();
    await h.expectBooksBalanced(other.apiKey);
  });
});

describe('payouts', () => {
  const parser = new XMLParser({ parseTagValue: false });

  it('pays each client its collected funds in one pain.001 file, with a settlement report', async () => {
    t.clock.set(calendarDate('2026-03-03'));
    // An overpayment is paid out too (the client owes it to its customer: 2420).
    const generous = await h.newInvoice('Generös Kund AB', 2_000);
    const over = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId: generous.id, amount: generous.total + 700, date: '2026-03-03' },
    });
    expect(over.statusCode, over.body).toBe(201);
    const fundsA = (await h.trialBalance()).balance('1689');
    const fundsB = (await h.trialBalance(other.apiKey)).balance('1689');
    expect(fundsA).toBeGreaterThan(0);
    expect(fundsB).toBeGreaterThan(0);
    const res = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-03' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json();
    expect(run.amount).toBe(fundsA + fundsB);
    expect(run.payouts.map((p: { tenantId: string }) => p.tenantId).sort()).toEqual(
      [tenantId, other.id].sort(),
    );

    const file = await t.request('GET', `/v1/payouts/${run.fileId}/file`, { key: OPERATOR_TOKEN });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/xml');
    const doc = parser.parse(file.body).Document.CstmrCdtTrfInitn;
    expect(doc.GrpHdr.CtrlSum).toBe(kr(fundsA + fundsB));
    expect(doc.GrpHdr.NbOfTxs).toBe('2');
    const txs = [doc.PmtInf.CdtTrfTxInf].flat();
    expect(txs.map((x: { Amt: { InstdAmt: unknown } }) => x.Amt.InstdAmt).sort()).toEqual(
      [kr(fundsA), kr(fundsB)].sort(),
    );
    expect(doc.PmtInf.DbtrAcct.Id.Othr.Id).toBe('50501055');

    const { balance } = await h.trialBalance();
    expect(balance('1689')).toBe(0);
    expect(balance('1930')).toBe(fundsA);
    await h.expectBooksBalanced();
    await h.expectBooksBalanced(other.apiKey);

    const report = await t.request('GET', `/v1/payouts/${run.fileId}/report`, { key });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Fakturanummer;Kund;Betaldatum;Kapital;Avgifter;Ränta/);
    const summa = lines[lines.length - 1]!.split(';');
    expect(summa[0]).toBe('Summa');
    expect(summa[8]).toBe(kr(fundsA).replace('.', ','));
    expect(lines.some((l) => l.includes('överbetalning'))).toBe(true);
    const asOperator = await t.request(
      'GET',
      `/v1/payouts/${run.fileId}/report?tenant=${other.id}`,
      { key: OPERATOR_TOKEN },
    );
    expect(asOperator.statusCode).toBe(200);
    expect((await t.request('GET', `/v1/payouts/${run.fileId}/file`, { key })).statusCode).toBe(
      403,
    );
  });

  it('a second run pays nothing new; new money is paid once, by the next run', async () => {
    const again = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-03' },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ fileId: null, amount: 0, payouts: [] });
    const inv = await h.newInvoice('Efter Utbetalningen AB', 4_000);
    await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId: inv.id, amount: 5_000, date: '2026-03-03' },
    });
    const next = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-03' },
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ amount: 5_000, payouts: [{ tenantId, amount: 5_000 }] });
    const third = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-03' },
    });
    expect(third.json().payouts).toEqual([]);
    expect((await h.trialBalance()).balance('1689')).toBe(0);
    await h.expectBooksBalanced();
    const future = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-04-01' },
    });
    expect(future.statusCode).toBe(422);
  });
});
