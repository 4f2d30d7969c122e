/**
 * Goal: the operator's fees through the HTTP API. The operator sets a client's schedule (a client
 * may read but not set it; limits answer 422); the payout run charges the client's invoices and
 * reminders not yet charged plus a share of the money, with 25 % VAT, and pays the net: the
 * pain.001 carries the net, the books hold 6590 + 2641 = fee + VAT and 1689 returns to zero, the
 * CSV and PDF reports show the fee; a second run charges nothing, documents created later are
 * charged by the next run, a fee that does not fit waits. Both databases (DATABASE_URL).
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSettlementPdf } from '../../src/adapters/documents/settlement-pdf.ts';
import { extractPdfText } from '../../src/adapters/documents/pdf-text-extract.ts';
import { getSettlementPdf } from '../../src/application/payments/payout-reports.ts';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { kr, paymentHelpers, type SentInvoice } from '../support/payment-helpers.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let client: { id: string; apiKey: string };
let plain: { id: string; apiKey: string };
let h: ReturnType<typeof paymentHelpers>;

const SCHEDULE = {
  perInvoice: 500,
  perReminder: 1_000,
  perCollectionDemand: 2_500,
  collectedShareBasisPoints: 250,
};
const parser = new XMLParser({ parseTagValue: false });
const comma = (amount: number) => kr(amount).replace('.', ',');
const halfUp = (n: number, d: number) => Math.floor((2 * n + d) / (2 * d));

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  client = await t.createTenant({ name: 'Avgiftsklienten AB' });
  plain = await t.createTenant({ name: 'Utan Avgift AB' });
  h = paymentHelpers(t, client.apiKey);
});
afterAll(() => t.close());

const putFees = (id: string, body: unknown, key = OPERATOR_TOKEN) =>
  t.request('PUT', `/v1/operator/tenants/${id}/fees`, { key, body });

async function pay(invoice: SentInvoice, amount: number, date: string, key = client.apiKey) {
  const res = await t.request('POST', '/v1/payments', {
    key,
    body: { invoiceId: invoice.id, amount, date },
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function runPayouts(date: string) {
  const res = await t.request('POST', '/v1/payouts/run', { key: OPERATOR_TOKEN, body: { date } });
  expect([200, 201], res.body).toContain(res.statusCode);
  return res.json();
}

async function csvLines(fileId: string, key = client.apiKey) {
  const res = await t.request('GET', `/v1/payouts/${fileId}/report`, { key });
  expect(res.statusCode, res.body).toBe(200);
  return res.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
}

describe('the fee schedule', () => {
  it('is all zero until the operator sets one; the client reads its own', async () => {
    const res = await t.request('GET', `/v1/tenants/${client.id}/fees`, { key: client.apiKey });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      perInvoice: 0,
      perReminder: 0,
      perCollectionDemand: 0,
      collectedShareBasisPoints: 0,
      vatPercent: 25,
      updatedAt: null,
    });
  });

  it('only the operator sets it; another client’s or an unknown id is 404', async () => {
    expect((await putFees(client.id, SCHEDULE, client.apiKey)).statusCode).toBe(403);
    expect(
      (await t.request('GET', `/v1/operator/tenants/${client.id}/fees`, { key: client.apiKey }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.request('GET', `/v1/tenants/${plain.id}/fees`, { key: client.apiKey })).statusCode,
    ).toBe(404);
    const unknown = '7d3c1f2e-0000-4000-8000-000000000001';
    expect((await putFees(unknown, SCHEDULE)).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/v1/operator/tenants/${unknown}/fees`, { key: OPERATOR_TOKEN }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses values outside the limits with 422, naming each field and its limit', async () => {
    const res = await putFees(client.id, {
      ...SCHEDULE,
      perInvoice: -1,
      perCollectionDemand: 10_000_001,
      collectedShareBasisPoints: 10_001,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: 'perInvoice', message: 'must be 0 or more' }),
      expect.objectContaining({
        path: 'perCollectionDemand',
        message: 'must be at most 10000000 öre (100 000 kr)',
      }),
      expect.objectContaining({
        path: 'collectedShareBasisPoints',
        message: 'must be at most 10000 basis points (100 %)',
      }),
    ]);
    const after = await t.request('GET', `/v1/tenants/${client.id}/fees`, { key: client.apiKey });
    expect(after.json().updatedAt).toBeNull();
  });

  it('the operator sets it; both read it back', async () => {
    const res = await putFees(client.id, SCHEDULE);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ...SCHEDULE, vatPercent: 25 });
    expect(res.json().updatedAt).toMatch(/^2026-03-02T/);
    const own = await t.request('GET', `/v1/tenants/${client.id}/fees`, { key: client.apiKey });
    expect(own.json()).toEqual(res.json());
    const op = await t.request('GET', `/v1/operator/tenants/${client.id}/fees`, {
      key: OPERATOR_TOKEN,
    });
    expect(op.json()).toEqual(res.json());
  });
});

describe('charging in the payout run', () => {
  let paid: SentInvoice;
  let late: SentInvoice;
  let gross: number;
  let fee: number;
  let vat: number;
  let firstFile: string;

  it('charges the documents sent and a share of the money, pays the net', async () => {
    paid = await h.newInvoice('Betalande Kund AB', 100_000);
    late = await h.newInvoice('Sen Kund AB', 40_000);
    const plainInvoice = await paymentHelpers(t, plain.apiKey).newInvoice('Kund Utan AB', 8_000);
    t.clock.set(calendarDate('2026-03-10'));
    await pay(paid, paid.total, '2026-03-10');
    await pay(plainInvoice, plainInvoice.total, '2026-03-10', plain.apiKey);
    // The unpaid one is due 2026-04-01; its reminder goes out 10 days later (next bank day).
    const run = await t.request('POST', '/v1/collection/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-04-14' },
    });
    expect(run.statusCode, run.body).toBe(200);
    const reminders = (await h.invoice(late.id)).documents.filter(
      (d: { kind: string }) => d.kind === 'reminder',
    );
    expect(reminders).toHaveLength(1);

    const result = await runPayouts('2026-04-14');
    gross = paid.total;
    const share = halfUp(gross * 250, 10_000);
    fee = 2 * 500 + 1_000 + share;
    vat = halfUp(fee * 25, 100);
    const net = gross - fee - vat;
    const mine = result.payouts.find((p: { tenantId: string }) => p.tenantId === client.id);
    const theirs = result.payouts.find((p: { tenantId: string }) => p.tenantId === plain.id);
    expect(mine.amount).toBe(net);
    expect(theirs.amount).toBe(plainInvoice.total);
    expect(result.amount).toBe(net + plainInvoice.total);
    firstFile = result.fileId;

    const xml = await t.request('GET', `/v1/payouts/${firstFile}/file`, { key: OPERATOR_TOKEN });
    const doc = parser.parse(xml.body).Document.CstmrCdtTrfInitn;
    expect(doc.GrpHdr.CtrlSum).toBe(kr(net + plainInvoice.total));
    const txs = [doc.PmtInf.CdtTrfTxInf].flat();
    const tx = txs.find((x: { Cdtr: { Nm: string } }) => x.Cdtr.Nm === 'Avgiftsklienten AB');
    expect(tx.Amt.InstdAmt).toBe(kr(net));

    const { balance } = await h.trialBalance();
    expect(balance('6590')).toBe(fee);
    expect(balance('2641')).toBe(vat);
    expect(balance('1930')).toBe(net);
    expect(balance('1689')).toBe(0);
    await h.expectBooksBalanced();
    const other = await paymentHelpers(t, plain.apiKey).trialBalance();
    expect(other.balance('6590')).toBe(0);
    expect(other.balance('1689')).toBe(0);
  });

  it('the CSV shows each fee line and gross, fee and net; a client without fees sees none', async () => {
    const lines = await csvLines(firstFile);
    expect(lines).toContain(
      `Serviceavgift;Fakturor 2 st à 5,00;2026-04-14;0,00;0,00;0,00;0,00;10,00;-10,00`,
    );
    expect(lines).toContain(
      `Serviceavgift;Påminnelser 1 st à 10,00;2026-04-14;0,00;0,00;0,00;0,00;10,00;-10,00`,
    );
    const share = fee - 2_000;
    expect(lines).toContain(
      `Serviceavgift;Andel 2,5 % av ${comma(gross)};2026-04-14;0,00;0,00;0,00;0,00;${comma(share)};-${comma(share)}`,
    );
    expect(lines).toContain(
      `Serviceavgift;Moms 25 % på ${comma(fee)};2026-04-14;0,00;0,00;0,00;0,00;${comma(vat)};-${comma(vat)}`,
    );
    const summa = lines.at(-1)!.split(';');
    expect(summa[0]).toBe('Summa');
    expect(summa[6]).toBe(comma(gross));
    expect(summa[7]).toBe(comma(fee + vat));
    expect(summa[8]).toBe(comma(gross - fee - vat));

    const plainLines = await csvLines(firstFile, plain.apiKey);
    expect(plainLines.some((l) => l.startsWith('Serviceavgift'))).toBe(false);
    expect(plainLines.at(-1)!.split(';')[7]).toBe('0,00');
  });

  it('the PDF shows the fee lines, the VAT and the net', async () => {
    const served = await t.request('GET', `/v1/payouts/${firstFile}/report?format=pdf`, {
      key: client.apiKey,
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same use case with compression off, so the text can be read back.
    const pdf = await getSettlementPdf(
      t.ctx,
      { renderSettlementReport: (data) => renderSettlementPdf(data, { compress: false }) },
      client.id,
      firstFile,
    );
    if (!pdf.ok) throw new Error(pdf.error.detail);
    const text = extractPdfText(Buffer.from(pdf.value.pdf.bytes));
    const sv = (amount: number) => comma(amount).replace(/\B(?=(\d{3})+(?!\d),)/g, ' ');
    for (const expected of [
      'Fakturor',
      'Påminnelser',
      'Andel av inbetalt, 2,5 %',
      'Moms 25 %',
      'Summa serviceavgift',
      sv(fee + vat),
      'Moms på serviceavgift',
      sv(vat),
      `${sv(gross - fee - vat)} kr`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('a second run the same day charges nothing new', async () => {
    const again = await runPayouts('2026-04-14');
    expect(again).toMatchObject({ fileId: null, payouts: [] });
    const { balance } = await h.trialBalance();
    expect(balance('6590')).toBe(fee);
    expect(balance('1689')).toBe(0);
  });

  it('documents created later are charged by the next run, the earlier ones never again', async () => {
    t.clock.set(calendarDate('2026-04-15'));
    const next = await h.newInvoice('Ny Kund AB', 20_000);
    await pay(late, late.total, '2026-04-15');
    const result = await runPayouts('2026-04-15');
    const share = halfUp(late.total * 250, 10_000);
    const fee2 = 500 + share;
    const vat2 = halfUp(fee2 * 25, 100);
    expect(result.payouts).toEqual([
      expect.objectContaining({ tenantId: client.id, amount: late.total - fee2 - vat2 }),
    ]);
    const lines = await csvLines(result.fileId);
    expect(lines.filter((l) => l.startsWith('Serviceavgift;'))).toEqual([
      `Serviceavgift;Fakturor 1 st à 5,00;2026-04-15;0,00;0,00;0,00;0,00;5,00;-5,00`,
      `Serviceavgift;Andel 2,5 % av ${comma(late.total)};2026-04-15;0,00;0,00;0,00;0,00;${comma(share)};-${comma(share)}`,
      `Serviceavgift;Moms 25 % på ${comma(fee2)};2026-04-15;0,00;0,00;0,00;0,00;${comma(vat2)};-${comma(vat2)}`,
    ]);
    const { balance } = await h.trialBalance();
    expect(balance('6590')).toBe(fee + fee2);
    expect(balance('2641')).toBe(vat + vat2);
    expect(balance('1689')).toBe(0);
    await h.expectBooksBalanced();
    expect(next.id).toBeDefined();
    const stamped = await t.db.query<{ n: unknown }>(
      'SELECT count(*)::int8 AS n FROM operator_fee_item WHERE tenant_id = $1',
      [client.id],
    );
    expect(Number(stamped[0]!.n)).toBe(4);
  });

  it('a fee larger than the payout charges what fits; the rest waits for the next payout', async () => {
    // Schedule changed: applies from the next run. 1 000 kr per invoice cannot fit in 60 kr.
    expect(
      (
        await putFees(client.id, {
          perInvoice: 100_000,
          perReminder: 0,
          perCollectionDemand: 0,
          collectedShareBasisPoints: 0,
        })
      ).statusCode,
    ).toBe(200);
    const big = await h.newInvoice('Stor Kund AB', 400_000);
    await pay(big, 6_000, '2026-04-15');
    const small = await runPayouts('2026-04-15');
    expect(small.payouts).toEqual([
      expect.objectContaining({ tenantId: client.id, amount: 6_000 }),
    ]);
    expect((await csvLines(small.fileId)).some((l) => l.startsWith('Serviceavgift;'))).toBe(false);
    // The uncharged invoice keeps the scan start at or before it, so the next run finds it.
    const [waiting] = await t.db.query<{ created_at: unknown; scan_from: unknown }>(
      `SELECT d.created_at, s.scan_from FROM document d JOIN operator_fee_schedule s USING (tenant_id)
        WHERE d.tenant_id = $1 AND d.invoice_id = $2 AND d.kind = 'invoice'`,
      [client.id, big.id],
    );
    expect(Date.parse(String(waiting!.scan_from))).toBeLessThanOrEqual(
      Date.parse(String(waiting!.created_at)),
    );
    await pay(big, big.total - 6_000, '2026-04-15');
    const rest = await runPayouts('2026-04-15');
    expect(rest.payouts).toEqual([
      expect.objectContaining({ tenantId: client.id, amount: big.total - 6_000 - 125_000 }),
    ]);
    expect(await csvLines(rest.fileId)).toContain(
      `Serviceavgift;Fakturor 1 st à 1000,00;2026-04-15;0,00;0,00;0,00;0,00;1000,00;-1000,00`,
    );
    expect((await h.trialBalance()).balance('1689')).toBe(0);
    await h.expectBooksBalanced();
  });

  it('reads only documents created since the scan start: an hour before the last run', async () => {
    expect((await putFees(client.id, SCHEDULE)).statusCode).toBe(200);
    t.clock.set(calendarDate('2026-04-16'));
    const day = await h.newInvoice('Dagens Kund AB', 8_000);
    await pay(day, day.total, '2026-04-16');
    await runPayouts('2026-04-16');
    const [s] = await t.db.query<{ scan_from: unknown }>(
      'SELECT scan_from FROM operator_fee_schedule WHERE tenant_id = $1',
      [client.id],
    );
    // Everything is charged: the start is the run's instant less the hour's margin (manual clock:
    // the day's instants start at 06:00).
    expect(new Date(String(s!.scan_from)).toISOString()).toMatch(/^2026-04-16T05:00:00\.\d{3}Z$/);
    // A document from before the scan start (as if of an earlier day, never charged) is not read.
    await t.db.query(
      `INSERT INTO document (tenant_id, document_id, invoice_id, kind, channel, document_date,
         recipient, payload, created_at)
       SELECT tenant_id, $3, invoice_id, kind, channel, document_date, recipient, payload,
              '2026-04-16T04:00:00Z'
         FROM document WHERE tenant_id = $1 AND invoice_id = $2 AND kind = 'invoice'`,
      [client.id, day.id, '0190a000-0000-7000-8000-000000000001'],
    );
    t.clock.set(calendarDate('2026-04-17'));
    const later = await h.newInvoice('Morgondagens Kund AB', 8_000);
    await pay(later, later.total, '2026-04-17');
    const run = await runPayouts('2026-04-17');
    expect(
      (await csvLines(run.fileId)).filter((l) => l.startsWith('Serviceavgift;Fakturor')),
    ).toEqual([`Serviceavgift;Fakturor 1 st à 5,00;2026-04-17;0,00;0,00;0,00;0,00;5,00;-5,00`]);
  });
});
