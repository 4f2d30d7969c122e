/**
 * The settlement report with an operator fee: its lines (per kind count × price, the share, the
 * VAT) follow the money in the Serviceavgift column, and the Summa row reads gross (Inbetalt),
 * fee with VAT (Serviceavgift) and net (Att betala ut). A zero charge adds nothing.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../calendar-date.ts';
import { ore } from '../money.ts';
import { computeOperatorFee, NO_FEES } from './operator-fees.ts';
import { percentText, settlementReport, type SettlementLine } from './settlement-report.ts';

const day = calendarDate('2026-03-03');
const money: SettlementLine[] = [
  {
    invoiceNumber: '1001',
    customerName: 'Kund AB',
    paymentDate: day,
    capital: ore(100_000n),
    fees: ore(0n),
    interest: ore(0n),
  },
];

describe('settlement report with an operator fee', () => {
  const { charge } = computeOperatorFee({
    schedule: {
      perInvoice: ore(500n),
      perReminder: ore(1_000n),
      perCollectionDemand: ore(0n),
      collectedShareBasisPoints: 250n,
    },
    gross: ore(100_000n),
    shareBase: ore(100_000n),
    documents: [
      { documentId: 'a', kind: 'invoice' },
      { documentId: 'b', kind: 'invoice' },
      { documentId: 'c', kind: 'reminder' },
    ],
  });

  it('prints the fee lines and a Summa of gross, fee with VAT and net', () => {
    const report = settlementReport(money, { charge, payoutDate: day });
    expect(report.csv.split('\r\n')).toEqual([
      'Fakturanummer;Kund;Betaldatum;Kapital;Avgifter;Ränta;Inbetalt;Serviceavgift;Att betala ut',
      '1001;Kund AB;2026-03-03;1000,00;0,00;0,00;1000,00;0,00;1000,00',
      'Serviceavgift;Fakturor 2 st à 5,00;2026-03-03;0,00;0,00;0,00;0,00;10,00;-10,00',
      'Serviceavgift;Påminnelser 1 st à 10,00;2026-03-03;0,00;0,00;0,00;0,00;10,00;-10,00',
      'Serviceavgift;Andel 2,5 % av 1000,00;2026-03-03;0,00;0,00;0,00;0,00;25,00;-25,00',
      'Serviceavgift;Moms 25 % på 45,00;2026-03-03;0,00;0,00;0,00;0,00;11,25;-11,25',
      'Summa;;;1000,00;0,00;0,00;1000,00;56,25;943,75',
      '',
    ]);
    expect(report.totals.payout).toBe(charge.net);
    expect(report.lines).toEqual(money);
    expect(report.feeLines).toHaveLength(4);
  });

  it('a zero charge leaves the report as without fees', () => {
    const zero = computeOperatorFee({
      schedule: NO_FEES,
      gross: ore(100_000n),
      shareBase: ore(100_000n),
      documents: [],
    }).charge;
    expect(settlementReport(money, { charge: zero, payoutDate: day }).csv).toBe(
      settlementReport(money).csv,
    );
  });

  it('writes basis points as a Swedish percentage', () => {
    expect(percentText(250n)).toBe('2,5 %');
    expect(percentText(10_000n)).toBe('100 %');
    expect(percentText(1n)).toBe('0,01 %');
  });
});
