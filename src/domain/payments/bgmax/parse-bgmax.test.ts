/**
 * Goal: parseBgMax reads Bankgirot's example files exactly (domain.md §12 vectors 22–27) and
 * rejects broken files with issues that name line and field. Method: golden fixtures, plus
 * small hand-made variants of the sample, one per rule, in the order the parser checks them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeParseIssue, type BankFile, type ParseIssue } from '../bank-file.ts';
import { parseBgMax } from './parse-bgmax.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const SAMPLE = fixture('bankgirot-example-ocr-check-length.txt');
const SAMPLE_LINES = SAMPLE.split('\n');

function parsed(text: string): BankFile {
  const result = parseBgMax(text);
  if (!result.ok) throw new Error(result.error.map(describeParseIssue).join('\n'));
  return result.value;
}

function issuesOf(text: string): readonly ParseIssue[] {
  const result = parseBgMax(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.error;
}

/** The sample with line `lineNumber` (1-based) replaced; pads to 80 like a real record. */
function withLine(lineNumber: number, content: string): string {
  const lines = [...SAMPLE_LINES];
  lines[lineNumber - 1] = content.padEnd(80, ' ');
  return lines.join('\n');
}

const allPayments = (file: BankFile) => file.sections.flatMap((s) => s.payments);

describe('parseBgMax on Bankgirot example files', () => {
  const file = parsed(SAMPLE);
  const [first, second] = file.sections;

  it('vector 22: TK01 gives layout BGMAX version 01, timestamp 2004-05-25 17:30:35.010331, production', () => {
    expect(file.format).toBe('bgmax');
    expect(file.formatVersion).toBe('01');
    expect(file.fileReference).toBe('20040525173035010331');
    expect(file.createdAt).toBe('2004-05-25T17:30:35.010331');
    expect(file.test).toBe(false);
  });

  it('vector 23: the first TK20 is payer BG 0003783511, OCR 655969, 100000 öre, channel 2, serial 10', () => {
    const payment = first!.payments[0]!;
    expect(payment).toMatchObject({
      kind: 'payment',
      amountOre: 100000n,
      references: ['655969'],
      referenceCode: '2',
      structured: true,
      channel: 'supplier_payments',
      bankTransactionId: '000000000010',
      imageAvailable: false,
      lineNumber: 3,
    });
    expect(payment.payer).toEqual({
      name: 'Kalles Plåt AB',
      address: 'Storgatan 2',
      postalCode: '12345',
      city: 'Storåker',
      organisationNumber: '005500001234',
      bankgiro: '0003783511',
    });
  });

  it('vector 24: the TK21 is a deduction of 50000 öre, text reference 89853 (code 3), deduction code 0', () => {
    expect(first!.payments[1]).toMatchObject({
      kind: 'deduction',
      amountOre: 50000n,
      references: ['89853'],
      referenceCode: '3',
      structured: false,
      deductionCode: '0',
    });
  });

  it('vector 25: the first TK15 is account 5841000001009823, 2004-05-25, deposit 74, 190000 öre SEK, 3 payments', () => {
    expect(first).toMatchObject({
      payeeAccount: '0009912346',
      payeeAccountKind: 'bankgiro',
      depositAccount: '5841000001009823',
      bookingDate: '2004-05-25',
      depositReference: '00074',
      amountOre: 190000n,
      currency: 'SEK',
    });
    expect(first!.payments).toHaveLength(3);
    expect(second!.amountOre).toBe(800000n);
  });

  it('vector 26: 2-section file has 6 payments, 1 deduction, 6 extra references, 2 deposits', () => {
    const payments = allPayments(file);
    expect(payments.filter((p) => p.kind === 'payment')).toHaveLength(6);
    expect(payments.filter((p) => p.kind === 'deduction')).toHaveLength(1);
    expect(payments.flatMap((p) => p.extraReferences)).toHaveLength(6);
    expect(file.sections).toHaveLength(2);
  });

  it('vector 26: the 3-section copy (EUR deposit last) has 8 / 1 / 9 / 3', () => {
    const three = parsed(fixture('bankgirot-example-three-sections.txt'));
    const payments = allPayments(three);
    expect(payments.filter((p) => p.kind === 'payment')).toHaveLength(8);
    expect(payments.filter((p) => p.kind === 'deduction')).toHaveLength(1);
    expect(payments.flatMap((p) => p.extraReferences)).toHaveLength(9);
    expect(three.sections.map((s) => s.currency)).toEqual(['SEK', 'SEK', 'EUR']);
    // Code 3 text with commas: each reference becomes a matching candidate.
    expect(three.sections[2]!.payments[0]!.references).toEqual(['801266', '801365', '801464']);
    expect(three.sections[2]!.payments[0]!.message).toBe('Faktura801465');
  });

  it('vector 27: an unknown TK (99) is skipped with a notice, not an error', () => {
    const withUnknown = parsed(fixture('with-unknown-record.txt'));
    expect(withUnknown.notices).toContainEqual(
      expect.objectContaining({ line: 5, code: 'unknown_record_skipped' }),
    );
    expect(allPayments(withUnknown).map((p) => p.amountOre)).toEqual(
      allPayments(file).map((p) => p.amountOre),
    );
    expect(first!.payments[0]!.payer?.postalCode).toBe('12345');
  });

  it('reads the TAB line 17 as extra reference 657965 (8-column tab stops) and says so', () => {
    const payment = first!.payments[2]!;
    expect(payment.extraReferences.map((e) => e.reference)).toEqual([
      '657866',
      '658765',
      '657767',
      '657965',
    ]);
    expect(payment.references).toEqual(['657866', '658765', '657767', '657965']);
    expect(payment.message).toBe('Betalning med extra refnr 657965');
    expect(file.notices).toContainEqual(
      expect.objectContaining({ line: 17, code: 'tab_expanded' }),
    );
  });

  it('joins several TK25 lines into the message and keeps a code-1 payment without references', () => {
    expect(second!.payments[3]!.message).toBe('Faktura 658369\nFaktura 658468');
    expect(second!.payments[1]).toMatchObject({
      references: [],
      referenceCode: '1',
      channel: 'paper',
      imageAvailable: true,
    });
  });

  it('gives every payment a unique bank reference; the repeated serial 16 gets a suffix and a notice', () => {
    const keys = allPayments(file).map((p) => p.bankReference);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('bgmax:0009912346:2004-05-25:000000000016');
    expect(keys).toContain('bgmax:0009912346:2004-05-25:000000000016:2');
    expect(file.notices).toContainEqual(
      expect.objectContaining({ line: 40, code: 'duplicate_bank_reference' }),
    );
  });

  it('gives the same result for CRLF, CR, a BOM and trailing blank lines', () => {
    const variants = [
      SAMPLE.replaceAll('\n', '\r\n'),
      SAMPLE.replaceAll('\n', '\r'),
      `\uFEFF${SAMPLE}`,
      `${SAMPLE}\n\n  \n`,
    ];
    for (const variant of variants) expect(parsed(variant).sections).toEqual(file.sections);
  });

  it('keeps a TK23 reference as a flagged negative extra reference, never a matching candidate', () => {
    const text = withLine(
      15,
      '230003783511                   658765000000000000000000220000000000140',
    );
    const lines = text.split('\n');
    const payment = parsed(lines.join('\n')).sections[0]!.payments[2]!;
    expect(payment.extraReferences[1]).toMatchObject({ reference: '658765', negative: true });
    expect(payment.references).not.toContain('658765');
  });
});

