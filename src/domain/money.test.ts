/**
 * Goal: money arithmetic never loses or invents an öre. Method: examples for rounding and
 * formatting, fast-check properties for allocation and decimal parsing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateOre,
  applyRateOre,
  divideRounded,
  formatDecimal,
  formatKronor,
  ore,
  oreFromSafeInteger,
  oreToSafeNumber,
  parseDecimalOre,
} from './money.ts';

describe('divideRounded', () => {
  it.each([
    [5n, 2n, 'halfUp', 3n],
    [-5n, 2n, 'halfUp', -3n],
    [4n, 3n, 'halfUp', 1n],
    [5n, 3n, 'halfUp', 2n],
    [5n, 2n, 'down', 2n],
    [-5n, 2n, 'down', -2n],
  ] as const)('%s / %s %s = %s', (n, d, mode, q) => {
    expect(divideRounded(n, d, mode)).toBe(q);
  });

  it('is within half a unit of the exact quotient (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 15n), 10n ** 15n), fc.bigInt(1n, 10n ** 6n), (n, d) => {
        const q = divideRounded(n, d, 'halfUp');
        const diff = q * d - n;
        expect(2n * (diff < 0n ? -diff : diff) <= d).toBe(true);
      }),
    );
  });
});

describe('applyRateOre', () => {
  it('takes 25 % VAT of 1 000,00 kr as 250,00 kr and rounds halves up', () => {
    expect(applyRateOre(ore(100000n), 2500n, 'halfUp')).toBe(25000n);
    expect(applyRateOre(ore(2n), 2500n, 'halfUp')).toBe(1n); // 0.5 öre → 1
    expect(applyRateOre(ore(1n), 2500n, 'halfUp')).toBe(0n); // 0.25 öre → 0
  });
});

describe('allocateOre', () => {
  it('hands the remainder out one öre at a time', () => {
    expect(allocateOre(ore(100n), [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateOre(ore(5n), [0n, 0n])).toEqual([5n, 0n]);
  });

  it('shares sum to the total and none is negative (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10n ** 12n),
        fc.array(fc.bigInt(0n, 10n ** 6n), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const shares = allocateOre(ore(total), weights);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
          expect(shares.every((s) => s >= 0n)).toBe(true);
        },
      ),
    );
  });
});

describe('edges', () => {
  it('converts to and from safe integers and refuses the rest', () => {
    expect(oreFromSafeInteger(123)).toBe(123n);
    expect(() => oreFromSafeInteger(1.5)).toThrow();
    expect(() => oreToSafeNumber(ore(2n ** 60n))).toThrow();
  });

  it('formats Swedish kronor and dot decimals', () => {
    expect(formatKronor(ore(123450n))).toBe('1\u00a0234,50 kr');
    expect(formatKronor(ore(-5n))).toBe('−0,05 kr');
    expect(formatDecimal(ore(-123450n))).toBe('-1234.50');
  });

  it('parses decimal strings without floats and round-trips (property)', () => {
    expect(parseDecimalOre('1234.5')).toBe(123450n);
    expect(parseDecimalOre('1234.505')).toBeNull();
    expect(parseDecimalOre('1e3')).toBeNull();
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 14n), 10n ** 14n), (v) => {
        expect(parseDecimalOre(formatDecimal(ore(v)))).toBe(v);
      }),
    );
  });
});
