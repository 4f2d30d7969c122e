/**
 * Goal: the inkassokrav shows what inkassolagen 5 § requires, the reminder reads as a reminder,
 * and both are deterministic. Method: render sample letters uncompressed and read the text back.
 */
import { describe, expect, it } from 'vitest';
import { ore } from '../../domain/money.ts';
import { InvariantError } from '../../domain/result.ts';
import { renderCollectionLetterPdf } from './collection-letter-pdf.ts';
import { countPdfPages, extractPdfText } from './pdf-text-extract.ts';
import { sampleCollectionLetter } from './sample-documents.ts';

const render = (data = sampleCollectionLetter('collection_demand')) =>
  renderCollectionLetterPdf(data, { compress: false });

describe('renderCollectionLetterPdf: inkassokrav', () => {
  it('is a one-page PDF', async () => {
    const pdf = await render();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBe(1);
  });

  it('names the creditor and the collector', async () => {
    const text = extractPdfText(await render());
    for (const fragment of [
      'INKASSOKRAV',
      'FORDRINGSÄGARE',
      'Ekholm & Åberg Konsult AB',
      'Org.nr 556677-8899',
      'INKASSOOMBUD',
      'Reskontra AB',
      'Org.nr 559123-4561',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('says what the claim is based on', async () => {
    const text = extractPdfText(await render());
    expect(text).toContain('Kravet avser');
    expect(text).toContain('Kravet avser obetald faktura 1038 daterad 2025-03-14');
  });

  it('states capital, interest and each cost separately, and the total', async () => {
    const text = extractPdfText(await render());
    for (const fragment of [
      'Kapitalbelopp (obetald del av fakturan)',
      '12 000,00',
      'Dröjsmålsränta t.o.m. 2025-07-15',
      '331,40',
      'Påminnelseavgift',
      '60,00',
      'Inkassoavgift',
      '180,00',
      'Totalt att betala',
      '12 571,40 kr',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('shows how the interest was calculated, segment by segment', async () => {
    const text = extractPdfText(await render());
    for (const fragment of [
      'Så har räntan beräknats',
      'Dröjsmålsränta enligt 6 § räntelagen',
      '2025-04-14 – 2025-06-30',
      '78',
      '11,00 %',
      '282,08',
      '2025-07-01 – 2025-07-15',
      '15',
      '10,00 %',
      '49,32',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('gives the time to pay or object, how to object, and what happens otherwise', async () => {
    const text = extractPdfText(await render());
    for (const fragment of [
      'Betala eller invänd senast 2025-07-28',
      'invända skriftligen',
      'Om du varken betalar eller invänder',
      'betalningsföreläggande hos',
      'Kronofogdemyndigheten',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('has a payment box with bankgiro, OCR, amount and date', async () => {
    const text = extractPdfText(await render());
    for (const fragment of ['BETALNINGSINFORMATION', '5050-1055', '2025031804', 'BETALA SENAST'])
      expect(text).toContain(fragment);
  });

  it('has an English version', async () => {
    const text = extractPdfText(await render(sampleCollectionLetter('collection_demand', 'en')));
    for (const fragment of [
      'DEBT COLLECTION DEMAND',
      'CREDITOR',
      'COLLECTION AGENCY',
      'How the interest was calculated',
      'Pay or object by 2025-07-28',
      'Kronofogden',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('gives identical bytes for identical data', async () => {
    const data = sampleCollectionLetter('collection_demand');
    const [a, b] = await Promise.all([
      renderCollectionLetterPdf(data),
      renderCollectionLetterPdf(data),
    ]);
    expect(a.equals(b)).toBe(true);
  });

  it('refuses a total that is not capital + interest + fees', async () => {
    const data = { ...sampleCollectionLetter('collection_demand'), total: ore(1n) };
    await expect(renderCollectionLetterPdf(data)).rejects.toThrow(InvariantError);
  });
});

describe('renderCollectionLetterPdf: påminnelse', () => {
  it('comes from the creditor, with the fee, the date to pay by and no collector block', async () => {
    const text = extractPdfText(await render(sampleCollectionLetter('reminder')));
    for (const fragment of [
      'PÅMINNELSE',
      'Obetald faktura',
      'Vi har ännu inte fått betalt för faktura 1038',
      'Påminnelseavgift',
      '12 060,00 kr',
      'Betala senast',
      '2025-05-05',
      'Reskontra AB skickar detta brev',
    ]) {
      expect(text).toContain(fragment);
    }
    expect(text).not.toContain('INKASSOOMBUD');
    expect(text).not.toContain('Så har räntan beräknats');
  });
});
