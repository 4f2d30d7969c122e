/**
 * Goal: the right references are tried in the right order, and suggestions rank the invoice a
 * human would pick. Method: Bankgirot's sample references (domain.md §3), free-text cases, and
 * properties (every candidate passes Luhn; similarity is symmetric and bounded).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore } from '../money.ts';
import { hasValidLuhn, makeOcr } from '../ocr-reference.ts';
import {
  candidateReferences,
  digitGroups,
  nameSimilarity,
  rankSuggestions,
  scoreSuggestion,
} from './matching.ts';

describe('candidateReferences', () => {
  it('keeps valid OCRs in file order and drops the invalid 89853 of the sample', () => {
    expect(candidateReferences({ references: ['655969'] })).toEqual({
      split: ['655969'],
      fallback: [],
    });
    expect(candidateReferences({ references: ['89853'] }).split).toEqual([]);
  });

  it('splits a code-3 payment over its text and extra references', () => {
    const plan = candidateReferences({
      references: ['657866', '658765', '657767', '657965'],
      message: 'Betalning med extra refnr 657965',
    });
    expect(plan.split).toEqual(['657866', '658765', '657767', '657965']);
    expect(plan.fallback).toEqual([]);
  });

  it('finds references in free text, with or without a length digit', () => {
    const withLength = makeOcr('12345', { lengthDigit: true });
    const plain = makeOcr('4711', { lengthDigit: false });
    if (!withLength.ok || !plain.ok) throw new Error('fixture');
    const plan = candidateReferences({
      references: [],
      message: `Faktura ${withLength.value}, även ${plain.value} den 2025-03-14 kl 12`,
    });
    expect(plan.fallback).toEqual([withLength.value, plain.value]);
  });

  it('joins digit groups split by blanks', () => {
    expect(digitGroups('OCR 6559 69')).toEqual(['655969', '6559']);
    expect(candidateReferences({ references: [], message: 'OCR 6559 69' }).fallback).toEqual([
      '655969',
    ]);
  });

  it('every candidate passes Luhn (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^\d{1,12}$/)), fc.string(), (refs, message) => {
        const plan = candidateReferences({ references: refs, message });
        for (const r of [...plan.split, ...plan.fallback]) expect(hasValidLuhn(r)).toBe(true);
      }),
    );
  });
});

describe('suggestions', () => {
  it('scores exact amount and same name highest', () => {
    const payment = { amount: ore(125_000n), payerName: 'KALLES PLAT AB' };
    expect(
      scoreSuggestion(payment, {
        invoiceId: 'a',
        owed: ore(125_000n),
        customerName: 'Kalles Plåt AB',
      }),
    ).toBe(100);
    expect(
      scoreSuggestion(payment, { invoiceId: 'b', owed: ore(125_000n), customerName: 'Olles Färg' }),
    ).toBeLessThan(80);
  });

  it('ranks and cuts off weak candidates', () => {
    const ranked = rankSuggestions({ amount: ore(10_000n), payerName: 'Berits Garn' }, [
      { invoiceId: 'x', owed: ore(99_000n), customerName: 'Helt Annan AB' },
      { invoiceId: 'y', owed: ore(10_000n), customerName: 'Helt Annan AB' },
      { invoiceId: 'z', owed: ore(10_050n), customerName: 'Berits Garn och Tyg' },
    ]);
    expect(ranked.map((s) => s.invoiceId)).toEqual(['z', 'y']);
  });

  it('name similarity is symmetric, 0–100, and 100 for the same name (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = nameSimilarity(a, b);
        expect(s).toBe(nameSimilarity(b, a));
        expect(s >= 0 && s <= 100).toBe(true);
      }),
    );
    expect(nameSimilarity('Åsa Öberg', 'Oberg, Asa')).toBe(100);
  });
});
