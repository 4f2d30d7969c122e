/**
 * SIE 4: the booking vectors of domain.md §12 (28–30) appear as #TRANS lines, the header follows
 * §6, strings are escaped, and every file we write reads back to the same vouchers and sums
 * (fast-check). The reader is also tried on a foreign-style file and on broken ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../calendar-date.ts';
import { ore, type Ore } from '../money.ts';
import { InvariantError } from '../result.ts';
import { accountName, defaultAccountMap } from './chart-of-accounts.ts';
import { parseSie4, writeSie4, type Sie4Input, type SieVoucher } from './sie4.ts';

const ACCOUNTS = ['1510', '1689', '1930', '2611', '3001', '3590', '6351', '8313'].map((code) => ({
  code,
  name: accountName(code)!,
}));

function input(vouchers: readonly SieVoucher[], overrides: Partial<Sie4Input> = {}): Sie4Input {
  return {
    program: { name: 'Reskontra', version: '0.1.0' },
    generatedDate: calendarDate('2025-12-31'),
    company: { name: 'Exempel AB', organisationNumber: '5560360793' },
    fiscalYear: { start: calendarDate('2025-01-01'), end: calendarDate('2025-12-31') },
    accounts: ACCOUNTS,
    vouchers,
    ...overrides,
  };
}

const voucher = (number: number, text: string, rows: [string, bigint][]): SieVoucher => ({
  series: 'A',
  number,
  date: calendarDate('2025-01-15'),
  text,
  transactions: rows.map(([account, amount]) => ({ account, amount: ore(amount) })),
});

const linesOf = (text: string): string[] => text.split('\r\n');

describe('writeSie4', () => {
  it('writes the header of §6 in order, with CR LF line ends', () => {
    const text = writeSie4(
      input([], {
        previousFiscalYear: { start: calendarDate('2024-01-01'), end: calendarDate('2024-12-31') },
      }),
    );
    expect(linesOf(text).slice(0, 11)).toEqual([
      '#FLAGGA 0',
      '#PROGRAM "Reskontra" "0.1.0"',
      '#FORMAT PC8',
      '#GEN 20251231',
      '#SIETYP 4',
      '#FNAMN "Exempel AB"',
      '#ORGNR 556036-0793',
      '#RAR 0 20250101 20251231',
      '#RAR -1 20240101 20241231',
      '#KPTYP BAS2014',
      '#KONTO 1510 "Kundfordringar"',
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('vector 28: invoice 1 000 kr + 25 % VAT books 1510 / 3001 / 2611 and sums to 0', () => {
    const { receivable, salesByVat, outputVatByVat } = defaultAccountMap;
    const text = writeSie4(
      input([
        voucher(1, 'Faktura 1001 Kund AB', [
          [receivable, 125000n],
          [salesByVat[25], -100000n],
          [outputVatByVat[25], -25000n],
        ]),
      ]),
    );
    expect(text).toContain(
      '#VER "A" 1 20250115 "Faktura 1001 Kund AB"\r\n{\r\n' +
        '#TRANS 1510 {} 1250.00\r\n#TRANS 3001 {} -1000.00\r\n#TRANS 2611 {} -250.00\r\n}\r\n',
    );
  });

  it('vector 29: reminder fee without VAT, interest on 8313, payment against 1510', () => {
    const text = writeSie4(
      input([
        voucher(2, 'Påminnelseavgift 1001', [
          ['1510', 6000n],
          ['3590', -6000n],
        ]),
        voucher(3, 'Dröjsmålsränta 1001', [
          ['1510', 9041n],
          ['8313', -9041n],
        ]),
        voucher(4, 'Betalning 1001', [
          ['1930', 140041n],
          ['1510', -140041n],
        ]),
      ]),
    );
    const lines = linesOf(text);
    const fee = lines.indexOf('#VER "A" 2 20250115 "Påminnelseavgift 1001"');
    expect(lines.slice(fee + 2, fee + 4)).toEqual([
      '#TRANS 1510 {} 60.00',
      '#TRANS 3590 {} -60.00',
    ]);
    expect(lines[fee + 4]).toBe('}'); // no VAT line on a fee
    expect(text).toContain('#TRANS 1510 {} 90.41\r\n#TRANS 8313 {} -90.41\r\n');
    expect(text).toContain('#TRANS 1930 {} 1400.41\r\n#TRANS 1510 {} -1400.41\r\n');
  });

  it('vector 30: a confirmed loss of 1 250 kr incl. VAT books 6351 / 2611 / 1510', () => {
    const text = writeSie4(
      input([
        voucher(5, 'Konstaterad förlust 1001', [
          ['6351', 100000n],
          ['2611', 25000n],
          ['1510', -125000n],
        ]),
      ]),
    );
    expect(text).toContain(
      '#TRANS 6351 {} 1000.00\r\n#TRANS 2611 {} 250.00\r\n#TRANS 1510 {} -1250.00\r\n',
    );
  });

  it('escapes quotes and backslashes, and turns control characters into spaces', () => {
    const text = writeSie4(
      input(
        [
          voucher(1, 'Rad\tett\nrad två', [
            ['1510', 1n],
            ['3001', -1n],
          ]),
        ],
        {
          company: { name: 'Kund "Bäst" AB \\ Co', organisationNumber: '556036-0793' },
        },
      ),
    );
    expect(text).toContain('#FNAMN "Kund \\"Bäst\\" AB \\\\ Co"\r\n');
    expect(text).toContain('"Rad ett rad två"');
    const parsed = parseSie4(text);
    expect(parsed.ok && parsed.value.company.name).toBe('Kund "Bäst" AB \\ Co');
  });

  it('writes opening balances as #IB 0', () => {
    const text = writeSie4(
      input([], { openingBalances: [{ account: '1510', amount: ore(5050n) }] }),
    );
    expect(text).toContain('#IB 0 1510 50.50\r\n');
  });

  it('throws InvariantError for an unbalanced voucher, an unlisted account, a date off-year', () => {
    expect(() =>
      writeSie4(
        input([
          voucher(1, 'x', [
            ['1510', 100n],
            ['3001', -99n],
          ]),
        ]),
      ),
    ).toThrow(/does not balance: it sums to 0.01/);
    expect(() =>
      writeSie4(
        input([
          voucher(1, 'x', [
            ['1510', 1n],
            ['3740', -1n],
          ]),
        ]),
      ),
    ).toThrow(InvariantError);
    const late = {
      ...voucher(1, 'x', [
        ['1510', 1n],
        ['3001', -1n],
      ]),
      date: calendarDate('2026-01-01'),
    };
    expect(() => writeSie4(input([late]))).toThrow(InvariantError);
    expect(() => writeSie4(input([voucher(1, 'x', []), voucher(1, 'y', [])]))).toThrow(
      InvariantError,
    );
  });
});

describe('parseSie4', () => {
  it("reads a file in another exporter's style: padding, { }, objects, #RTRANS/#BTRANS", () => {
    const text = [
      '#FLAGGA  0',
      '#PROGRAM "SoftOne Business Redovisning"  2016.SV.02',
      '#FORMAT  PC8',
      '#GEN     20160224  KH',
      '#SIETYP  4',
      '#ORGNR    556654-7898',
      '#FNAMN   "Demoföretaget AB"',
      '#RAR     0  20140101  20141231',
      '#KONTO   1510      "Kundfordringar"',
      '#KTYP    1510      T',
      '#KONTO   3010      "Försäljning"',
      '#VER 2 22 20140127 "258 Bra kund" 20140304',
      '{',
      '   #TRANS 1510 { } 1896.00 20140127 "258 Bra kund"',
      '   #TRANS 3010 {1 "100" 6 "P}1"} -1896 20140127',
      '   #BTRANS 3010 {} -1000.00',
      '   #RTRANS 3010 {} -1896.00',
      '}',
    ].join('\n');
    const parsed = parseSie4(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.company).toEqual({
      name: 'Demoföretaget AB',
      organisationNumber: '556654-7898',
    });
    expect(parsed.value.program).toEqual({
      name: 'SoftOne Business Redovisning',
      version: '2016.SV.02',
    });
    expect(parsed.value.fiscalYears).toEqual([
      { index: 0, start: '2014-01-01', end: '2014-12-31' },
    ]);
    expect(parsed.value.vouchers).toEqual([
      {
        series: '2',
        number: 22,
        date: '2014-01-27',
        text: '258 Bra kund',
        transactions: [
          { account: '1510', amount: 189600n },
          { account: '3010', amount: -189600n },
        ],
      },
    ]);
  });

  it('reports every broken record with its line number', () => {
    const text = [
      '#FLAGGA 0',
      '#FORMAT PC8',
      '#SIETYP 4',
      '#FNAMN "Oavslutad',
      '#TRANS 1510 {} 1.00',
      '#VER "A" 1 20250230 "Fel datum"',
      '#VER "A" 2 20250115 "Obalans"',
      '{',
      '#TRANS 1510 {} 10.00',
      '#TRANS 3001 {} -9.999',
      '#TRANS 3001 -10.00',
      '}',
      '#VER "A" 3 20250115 "Öppen"',
      '{',
    ].join('\r\n');
    const parsed = parseSie4(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((i) => [i.line, i.code])).toEqual([
      [4, 'invalid_record'],
      [5, 'invalid_record'],
      [6, 'invalid_record'],
      [10, 'invalid_record'],
      [11, 'invalid_record'],
      [7, 'voucher_unbalanced'],
      [13, 'voucher_not_closed'],
      [0, 'missing_label'],
      [0, 'missing_label'],
    ]);
    expect(parsed.error.slice(-2).map((i) => i.message)).toEqual([
      'the file has no #PROGRAM',
      'the file has no #GEN',
    ]);
  });

  it('refuses another format or SIE type', () => {
    const text = writeSie4(input([])).replace('#FORMAT PC8', '#FORMAT UTF8');
    const parsed = parseSie4(text.replace('#SIETYP 4', '#SIETYP 2'));
    expect(parsed.ok ? [] : parsed.error.map((i) => i.message)).toEqual([
      'SIE 4 files are #FORMAT PC8',
      'this reader handles SIE type 4',
    ]);
  });
});

describe('writeSie4 → parseSie4 round trip (property)', () => {
  const accountCodes = ACCOUNTS.map((a) => a.code);
  const textChars = fc.constantFrom(...'ab AÅäö"\\{}#-;0'.split(''));
  const voucherArb = fc.record({
    series: fc.constantFrom('A', 'B', 'Ö'),
    dayOffset: fc.integer({ min: 0, max: 364 }),
    text: fc.string({ unit: textChars, maxLength: 20 }),
    rows: fc.array(
      fc.tuple(
        fc.constantFrom(...accountCodes),
        fc.bigInt({ min: -100_000_000_000n, max: 100_000_000_000n }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    balancingAccount: fc.constantFrom(...accountCodes),
  });

  it('gives back the same vouchers and the same sum per account', () => {
    fc.assert(
      fc.property(fc.array(voucherArb, { maxLength: 15 }), (drafts) => {
        const vouchers: SieVoucher[] = drafts.map((d, i) => {
          const sum = d.rows.reduce((s, [, amount]) => s + amount, 0n);
          const rows: [string, bigint][] = [...d.rows, [d.balancingAccount, -sum]];
          return {
            series: d.series,
            number: i + 1,
            date: addDays(calendarDate('2025-01-01'), d.dayOffset),
            text: d.text,
            transactions: rows.map(([account, amount]) => ({ account, amount: ore(amount) })),
          };
        });
        const parsed = parseSie4(writeSie4(input(vouchers)));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.vouchers).toEqual(vouchers);
        expect(perAccount(parsed.value.vouchers)).toEqual(perAccount(vouchers));
        expect(parsed.value.accounts).toEqual(ACCOUNTS);
      }),
    );
  });
});

function perAccount(
  vouchers: readonly { transactions: readonly { account: string; amount: Ore }[] }[],
): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const v of vouchers) {
    for (const t of v.transactions) sums.set(t.account, (sums.get(t.account) ?? 0n) + t.amount);
  }
  return sums;
}
