/**
 * Goal: the referensränta table and lookups match domain.md §1.2 and vectors 14-15.
 * Method: the vectors by number, the table's shape (contiguous half-years), the edges of the
 * covered range, and a fast-check property for the round-up rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../calendar-date.ts';
import {
  BUILT_IN_REFERENCE_RATES,
  drojsmalsranta,
  halfYearEnd,
  halfYearStart,
  lastKnownDate,
  REFERENCE_RATE_TABLE,
  referenceRatesWith,
  ReferenceRateUnknownError,
  referensFromPolicyRate,
  referensranta,
} from './reference-rate.ts';

const d = calendarDate;

describe('domain.md §12 vector 14: referensränta and dröjsmålsränta lookups', () => {
  it('vector 14: 2025-01-15 → 3.00 / 11.00', () => {
    expect(referensranta(BUILT_IN_REFERENCE_RATES, d('2025-01-15'))).toBe(300n);
    expect(drojsmalsranta(BUILT_IN_REFERENCE_RATES, d('2025-01-15'))).toBe(1100n);
  });

  it.each([
    ['2024-12-31', 1200n],
    ['2016-03-01', 800n],
    ['2018-05-01', 750n],
    ['2026-03-01', 1000n],
  ])('vector 14: drojsmalsranta(BUILT_IN_REFERENCE_RATES, %s) → %i bp', (date, expected) => {
    expect(drojsmalsranta(BUILT_IN_REFERENCE_RATES, d(date))).toBe(expected);
  });

  it('vector 14: 2026-07-01 throws (not yet published)', () => {
    expect(() => drojsmalsranta(BUILT_IN_REFERENCE_RATES, d('2026-07-01'))).toThrow(
      ReferenceRateUnknownError,
    );
    try {
      referensranta(BUILT_IN_REFERENCE_RATES, d('2026-07-01'));
    } catch (error) {
      expect(error).toBeInstanceOf(ReferenceRateUnknownError);
      expect((error as ReferenceRateUnknownError).code).toBe('reference_rate_not_published');
      expect((error as ReferenceRateUnknownError).date).toBe('2026-07-01');
    }
  });
});

describe('table coverage', () => {
  it('the last row is valid through 2026-06-30 and not a day longer', () => {
    expect(lastKnownDate(BUILT_IN_REFERENCE_RATES)).toBe('2026-06-30');
    expect(referensranta(BUILT_IN_REFERENCE_RATES, d('2026-06-30'))).toBe(200n);
    expect(() =>
      referensranta(BUILT_IN_REFERENCE_RATES, addDays(lastKnownDate(BUILT_IN_REFERENCE_RATES), 1)),
    ).toThrow(ReferenceRateUnknownError);
  });

  it('dates before the first row throw too', () => {
    expect(referensranta(BUILT_IN_REFERENCE_RATES, d('2015-01-01'))).toBe(0n);
    expect(() => referensranta(BUILT_IN_REFERENCE_RATES, d('2014-12-31'))).toThrow(
      ReferenceRateUnknownError,
    );
  });

  it('rows are consecutive half-years from 2015-01-01 to 2026-01-01', () => {
    expect(REFERENCE_RATE_TABLE[0]?.validFromDate).toBe('2015-01-01');
    expect(REFERENCE_RATE_TABLE.at(-1)?.validFromDate).toBe('2026-01-01');
    REFERENCE_RATE_TABLE.forEach((row, i) => {
      expect(halfYearStart(row.validFromDate)).toBe(row.validFromDate);
      const next = REFERENCE_RATE_TABLE[i + 1];
      if (next) expect(next.validFromDate).toBe(addDays(halfYearEnd(row.validFromDate), 1));
    });
  });

  it.each([
    ['2016-06-30', 0n],
    ['2016-07-01', -50n],
    ['2019-07-01', 0n],
    ['2022-07-01', 50n],
    ['2023-01-01', 250n],
    ['2023-07-01', 350n],
    ['2024-07-01', 400n],
    ['2025-06-30', 300n],
    ['2025-07-01', 200n],
  ])('referensranta(BUILT_IN_REFERENCE_RATES, %s) → %i bp', (date, expected) => {
    expect(referensranta(BUILT_IN_REFERENCE_RATES, d(date))).toBe(expected);
  });
});

describe('domain.md §12 vector 15: referensFromPolicyRate rounds up to half a percent', () => {
  it.each([
    [375n, 400n],
    [-35n, 0n],
    [175n, 200n],
    [250n, 250n],
    [275n, 300n],
    [0n, 0n],
    [-50n, -50n],
    [-75n, -50n],
    [1n, 50n],
  ])('vector 15: policy %i bp → %i bp', (policy, expected) => {
    expect(referensFromPolicyRate(policy)).toBe(expected);
  });

  it('the result is the smallest multiple of 50 bp that is not below the policy rate', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1000n, max: 2000n }), (policy) => {
        const reference = referensFromPolicyRate(policy);
        expect(reference % 50n).toBe(0n);
        expect(reference >= policy).toBe(true);
        expect(reference - 50n < policy).toBe(true);
      }),
    );
  });
});

describe('published rows extend the built-in table', () => {
  const july = { validFromDate: d('2026-07-01'), referenceRateBasisPoints: 150n };
  const january = { validFromDate: d('2027-01-01'), referenceRateBasisPoints: 100n };

  it('a published half-year is looked up like a built-in one, each day at its own rate', () => {
    const rates = referenceRatesWith([january, july]);
    expect(lastKnownDate(rates)).toBe('2027-06-30');
    expect(referensranta(rates, d('2026-06-30'))).toBe(200n);
    expect(referensranta(rates, d('2026-07-01'))).toBe(150n);
    expect(drojsmalsranta(rates, d('2027-03-01'))).toBe(900n);
    expect(() => referensranta(rates, d('2027-07-01'))).toThrow(ReferenceRateUnknownError);
  });

  it('the error names the half-year the operator must publish', () => {
    try {
      referensranta(BUILT_IN_REFERENCE_RATES, d('2026-09-15'));
      expect.unreachable();
    } catch (error) {
      expect((error as ReferenceRateUnknownError).validFrom).toBe('2026-07-01');
      expect((error as Error).message).toContain('publishes the half-year from 2026-07-01');
    }
  });

  it('a gap or a repeated built-in half-year is a broken invariant', () => {
    expect(() => referenceRatesWith([january])).toThrow(
      /does not continue the table at 2026-07-01/,
    );
    expect(() =>
      referenceRatesWith([{ validFromDate: d('2026-01-01'), referenceRateBasisPoints: 200n }]),
    ).toThrow(/does not continue/);
  });

  it('without published rows the table is the built-in one', () => {
    expect(referenceRatesWith([]).rows).toEqual(BUILT_IN_REFERENCE_RATES.rows);
  });
});
