/**
 * Goal: parseCamt054 turns booked credits of camt.054.001.02 and .001.08 into the BankFile
 * shape, exact to the öre, and rejects anything else with an issue naming line and path.
 * Method: two hand-written fixtures with Swedish payers (batch, debit, free-text-only, EUR),
 * then one-edit variants of them, one per rule.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeParseIssue,
  type BankFile,
  type ParseIssue,
} from '../../../domain/payments/bank-file.ts';
import { parseCamt054 } from './parse-camt054.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const V02 = fixture('camt054-001.02-bankgiro.xml');
const V08 = fixture('camt054-001.08-iban.xml');

function parsed(text: string): BankFile {
  const result = parseCamt054(text);
  if (!result.ok) throw new Error(result.error.map(describeParseIssue).join('\n'));
  return result.value;
}

function issuesOf(text: string): readonly ParseIssue[] {
  const result = parseCamt054(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.error;
}

/** Replaces exactly one occurrence, so a variant cannot silently miss its target. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`not unique: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('parseCamt054 on camt.054.001.02 (bankgiro, default namespace)', () => {
  const file = parsed(V02);
  const payments = file.sections.flatMap((s) => s.payments);

  it('reads the header: MsgId as file reference, CreDtTm as written, version 001.02', () => {
    expect(file).toMatchObject({
      format: 'camt054',
      formatVersion: '001.02',
      fileReference: 'BGC054-20250314-000017',
      createdAt: '2025-03-14T06:12:44.123+01:00',
      test: false,
    });
  });

  it('makes one section per booked credit entry, on the bankgiro account', () => {
    expect(file.sections.map((s) => [s.depositReference, s.amountOre, s.bookingDate])).toEqual([
      ['BGC2025031300001', 125000n, '2025-03-13'],
      ['BGC2025031300002', 125000n, '2025-03-13'],
      ['BGC2025031300004', 50000n, '2025-03-13'],
    ]);
    expect(file.sections[0]).toMatchObject({
      payeeAccount: '9912346',
      payeeAccountKind: 'bankgiro',
      currency: 'SEK',
      lineNumber: 31,
    });
  });

  it('reads a SCOR reference as a structured OCR with payer details', () => {
    expect(payments[0]).toMatchObject({
      kind: 'payment',
      amountOre: 125000n,
      references: ['655969'],
      referenceCode: 'SCOR',
      structured: true,
      bankReference: 'camt:9912346:BGC2025031300001-0001',
      bankTransactionId: 'BGC2025031300001-0001',
      lineNumber: 53,
    });
    expect(payments[0]!.payer).toEqual({
      name: 'Kalles Plåt AB',
      address: 'Storgatan 2',
      postalCode: '12345',
      city: 'Storåker',
      countryCode: 'SE',
      organisationNumber: '5560360793',
      bankgiro: '3783511',
    });
    // NOTPROVIDED is the ISO placeholder, not an id.
    expect(payments[0]!.endToEndId).toBeUndefined();
  });

  it('splits the batch entry into one payment per TxDtls with its own TxAmt', () => {
    const batch = file.sections[1]!.payments;
    expect(batch.map((p) => [p.amountOre, p.references[0], p.payer?.name])).toEqual([
      [40000n, '657866', 'Åsa Öberg'],
      [60050n, '658765', 'Svensson & Söner AB'],
      [24950n, '004267', 'Lindqvist, Per'],
    ]);
    expect(batch[0]!.payer?.address).toBe('Ängsvägen 14, 752 36 Uppsala');
    expect(batch[0]!.endToEndId).toBe('E2E-7731-A');
  });

  it('keeps an OCR with leading zeros and amounts exact (parseTagValue off)', () => {
    expect(payments.map((p) => p.references[0])).toContain('004267');
    expect(payments.map((p) => p.amountOre)).toContain(60050n);
  });

  it('gives a free-text-only payment its Ustrd as message, no references, not structured', () => {
    expect(payments[4]).toMatchObject({
      amountOre: 50000n,
      references: [],
      structured: false,
      message: 'Faktura 1042 mars, Bergström Bygg',
      bankReference: 'camt:9912346:BGC2025031300004',
      endToEndId: '88213',
    });
  });

  it('ignores the debit entry and the pending credit, with notices naming line and path', () => {
    expect(file.notices).toEqual([
      expect.objectContaining({
        line: 222,
        field: 'Ntfctn[1]/Ntry[3]/CdtDbtInd',
        code: 'debit_entry_ignored',
      }),
      expect.objectContaining({
        line: 267,
        field: 'Ntfctn[1]/Ntry[5]/Sts',
        code: 'entry_not_booked',
      }),
    ]);
  });

  it('gives unique bank references', () => {
    const keys = payments.map((p) => p.bankReference);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('parseCamt054 on camt.054.001.08 (IBAN, ns2 prefix, Sts/Cd, DtTm, Dbtr/Pty)', () => {
  const file = parsed(V08);

  it('reads version 001.08 and both notifications, one of them in EUR', () => {
    expect(file.formatVersion).toBe('001.08');
    expect(file.sections.map((s) => [s.payeeAccount, s.currency, s.amountOre])).toEqual([
      ['SE4550000000058398257466', 'SEK', 200000n],
      ['SE4550000000058398257466', 'SEK', 75000n],
      ['SE7280000810340009783242', 'EUR', 8520n],
    ]);
    expect(file.sections.every((s) => s.payeeAccountKind === 'iban')).toBe(true);
  });

  it('takes the date part of BookgDt/DtTm', () => {
    expect(file.sections[0]!.bookingDate).toBe('2025-03-17');
  });

  it('reads Dbtr/Pty, TxDtls/Amt and the payer IBAN', () => {
    expect(file.sections[0]!.payments[0]).toMatchObject({
      amountOre: 200000n,
      references: ['1234574'],
      structured: true,
      endToEndId: 'INV-2025-0311',
      payer: {
        name: 'Bergström Bygg & Måleri AB',
        postalCode: '111 35',
        city: 'Stockholm',
        account: 'SE3550000000054910000003',
      },
    });
  });

  it('gives a lone TxDtls without an amount the entry amount, and keeps both OCR and Ustrd', () => {
    expect(file.sections[1]!.payments[0]).toMatchObject({
      amountOre: 75000n,
      references: ['202503199'],
      message: 'Delbetalning',
    });
  });

  it('reads the EUR payment in euro cents', () => {
    expect(file.sections[2]!.payments[0]).toMatchObject({
      amountOre: 8520n,
      references: ['650861'],
      payer: { countryCode: 'DE' },
    });
  });
});

describe('parseCamt054 tolerates harmless variations', () => {
  it('accepts a BOM and blank lines before the declaration, counting them in line numbers', () => {
    const file = parsed(`\uFEFF\n\n${V02}`);
    expect(file.sections[0]!.lineNumber).toBe(33);
  });

  it('accepts one decimal ("85.2") and CRLF line ends', () => {
    const file = parsed(
      edit(
        V08,
        '<ns2:Amt Ccy="EUR">85.20</ns2:Amt>\n        <ns2:CdtDbtInd>',
        '<ns2:Amt Ccy="EUR">85.2</ns2:Amt>\n        <ns2:CdtDbtInd>',
      ).replaceAll('\n', '\r\n'),
    );
    expect(file.sections[2]!.amountOre).toBe(8520n);
  });

  it('ignores a reversal entry with a notice', () => {
    const file = parsed(
      edit(V02, '<Sts>PDNG</Sts>', '<Sts>BOOK</Sts>\n        <RvslInd>true</RvslInd>'),
    );
    expect(file.notices.map((n) => n.code)).toContain('reversal_entry_ignored');
  });
});

describe('parseCamt054 rejects, naming line and path', () => {
  const variants: [string, () => string, Partial<ParseIssue>][] = [
    ['empty input', () => '  \n', { code: 'empty_file' }],
    ['plain text', () => 'hello, not xml', { field: 'xml', code: 'invalid_xml' }],
    ['truncated XML', () => V02.slice(0, 3000), { field: 'xml', code: 'invalid_xml' }],
    [
      'a DOCTYPE (entity expansion)',
      () =>
        `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<Document>&lol2;</Document>`,
      { line: 2, code: 'doctype_not_allowed' },
    ],
    [
      'a camt.053 statement',
      () => fixture('not-camt054-statement-camt053.xml'),
      { line: 3, code: 'not_camt054' },
    ],
    [
      'another root element',
      () =>
        '<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
      { code: 'not_camt054' },
    ],
    [
      'no namespace',
      () => V02.replace(' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"', ''),
      { code: 'not_camt054', field: 'Document/@xmlns' },
    ],
    [
      'version 001.01',
      () => V02.replace('xsd:camt.054.001.02', 'xsd:camt.054.001.01'),
      { code: 'unsupported_version' },
    ],
    [
      'no MsgId',
      () => edit(V02, '<MsgId>BGC054-20250314-000017</MsgId>', ''),
      { line: 7, field: 'GrpHdr/MsgId', code: 'missing_message_id' },
    ],
    [
      'no account',
      () => edit(V02, '<Id>9912346</Id>', ''),
      { line: 14, field: 'Ntfctn[1]/Acct/Id', code: 'missing_account' },
    ],
    [
      'three decimals',
      () => edit(V02, '<Amt Ccy="SEK">600.50</Amt>', '<Amt Ccy="SEK">600.505</Amt>'),
      {
        line: 166,
        field: 'Ntfctn[1]/Ntry[2]/NtryDtls/TxDtls[2]/AmtDtls/TxAmt/Amt',
        code: 'too_many_decimals',
      },
    ],
    [
      'a thousands separator',
      () =>
        edit(
          V08,
          '<ns2:Amt Ccy="SEK">2000.00</ns2:Amt>\n        <ns2:CdtDbtInd>',
          '<ns2:Amt Ccy="SEK">2,000.00</ns2:Amt>\n        <ns2:CdtDbtInd>',
        ),
      { line: 19, field: 'Ntfctn[1]/Ntry[1]/Amt', code: 'invalid_amount' },
    ],
    [
      'a negative amount',
      () => edit(V02, '<Amt Ccy="SEK">500.00</Amt>', '<Amt Ccy="SEK">-500.00</Amt>'),
      { line: 242, code: 'invalid_amount' },
    ],
    [
      'a zero amount',
      () => edit(V02, '<Amt Ccy="SEK">500.00</Amt>', '<Amt Ccy="SEK">0.00</Amt>'),
      { line: 242, code: 'amount_not_positive' },
    ],
    [
      'no currency',
      () => edit(V02, '<Amt Ccy="SEK">500.00</Amt>', '<Amt>500.00</Amt>'),
      { line: 242, code: 'invalid_currency' },
    ],
    [
      'batch that does not add up',
      () => edit(V02, '<Amt Ccy="SEK">400.00</Amt>', '<Amt Ccy="SEK">401.00</Amt>'),
      { line: 107, field: 'Ntfctn[1]/Ntry[2]/Amt', code: 'entry_amount_mismatch' },
    ],
    [
      'batch TxDtls without TxAmt',
      () => edit(V02, '<Amt Ccy="SEK">249.50</Amt>', ''),
      { line: 193, code: 'missing_transaction_amount' },
    ],
    [
      'TxAmt in another currency',
      () => edit(V02, '<Amt Ccy="SEK">249.50</Amt>', '<Amt Ccy="EUR">249.50</Amt>'),
      { line: 193, code: 'currency_mismatch' },
    ],
    [
      'no booking date',
      () =>
        edit(
          V02,
          '<Dt>2025-03-13</Dt>\n        </BookgDt>\n        <AcctSvcrRef>BGC2025031300004',
          '<Dt>2025-02-30</Dt>\n        </BookgDt>\n        <AcctSvcrRef>BGC2025031300004',
        ),
      { line: 242, code: 'invalid_booking_date' },
    ],
    [
      'neither CRDT nor DBIT',
      () =>
        edit(
          V02,
          '<Amt Ccy="SEK">500.00</Amt>\n        <CdtDbtInd>CRDT',
          '<Amt Ccy="SEK">500.00</Amt>\n        <CdtDbtInd>CRED',
        ),
      { line: 242, code: 'invalid_credit_debit_indicator' },
    ],
  ];
  it.each(variants)('%s', (_name, build, expected) => {
    expect(issuesOf(build())).toContainEqual(expect.objectContaining(expected));
  });

  it('names a field in every issue, and a line wherever the XML could be read', () => {
    for (const [name, build] of variants) {
      for (const issue of issuesOf(build())) {
        expect(issue.field, name).toBeTruthy();
        if (
          !['empty_file', 'not_camt054'].includes(issue.code) ||
          name === 'a camt.053 statement'
        ) {
          expect(issue.line, `${name}: ${describeParseIssue(issue)}`).toBeGreaterThan(0);
        }
      }
    }
  });
});
