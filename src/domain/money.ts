/**
 * Money: an integer number of öre, a branded bigint. All arithmetic on amounts lives here.
 * Owns: Ore, its constructors, rounding division, allocation. Must not: ever hold a fraction.
 */
import { assert } from './result.ts';

export type Ore = bigint & { readonly __unit: 'ore' };

export const ore = (value: bigint): Ore => value as Ore;
export const ZERO_ORE = ore(0n);

/** From a JS number that must be a safe integer (HTTP edge, PGlite). Throws otherwise. */
export function oreFromSafeInteger(value: number): Ore {
  assert(Number.isSafeInteger(value), `not a safe integer amount of öre: ${value}`);
  return ore(BigInt(value));
}

/** To a JS number for JSON. Throws if it would lose precision. */
export function oreToSafeNumber(value: Ore): number {
  const asNumber = Number(value);
  assert(Number.isSafeInteger(asNumber), `amount out of safe range: ${value}`);
  return asNumber;
}

export const addOre = (...values: readonly Ore[]): Ore => sumOre(values);
export const subtractOre = (a: Ore, b: Ore): Ore => ore(a - b);
export const negateOre = (a: Ore): Ore => ore(-a);
export const minOre = (a: Ore, b: Ore): Ore => (a < b ? a : b);
export const maxOre = (a: Ore, b: Ore): Ore => (a > b ? a : b);
/** A loop, not a spread: a spread of 100 000+ amounts overflows the call stack. */
export function sumOre(values: readonly Ore[]): Ore {
  let sum = 0n;
  for (const v of values) sum += v;
  return ore(sum);
}

export type RoundingMode = 'halfUp' | 'down';

/**
 * numerator / denominator rounded by mode. Exact for any size: bigint arithmetic only.
 * halfUp rounds halves away from zero (1.5 → 2, −1.5 → −2), the convention for öre amounts.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  assert(denominator !== 0n, 'division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if (mode === 'halfUp' && (n % d) * 2n >= d) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** amount × basisPoints / 10 000, rounded (basis points: 2 500 = 25 %). */
export function applyRateOre(amount: Ore, rateBasisPoints: bigint, mode: RoundingMode): Ore {
  return ore(divideRounded(amount * rateBasisPoints, 10_000n, mode));
}

/**
 * Splits total into shares proportional to weights, keeping the sum exact: every share gets its
 * floor, then the remainder goes one öre at a time to the largest fractional parts (ties: first).
 */
export function allocateOre(total: Ore, weights: readonly bigint[]): Ore[] {
  assert(weights.length > 0, 'allocation needs at least one weight');
  assert(total >= 0n, 'allocation of a negative total');
  assert(
    weights.every((w) => w >= 0n),
    'negative allocation weight',
  );
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) return weights.map((_, i) => ore(i === 0 ? total : 0n));
  const floors = weights.map((w) => (total * w) / weightSum);
  const remainders = weights.map((w, i) => ({ i, rest: total * w - floors[i]! * weightSum }));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors.map(ore);
}

/** "1 234,50 kr": Swedish presentation, for documents and the UI. */
export function formatKronor(amount: Ore, options: { suffix?: boolean } = {}): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const kronor = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const ore2 = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '−' : ''}${kronor},${ore2}${options.suffix === false ? '' : ' kr'}`;
}

/** "1234.50": dot-decimal for SIE and UBL. */
export function formatDecimal(amount: Ore): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** "1234.50" / "1234.5" / "1234" → öre, without floats. Returns null when it is not such a number. */
export function parseDecimalOre(text: string): Ore | null {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const whole = BigInt(match[2]!);
  const fraction = BigInt((match[3] ?? '').padEnd(2, '0'));
  const value = whole * 100n + fraction;
  return ore(match[1] ? -value : value);
}
