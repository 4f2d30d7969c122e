/**
 * Goal: the settlement report PDF shows who pays whom, each line (a refund negative) and totals
 * that equal the payout, across pages when long, and the same data gives the same bytes.
 * Method: render with compression off and read the text runs back (pdf-text-extract.ts).
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import {
  settlementReport,
  type SettlementDocumentData,
  type SettlementLine,
} from '../../domain/payouts/settlement-report.ts';
import { countPdfPages, extractPdfText } from './pdf-text-extract.ts';
import { renderSettlementPdf } from './settlement-pdf.ts';

const day = calendarDate('2026-03-03');
const line = (invoiceNumber: string, customerName: string, capital: bigint, fees = 0n) => ({
  invoiceNumber,
  customerName,
  paymentDate: day,
  capital: ore(capital),
  fees: ore(fees),
  interest: ore(0n),
});

function sample(lines: SettlementLine[]): SettlementDocumentData {
  const report = settlementReport(lines);
  return {
    operator: {
      name: 'Reskontra Demo AB',
      organisationNumber: '5599000006',
      email: 'inkasso@reskontra.example',
      bankgiro: '50501055',
      address: { street: 'Box 100', postalCode: '111 20', city: 'Stockholm' },
    },
    client: { name: 'Exempel AB', organisationNumber: '5560360793' },
    payoutDate: day,
    amount: report.totals.payout,
    account: 'Bankgiro 5050-1055',
    reference: 'RK0123',
    lines: report.lines,
    totals: report.totals,
  };
}

describe('renderSettlementPdf', () => {
  const data = sample([
    line('1042', 'Anna Andersson', 125_000n),
    line('1043', 'Kalles Plåt AB', 1_000_000n, 24_000n),
    line('1043 överbetalning', 'Kalles Plåt AB', 5_000n),
    line('Återbetalning', 'Cecilia Carlsson', -12_500n),
  ]);

  it('names both parties, the account, every line and totals equal to the payout', async () => {
    const rendered = await renderSettlementPdf(data, { compress: false });
    expect(rendered).toMatchObject({
      contentType: 'application/pdf',
      fileName: 'redovisning-2026-03-03.pdf',
    });
    const text = extractPdfText(Buffer.from(rendered.bytes));
    for (const expected of [
      'REDOVISNING',
      'Reskontra Demo AB',
      'Exempel AB',
      'Org.nr 556036-0793',
      'Bankgiro 5050-1055',
      'Anna Andersson',
      '1 250,00',
      '10 240,00',
      '1043 överbetalning',
      'Återbetalning',
      '-125,00',
      'Utbetalt',
      '11 415,00 kr',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('breaks a long report across pages with numbered pages', async () => {
    const many = Array.from({ length: 80 }, (_, i) => line(String(2000 + i), 'Kund AB', 10_000n));
    const rendered = await renderSettlementPdf(sample(many), { compress: false });
    const pdf = Buffer.from(rendered.bytes);
    expect(countPdfPages(pdf)).toBeGreaterThan(1);
    expect(extractPdfText(pdf)).toContain('Sida 2 av');
  });

  it('gives the same bytes for the same data', async () => {
    const a = await renderSettlementPdf(data);
    const b = await renderSettlementPdf(data);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});
