/**
 * Goal: with an operator fee the settlement PDF shows the fee's lines (count × price per kind,
 * the share, the VAT) and totals gross, fee, VAT and the net paid out.
 * Method: render with compression off and read the text runs back (pdf-text-extract.ts).
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import { computeOperatorFee } from '../../domain/payouts/operator-fees.ts';
import { settlementReport } from '../../domain/payouts/settlement-report.ts';
import { extractPdfText } from './pdf-text-extract.ts';
import { renderSettlementPdf } from './settlement-pdf.ts';

const day = calendarDate('2026-03-03');

describe('renderSettlementPdf with an operator fee', () => {
  it('shows the fee lines, the VAT and the net', async () => {
    const { charge } = computeOperatorFee({
      schedule: {
        perInvoice: ore(500n),
        perReminder: ore(0n),
        perCollectionDemand: ore(2_500n),
        collectedShareBasisPoints: 100n,
      },
      gross: ore(200_000n),
      shareBase: ore(200_000n),
      documents: [
        { documentId: 'a', kind: 'invoice' },
        { documentId: 'b', kind: 'collection_demand' },
      ],
    });
    const lines = [
      {
        invoiceNumber: '1042',
        customerName: 'Anna Andersson',
        paymentDate: day,
        capital: ore(200_000n),
        fees: ore(0n),
        interest: ore(0n),
      },
    ];
    const report = settlementReport(lines, { charge, payoutDate: day });
    const rendered = await renderSettlementPdf(
      {
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
        operatorFee: report.operatorFee,
      },
      { compress: false },
    );
    const text = extractPdfText(Buffer.from(rendered.bytes));
    // fee 5 + 25 + 20 (1 % of 2 000) = 50 kr, VAT 12,50, net 2 000 − 62,50 = 1 937,50.
    for (const expected of [
      'Fakturor',
      'Inkassokrav',
      'Andel av inbetalt, 1 %',
      '5,00',
      '25,00',
      '20,00',
      'Summa exkl. moms',
      '50,00',
      'Moms 25 %',
      '12,50',
      'Summa serviceavgift',
      '62,50',
      'Inbetalt',
      '2 000,00',
      'Moms på serviceavgift',
      '1 937,50 kr',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Påminnelser');
  });
});
