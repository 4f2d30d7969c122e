/**
 * Settlement report: totals add up per column and payout = collected − operator fee; the CSV is
 * semicolon separated with decimal commas, a header and a Summa row, CR LF, quoted where needed,
 * and defused against spreadsheet formulas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../calendar-date.ts';
import { ore } from '../money.ts';
import {
  csvAmount,
  csvText,
  settlementCsv,
  settlementReport,
  settlementTotals,
  UTF8_BOM_BYTES,
  type SettlementLine,
} from './settlement-report.ts';

const line = (overrides: Partial<SettlementLine> = {}): SettlementLine => ({
  invoiceNumber: '1001',
  customerName: 'Kund Åkesson',
  paymentDate: calendarDate('2026-04-30'),
  capital: ore(125000n),
  fees: ore(6000n),
  interest: ore(9041n),
  ...overrides,
});

describe('settlement report', () => {
  it('sums each column; payout is what was collected less the operator fee', () => {
    const totals = settlementTotals([
      line(),
      line({
        invoiceNumber: '1002',
        capital: ore(50000n),
        fees: ore(0n),
        interest: ore(0n),
        operatorFee: ore(2500n),
      }),
    ]);
    expect(totals).toEqual({
      capital: 175000n,
      fees: 6000n,
      interest: 9041n,
      collected: 190041n,
      operatorFee: 2500n,
      payout: 187541n,
    });
  });

  it('writes a header, one row per line and a Summa row, with decimal commas and CR LF', () => {
    const csv = settlementCsv([
      line({ operatorFee: ore(1500n) }),
      line({
        invoiceNumber: '1002',
        customerName: 'Bolag; "Bäst" AB',
        capital: ore(99n),
        fees: ore(0n),
        interest: ore(0n),
      }),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Fakturanummer;Kund;Betaldatum;Kapital;Avgifter;Ränta;Inbetalt;Serviceavgift;Att betala ut',
      '1001;Kund Åkesson;2026-04-30;1250,00;60,00;90,41;1400,41;15,00;1385,41',
      '1002;"Bolag; ""Bäst"" AB";2026-04-30;0,99;0,00;0,00;0,99;0,00;0,99',
      'Summa;;;1250,99;60,00;90,41;1401,40;15,00;1386,40',
      '',
    ]);
  });

  it('an empty payout still has a header and a zero Summa row', () => {
    const report = settlementReport([]);
    expect(report.totals.payout).toBe(0n);
    expect(report.csv).toBe(
      'Fakturanummer;Kund;Betaldatum;Kapital;Avgifter;Ränta;Inbetalt;Serviceavgift;Att betala ut\r\n' +
        'Summa;;;0,00;0,00;0,00;0,00;0,00;0,00\r\n',
    );
  });

  it('keeps text that looks like a formula as text', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvText('+46 70')).toBe("'+46 70");
    expect(csvText('-1')).toBe("'-1");
    expect(csvText('@sum')).toBe("'@sum");
    expect(csvText('Rad\nbrytning')).toBe('"Rad\nbrytning"');
    expect(csvText('Vanlig AB')).toBe('Vanlig AB');
  });

  it('formats amounts with a decimal comma and no thousands separator', () => {
    expect(csvAmount(ore(123456789n))).toBe('1234567,89');
    expect(csvAmount(ore(-5n))).toBe('-0,05');
  });

  it('names the UTF-8 BOM for the caller to write first', () => {
    expect(UTF8_BOM_BYTES).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('the Summa row equals the sum of the rows (property)', () => {
    const amount = fc.bigInt({ min: 0n, max: 1_000_000_000n }).map(ore);
    const lineArb = fc.record({
      capital: amount,
      fees: amount,
      interest: amount,
      operatorFee: amount,
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), (parts) => {
        const lines = parts.map((p, i) => line({ ...p, invoiceNumber: String(i) }));
        const t = settlementTotals(lines);
        expect(t.collected).toBe(t.capital + t.fees + t.interest);
        expect(t.payout).toBe(t.collected - t.operatorFee);
        const rows = settlementCsv(lines).trimEnd().split('\r\n');
        expect(rows).toHaveLength(lines.length + 2);
        const payoutCells = rows.slice(1, -1).map((r) => BigInt(r.split(';')[8]!.replace(',', '')));
        expect(payoutCells.reduce((a, b) => a + b, 0n)).toBe(t.payout);
      }),
    );
  });
});