describe('parseBgMax rejects broken files, naming line and field', () => {
  const cases: [string, string, Partial<ParseIssue>][] = [
    [
      'broken-truncated.txt',
      'truncated file: no TK15, no TK70',
      { code: 'missing_end_record', field: 'TK70' },
    ],
    [
      'broken-deposit-amount.txt',
      'TK15 amount ≠ payments − deductions',
      { line: 23, field: 'TK15.amount', code: 'deposit_amount_mismatch' },
    ],
    [
      'broken-non-digit-amount.txt',
      'a letter in an amount',
      { line: 3, field: 'TK20.amount', code: 'invalid_digits' },
    ],
    [
      'broken-end-counts.txt',
      'TK70 payment count off by one',
      { line: 50, field: 'TK70.paymentCount', code: 'end_count_mismatch' },
    ],
    [
      'broken-long-line.txt',
      'a line past column 80',
      { line: 4, field: 'line', code: 'line_too_long' },
    ],
  ];
  it.each(cases)('%s: %s', (name, _what, expected) => {
    expect(issuesOf(fixture(name))).toContainEqual(expect.objectContaining(expected));
  });

  it('reports the truncated file also as an unclosed section', () => {
    expect(issuesOf(fixture('broken-truncated.txt')).map((i) => i.code)).toEqual([
      'section_not_closed',
      'missing_end_record',
    ]);
  });

  const variants: [string, () => string, Partial<ParseIssue>][] = [
    ['empty input', () => '', { line: 1, code: 'empty_file' }],
    [
      'first record not TK01',
      () => SAMPLE_LINES.slice(1).join('\n'),
      { line: 1, field: 'TK01', code: 'missing_start_record' },
    ],
    [
      'layout name not BGMAX',
      () => withLine(1, '01BGMIN               0120040525173035010331P'),
      { line: 1, field: 'TK01.layoutName', code: 'unsupported_layout' },
    ],
    [
      'layout version 02',
      () => withLine(1, '01BGMAX               0220040525173035010331P'),
      { line: 1, field: 'TK01.version', code: 'unsupported_version' },
    ],
    [
      'impossible timestamp',
      () => withLine(1, '01BGMAX               0120040231173035010331P'),
      { line: 1, field: 'TK01.timestamp', code: 'invalid_timestamp' },
    ],
    [
      'test mark X',
      () => withLine(1, '01BGMAX               0120040525173035010331X'),
      { line: 1, field: 'TK01.testMark', code: 'invalid_value' },
    ],
    [
      'record code not digits',
      () => withLine(4, 'X6Kalles Plåt AB'),
      { line: 4, field: 'TK', code: 'invalid_record_code' },
    ],
    [
      'letters in a bankgiro',
      () => withLine(2, '05000991234X          SEK'),
      { line: 2, field: 'TK05.payeeBankgiro', code: 'invalid_digits' },
    ],
    [
      'lower-case currency',
      () => withLine(2, '050009912346          sek'),
      { line: 2, field: 'TK05.currency', code: 'invalid_currency' },
    ],
    [
      'TK15 currency differs from TK05',
      () =>
        withLine(
          23,
          '15000000000000000000058410000010098232004052500074000000000000190000EUR00000003',
        ),
      { line: 23, field: 'TK15.currency', code: 'currency_mismatch' },
    ],
    [
      'TK15 count off',
      () =>
        withLine(
          23,
          '15000000000000000000058410000010098232004052500074000000000000190000SEK00000004',
        ),
      { line: 23, field: 'TK15.paymentCount', code: 'deposit_count_mismatch' },
    ],
    [
      'TK15 date 2004-02-30',
      () =>
        withLine(
          23,
          '15000000000000000000058410000010098232004023000074000000000000190000SEK00000003',
        ),
      { line: 23, field: 'TK15.paymentDate', code: 'invalid_date' },
    ],
    [
      'letters in an orgnr',
      () => withLine(7, '2900550000123A'),
      { line: 7, field: 'TK29.organisationNumber', code: 'invalid_digits' },
    ],
    [
      'payment before any TK05',
      () => withLine(2, '200003783511                   655969000000000000100000220000000000100'),
      { line: 2, field: 'TK20', code: 'record_outside_section' },
    ],
    [
      'TK15 without TK05 opens nothing',
      () =>
        withLine(
          24,
          '15000000000000000000058410000010098232004052500075000000000000800000SEK00000004',
        ),
      { line: 24, field: 'TK05', code: 'record_outside_section' },
    ],
    [
      'name record before any payment',
      () => withLine(3, '26Kalles Plåt AB'),
      { line: 3, field: 'TK26', code: 'record_without_payment' },
    ],
    [
      'TK05 while a section is open',
      () => withLine(23, '050009912346          SEK'),
      { line: 23, field: 'TK15', code: 'section_not_closed' },
    ],
    [
      'record after TK70',
      () => `${SAMPLE}\n${SAMPLE_LINES[1]}`,
      { line: 51, field: 'TK', code: 'record_after_end' },
    ],
    [
      'second TK01',
      () => withLine(24, SAMPLE_LINES[0]!),
      { line: 24, field: 'TK01', code: 'duplicate_start_record' },
    ],
  ];
  it.each(variants)('%s', (_name, build, expected) => {
    expect(issuesOf(build())).toContainEqual(expect.objectContaining(expected));
  });

  it('reports a broken TK01 once, by its field, not also as a missing start record', () => {
    const issues = issuesOf(withLine(1, '01BGMAX               0120040525173035010331X'));
    expect(issues.map((i) => i.code)).toEqual(['invalid_value']);
  });

  it('names a line and a field in every issue of every broken variant', () => {
    const texts = [
      ...cases.map(([name]) => fixture(name)),
      ...variants.map(([, build]) => build()),
    ];
    for (const issue of texts.flatMap(issuesOf)) {
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.field).toBeTruthy();
      expect(describeParseIssue(issue)).toMatch(/^line \d+, /);
    }
  });

  it('stops after 100 issues on a file that is not BgMax at all', () => {
    const garbage = Array.from({ length: 500 }, (_, i) => `x${i}`).join('\n');
    const issues = issuesOf(garbage);
    expect(issues.length).toBeLessThanOrEqual(102);
    expect(issues.at(-1)?.code).toBe('too_many_issues');
  });
});
