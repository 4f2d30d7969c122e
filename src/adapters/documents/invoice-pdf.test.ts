/**
 * Goal: the invoice PDF carries every item Swedish law asks for, in Swedish or English, and the
 * same data always gives the same bytes. Method: render with compression off and read the text
 * runs back (pdf-text-extract.ts); determinism is checked on the normal, compressed output.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import { InvariantError } from '../../domain/result.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { countPdfPages, extractPdfText } from './pdf-text-extract.ts';
import { invoiceFromRows, sampleCreditNote, sampleInvoice } from './sample-documents.ts';

const textOf = async (data = sampleInvoice()): Promise<string> =>
  extractPdfText(await renderInvoicePdf(data, { compress: false }));

describe('renderInvoicePdf', () => {
  it('produces a complete PDF file', async () => {
    const pdf = await renderInvoicePdf(sampleInvoice());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('shows the mandatory invoice content (ML 17 kap. 24 §) in Swedish', async () => {
    const text = await textOf();
    const expected = [
      'FAKTURA',
      'Fakturanummer',
      '1042',
      'Fakturadatum',
      '2025-03-14',
      'Förfallodatum',
      '2025-04-13',
      'Leveransdatum',
      '2025-03-12',
      'Ekholm & Åberg Konsult AB',
      'Org.nr 556677-8899',
      'Momsreg.nr SE556677889901',
      'Godkänd för F-skatt',
      'Bergström Fastigheter AB',
      'Kungsgatan 7 B',
      '111 43 Stockholm',
      'Ert org.nr',
      '556812-3458',
      'Konsulttjänster, systemutveckling mars 2025',
      '12,5',
      'tim',
      '1 150,00',
      '25 %',
      '14 375,00',
      'Summa exkl. moms',
      '19 511,00',
      'Moms 25 % på 14 375,00',
      '3 593,75',
      'Moms 12 % på 1 080,00',
      'Moms 6 % på 1 556,00',
      'Momsfritt 2 500,00',
      'Utbildningen är undantagen från skatteplikt',
      'Att betala',
      '23 327,71 kr',
      'Bankgiro 5636-7742',
      '5636-7742',
      'OCR-NUMMER',
      '104265',
      'dröjsmålsränta enligt',
    ];
    for (const fragment of expected) expect(text).toContain(fragment);
  });

  it('uses English labels for language "en" and keeps the F-skatt wording', async () => {
    const text = await textOf(sampleInvoice({ language: 'en' }));
    for (const fragment of [
      'INVOICE',
      'Invoice number',
      'Due date',
      'Unit price',
      'Total excl. VAT',
      'Amount due',
      'Godkänd för F-skatt',
    ]) {
      expect(text).toContain(fragment);
    }
    expect(text).not.toContain('Fakturanummer');
  });

  it('gives identical bytes for identical data (creation date from the invoice date)', async () => {
    const [a, b] = await Promise.all([
      renderInvoicePdf(sampleInvoice()),
      renderInvoicePdf(sampleInvoice()),
    ]);
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('(D:20250314120000Z)');
    const later = await renderInvoicePdf(
      sampleInvoice({ invoiceDate: calendarDate('2025-03-15') }),
    );
    expect(later.equals(a)).toBe(false);
  });

  it('prints a credit note as "Kreditfaktura" with the credited invoice and negative amounts', async () => {
    const text = await textOf(sampleCreditNote());
    for (const fragment of [
      'KREDITFAKTURA',
      'Krediterar faktura',
      '1042',
      'Kreditering av faktura 1042',
      '-8',
      '-1 080,00',
      'Att kreditera',
      '-3 709,60 kr',
    ]) {
      expect(text).toContain(fragment);
    }
    expect(text).not.toContain('OCR-NUMMER');
  });

  it('continues long invoices on a new page with page numbers and the payment box last', async () => {
    const rows = Array.from(
      { length: 45 },
      (_, i) =>
        [`Arbetsorder ${i + 1}`, '1', 'st', 10_000n, 25] as [string, string, string, bigint, 25],
    );
    const long = invoiceFromRows(sampleInvoice(), rows);
    const pdf = await renderInvoicePdf(long, { compress: false });
    expect(countPdfPages(pdf)).toBe(2);
    const text = extractPdfText(pdf);
    expect(text).toContain('Sida 1 (2)');
    expect(text).toContain('Faktura 1042');
    expect(text.indexOf('Arbetsorder 45')).toBeLessThan(text.indexOf('BETALNINGSINFORMATION'));
  });

  it('replaces characters Helvetica cannot print instead of printing garbage', async () => {
    const buyer = { ...sampleInvoice().buyer, name: 'Łódź Trading Sp. z o.o.' };
    const text = await textOf(sampleInvoice({ buyer }));
    expect(text).toContain('?ódz Trading Sp. z o.o.');
  });

  it('refuses data whose sums do not add up', async () => {
    await expect(renderInvoicePdf(sampleInvoice({ totalVat: ore(1n) }))).rejects.toThrow(
      InvariantError,
    );
  });
});

describe('renderInvoicePdf with the customer’s credit balance used at send', () => {
  // sampleInvoice() totals 23 327,71 kr.
  const partly = () => sampleInvoice({ creditApplied: ore(50_000n), amountToPay: ore(2_282_771n) });
  const settled = () => sampleInvoice({ creditApplied: ore(2_332_771n), amountToPay: ore(0n) });

  it('deducts the credit under the totals and asks for the rest in the payment box', async () => {
    const text = await textOf(partly());
    for (const fragment of [
      'Fakturabelopp',
      '23 327,71 kr',
      'Avgår tillgodohavande',
      '-500,00 kr',
      'Att betala',
      '22 827,71 kr',
      'Ditt tillgodohavande hos oss, 500,00 kr, har dragits av',
      'BETALNINGSINFORMATION',
      'OCR-NUMMER',
      'Skanna QR-koden i din bankapp',
    ]) {
      expect(text).toContain(fragment);
    }
    // The payment box asks for the amount left, after the totals.
    expect(text.lastIndexOf('22 827,71 kr')).toBeGreaterThan(text.indexOf('BETALNINGSINFORMATION'));
  });

  it('says a fully covered invoice is settled, with no payment details or QR code', async () => {
    const text = await textOf(settled());
    for (const fragment of [
      'Avgår tillgodohavande',
      '-23 327,71 kr',
      // The note wraps: read it in pieces.
      'Fakturan är betald med ditt tillgodohavande.',
      'Du behöver inte betala',
      'BETALD MED TILLGODOHAVANDE',
      'Inget att betala',
    ]) {
      expect(text).toContain(fragment);
    }
    for (const absent of ['BETALNINGSINFORMATION', 'OCR-NUMMER', 'BANKGIRO', 'Skanna QR-koden']) {
      expect(text).not.toContain(absent);
    }
  });

  it('has English wording too', async () => {
    const text = await textOf(sampleInvoice({ ...settled(), language: 'en' }));
    expect(text).toContain('Less credit balance');
    expect(text).toContain('This invoice is paid by your credit balance.');
    expect(text).toContain('Nothing to pay');
  });

  it('shows interest booked and a residual written off when the credit was applied', async () => {
    const data = sampleInvoice({
      creditApplied: ore(2_300_000n),
      chargedAtSend: ore(1_500n),
      writtenOffAtSend: ore(34_271n),
      amountToPay: ore(0n),
    });
    const text = await textOf(data);
    for (const fragment of ['Dröjsmålsränta', '15,00 kr', 'Avskrivet restbelopp', '-342,71 kr']) {
      expect(text).toContain(fragment);
    }
  });

  it('refuses credit that does not add up to the amount to pay', async () => {
    await expect(
      renderInvoicePdf(sampleInvoice({ creditApplied: ore(50_000n), amountToPay: ore(1n) })),
    ).rejects.toThrow(InvariantError);
  });
});
