/**
 * Helpers for the payment integration tests: upload a raw bank file, create and send an
 * invoice, read the books and check their two invariants, and generate BgMax / camt.054 files.
 */
import { expect } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import {
  generateBgMax,
  type GeneratedBgMaxPayment,
} from '../../src/domain/payments/bgmax/generate-bgmax.ts';
import { company, type TestApp } from './test-app.ts';

export const BGMAX_FIXTURES = new URL('../../src/domain/payments/bgmax/fixtures/', import.meta.url);
export const CAMT_FIXTURES = new URL(
  '../../src/adapters/bank-files/camt054/fixtures/',
  import.meta.url,
);

/** öre → "1234.50", as camt.054 and pain.001 write amounts. */
export const kr = (amount: number) => (amount / 100).toFixed(2);

export type SentInvoice = { id: string; ocr: string; total: number; customerId: string };

export function paymentHelpers(t: TestApp, key: string) {
  function upload(body: string | Buffer, contentType: string, auth = key) {
    return t.app.inject({
      method: 'POST',
      url: '/v1/payments/import',
      headers: { authorization: `Bearer ${auth}`, 'content-type': contentType },
      payload: body,
    });
  }

  async function newInvoice(
    name: string,
    unitPrice: number,
    auth = key,
    vatRate = 25,
  ): Promise<SentInvoice> {
    const c = await t.request('POST', '/v1/customers', { key: auth, body: { ...company, name } });
    expect(c.statusCode, c.body).toBe(201);
    const draft = await t.request('POST', '/v1/invoices', {
      key: auth,
      body: {
        customerId: c.json().id,
        invoiceDate: '2026-03-02',
        rows: [{ description: 'Arbete', quantity: 1, unitPrice, vatRate }],
      },
    });
    const sent = await t.request('POST', `/v1/invoices/${draft.json().id}/send`, { key: auth });
    expect(sent.statusCode, sent.body).toBe(200);
    const inv = sent.json();
    return { id: inv.id, ocr: inv.ocr, total: inv.total, customerId: c.json().id };
  }

  const invoice = async (id: string, auth = key) =>
    (await t.request('GET', `/v1/invoices/${id}`, { key: auth })).json();

  async function trialBalance(auth = key) {
    const res = await t.request('GET', '/v1/ledger/trial-balance?date=2030-12-31', { key: auth });
    const rows: { account: string; debit: number; credit: number }[] = res.json();
    const balance = (code: string) => {
      const row = rows.find((r) => r.account === code);
      return row === undefined ? 0 : row.debit - row.credit;
    };
    return { rows, balance };
  }

  /** flow.md's two invariants: a zero-sum trial balance, and 1510 = Σ open invoice balances. */
  async function expectBooksBalanced(auth = key) {
    const { rows } = await trialBalance(auth);
    const sum = (side: 'debit' | 'credit') => rows.reduce((s, r) => s + r[side], 0);
    expect(sum('debit')).toBe(sum('credit'));
    const rec = (await t.request('GET', '/v1/ledger/reconciliation', { key: auth })).json();
    expect(rec.balanced, JSON.stringify(rec)).toBe(true);
  }

  async function countRows(table: string) {
    const rows = await t.db.query<{ n: unknown }>(`SELECT count(*)::int8 AS n FROM ${table}`);
    return Number(rows[0]!.n);
  }

  let serial = 1000;
  /** A BgMax file; each call takes fresh BGC serial numbers unless `first` is given. */
  function bgmax(
    payments: GeneratedBgMaxPayment[],
    options: { date?: string; first?: number; currency?: string } = {},
  ) {
    const first = options.first ?? (serial += 100);
    const date = calendarDate(options.date ?? '2026-03-02');
    return generateBgMax({
      payments,
      paymentDate: date,
      firstSerialNumber: first,
      timestamp: `${date.replaceAll('-', '')}06${String(first).padStart(10, '0')}`,
      ...(options.currency === undefined ? {} : { currency: options.currency }),
    });
  }
  const lastSerial = () => serial;

  return {
    upload,
    newInvoice,
    invoice,
    trialBalance,
    expectBooksBalanced,
    countRows,
    bgmax,
    lastSerial,
  };
}

/** A minimal camt.054.001.02: one booked credit entry per payment, SCOR reference or free text. */
export function camt(
  msgId: string,
  payments: { ref?: string; text?: string; amount: string; name: string; id: string }[],
) {
  const entry = (p: (typeof payments)[number]) => `
    <Ntry><Amt Ccy="SEK">${p.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>${p.id}</AcctSvcrRef>
      <NtryDtls><TxDtls><Refs><AcctSvcrRef>${p.id}-1</AcctSvcrRef></Refs>
        <AmtDtls><TxAmt><Amt Ccy="SEK">${p.amount}</Amt></TxAmt></AmtDtls>
        <RltdPties><Dbtr><Nm>${p.name}</Nm></Dbtr></RltdPties>
        <RmtInf>${p.ref === undefined ? `<Ustrd>${p.text}</Ustrd>` : `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${p.ref}</Ref></CdtrRefInf></Strd>`}</RmtInf>
      </TxDtls></NtryDtls></Ntry>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>${msgId}</MsgId><CreDtTm>2026-03-02T06:00:00+01:00</CreDtTm></GrpHdr>
  <Ntfctn><Id>${msgId}-1</Id><Acct><Id><Othr><Id>9912346</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id></Acct>
  ${payments.map(entry).join('')}
  </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
}
