/**
 * Goal: no input makes parseCamt054 throw, truncated XML is always rejected, and an accepted
 * file always adds up. Method: fast-check adds character noise, cuts, deletions and copies to
 * the two fixtures, and changes single digits inside batch transaction amounts.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from '../../../domain/calendar-date.ts';
import type { BankFile } from '../../../domain/payments/bank-file.ts';
import { parseCamt054 } from './parse-camt054.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const SAMPLES = [fixture('camt054-001.02-bankgiro.xml'), fixture('camt054-001.08-iban.xml')];

type Edit =
  | { kind: 'noise'; at: number; text: string }
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'copy'; from: number; length: number; to: number };

const noiseChar = fc.constantFrom(
  '<',
  '>',
  '/',
  '&',
  '"',
  '=',
  ' ',
  '\n',
  '0',
  '9',
  '.',
  '-',
  'A',
  'ö',
  '\u0000',
  '\uFFFD',
  ']]>',
  '<!--',
  '&#0;',
  '&amp;',
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('noise' as const),
    at: fc.nat(),
    text: fc.array(noiseChar, { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
  }),
  fc.record({
    kind: fc.constant('cut' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({
    kind: fc.constant('copy' as const),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
    to: fc.nat(),
  }),
);

function apply(text: string, e: Edit): string {
  const n = text.length + 1;
  switch (e.kind) {
    case 'noise': {
      const at = e.at % n;
      return text.slice(0, at) + e.text + text.slice(at + 1);
    }
    case 'cut': {
      const at = e.at % n;
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'copy': {
      const from = e.from % n;
      const to = e.to % n;
      return text.slice(0, to) + text.slice(from, from + e.length) + text.slice(to);
    }
  }
}

/** What must hold for any file the parser accepts, however it was produced. */
function checkAccepted(file: BankFile): void {
  const keys = new Set<string>();
  for (const section of file.sections) {
    expect(section.amountOre).toBeGreaterThan(0n);
    expect(section.currency).toMatch(/^[A-Z]{3}$/);
    expect(parseCalendarDate(section.bookingDate).ok).toBe(true);
    const total = section.payments.reduce((sum, p) => sum + p.amountOre, 0n);
    expect(total).toBe(section.amountOre);
    for (const payment of section.payments) {
      expect(payment.amountOre).toBeGreaterThan(0n);
      expect(keys.has(payment.bankReference)).toBe(false);
      keys.add(payment.bankReference);
    }
  }
}

describe('parseCamt054 under mutation', () => {
  it('never throws, and whatever it accepts adds up (1 000 mutated files)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (sample, edits) => {
          const result = parseCamt054(edits.reduce(apply, sample));
          if (result.ok) checkAccepted(result.value);
          else expect(result.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects XML truncated anywhere before the end of its root element', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.nat(), (sample, pick) => {
        const end = sample.lastIndexOf('Document>') + 'Document>'.length;
        const result = parseCamt054(sample.slice(0, pick % end));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a batch whose transaction amounts no longer add up to the entry', () => {
    const sample = SAMPLES[0]!;
    const batchAmounts = [...sample.matchAll(/<TxAmt>\s*<Amt Ccy="SEK">(\d+\.\d\d)<\/Amt>/g)]
      .map((m) => m.index + m[0].length - '</Amt>'.length - m[1]!.length)
      .slice(1); // the first TxAmt is a single-transaction entry; the next three are the batch
    fc.assert(
      fc.property(
        fc.constantFrom(...batchAmounts),
        fc.nat(5),
        fc.integer({ min: 1, max: 9 }),
        (start, offset, bump) => {
          const at = start + offset;
          const char = sample[at]!;
          fc.pre(/\d/.test(char));
          const changed =
            sample.slice(0, at) + String((Number(char) + bump) % 10) + sample.slice(at + 1);
          const result = parseCamt054(changed);
          expect(result.ok).toBe(false);
          // A leading digit turned 0 makes the amount zero, which is rejected on its own.
          const codes = result.ok ? [] : result.error.map((i) => i.code);
          expect(
            codes.some((c) => c === 'entry_amount_mismatch' || c === 'amount_not_positive'),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
