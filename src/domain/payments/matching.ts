/**
 * Matching a bank payment to invoices: which OCR references to try, in which order, and how
 * well an open invoice fits an unmatched payment (suggestions). Pure: the stores resolve
 * references and supply candidate invoices. Must not: look anything up or decide bookings.
 */
import { hasValidLuhn, OCR_MAX_LENGTH, OCR_MIN_LENGTH } from '../ocr-reference.ts';
import type { Ore } from '../money.ts';
import type { BankPayment } from './bank-file.ts';

export type ReferencePlan = {
  /**
   * The payment's own references (OCR field, code-3 text, TK22 extras, camt creditor refs), each
   * a valid OCR, in file order. All that resolve to invoices share the payment (split).
   */
  readonly split: readonly string[];
  /** Digit groups found in free text (TK25, Ustrd): tried one by one, the first match wins. */
  readonly fallback: readonly string[];
};

/**
 * Shorter groups are dates, amounts and house numbers far more often than OCRs: a 3-digit group
 * passes Luhn one time in ten by chance. Our own OCRs have at least 4 digits (width, tenant,
 * invoice, check).
 */
const MIN_FREE_TEXT_DIGITS = 4;

/**
 * Luhn over 2–25 digits. A length digit is itself covered by the Luhn digit, so one check serves
 * references with and without it; which of the two a client uses is checked when the reference
 * is resolved to its invoice.
 */
export const plausibleOcr = (text: string): boolean =>
  text.length >= OCR_MIN_LENGTH && text.length <= OCR_MAX_LENGTH && hasValidLuhn(text);

/**
 * Digit groups in free text: runs of digits, and runs split by single blanks or hyphens joined
 * ("1234 5678" → "12345678" as well as "1234", "5678"), longest first within each run.
 */
export function digitGroups(text: string): string[] {
  const found: string[] = [];
  const add = (group: string) => {
    if (group.length >= MIN_FREE_TEXT_DIGITS && !found.includes(group)) found.push(group);
  };
  for (const match of text.matchAll(/\d+(?:[ -]\d+)*/g)) {
    const parts = match[0].split(/[ -]/);
    if (parts.length > 1) add(parts.join(''));
    parts.forEach(add);
  }
  return found;
}

/** The candidate references of a payment, both lists Luhn-checked and without repeats. */
export function candidateReferences(
  payment: Pick<BankPayment, 'references' | 'message'>,
): ReferencePlan {
  const split = payment.references.filter(plausibleOcr).filter((r, i, all) => all.indexOf(r) === i);
  const fallback =
    payment.message === undefined
      ? []
      : digitGroups(payment.message).filter((g) => plausibleOcr(g) && !split.includes(g));
  return { split, fallback };
}

// ---- Suggestions ---------------------------------------------------------------------------

export type SuggestionCandidate = {
  readonly invoiceId: string;
  /** Everything the invoice owes now. */
  readonly owed: Ore;
  readonly customerName: string;
};

export type ScoredSuggestion<C extends SuggestionCandidate> = C & { readonly score: number };

/** Words that say nothing about who paid. */
const NOISE = new Set(['ab', 'hb', 'kb', 'aktiebolag', 'handelsbolag', 'och', 'the']);

/** Lower case, Swedish letters folded, company forms and punctuation dropped. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll(/[åä]/g, 'a')
    .replaceAll('ö', 'o')
    .replaceAll('é', 'e')
    .replaceAll(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !NOISE.has(w))
    .sort()
    .join(' ');
}

function bigrams(text: string): string[] {
  const grams: string[] = [];
  for (const word of text.split(' ')) {
    for (let i = 0; i + 1 < word.length; i += 1) grams.push(word.slice(i, i + 2));
  }
  return grams;
}

/**
 * Name similarity in percent (Sørensen–Dice over character bigrams of the normalised names, so
 * word order, "AB" and "Plåt"/"Plat" do not matter). 100 = same name, 0 = nothing in common.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = bigrams(normaliseName(a));
  const y = bigrams(normaliseName(b));
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common += 1;
      pool.set(g, n - 1);
    }
  }
  return Math.floor((200 * common) / (x.length + y.length));
}

/**
 * Integer score 0–100: up to 60 for the amount (exact 60, within 1 % 40, a part payment 15) and
 * up to 40 for the payer's name. Exact amount with the right name scores 100.
 */
export function scoreSuggestion(
  payment: { readonly amount: Ore; readonly payerName?: string | undefined },
  candidate: SuggestionCandidate,
): number {
  const { amount } = payment;
  const owed = candidate.owed;
  const diff = amount > owed ? amount - owed : owed - amount;
  let amountScore = 0;
  if (diff === 0n) amountScore = 60;
  else if (owed > 0n && diff * 100n <= owed) amountScore = 40;
  else if (amount < owed) amountScore = 15;
  const name = payment.payerName;
  const nameScore =
    name === undefined ? 0 : Math.floor((nameSimilarity(name, candidate.customerName) * 40) / 100);
  return amountScore + nameScore;
}

/** The best `limit` candidates scoring at least `minScore`, best first (ties: given order). */
export function rankSuggestions<C extends SuggestionCandidate>(
  payment: { readonly amount: Ore; readonly payerName?: string | undefined },
  candidates: readonly C[],
  options: { limit?: number; minScore?: number } = {},
): ScoredSuggestion<C>[] {
  const minScore = options.minScore ?? 40;
  return candidates
    .map((c) => ({ ...c, score: scoreSuggestion(payment, c) }))
    .filter((c) => c.score >= minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.limit ?? 3);
}
