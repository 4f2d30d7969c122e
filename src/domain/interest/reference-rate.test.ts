/**
 * Goal: the referensränta table and lookups match domain.md §1.2 and vectors 14-15.
 * Method: the vectors by number, the table's shape (contiguous half-years), the edges of the
 * covered range, and a fast-check property for the round-up rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../calendar-date.ts';
import {
  drojsmalsranta,
  halfYearEnd,
  halfYearStart,
  lastKnownDate,
  REFERENCE_RATE_TABLE,
  ReferenceRateUnknownError,
  referensFromPolicyRate,
  referensranta,
} from './reference-rate.ts';

const d = calendarDate;

describe('domain.md §12 vector 14: referensränta and dröjsmålsränta lookups', () => {
  it('vector 14: 2025-01-15 → 3.00 / 11.00', () => {
    expect(referensranta(d('2025-01-15'))).toBe(300n);
    expect(drojsmalsranta(d('2025-01-15'))).toBe(1100n);
  });

  it.each([
    ['2024-12-31', 1200n],
    ['2016-03-01', 800n],
    ['2018-05-01', 750n],
    ['2026-03-01', 1000n],
  ])('vector 14: drojsmalsranta(%s) → %i bp', (date, expected) => {
    expect(drojsmalsranta(d(date))).toBe(expected);
  });

  it('vector 14: 2026-07-01 throws (not yet published)', () => {
    expect(() => drojsmalsranta(d('2026-07-01'))).toThrow(ReferenceRateUnknownError);
    try {
      referensranta(d('2026-07-01'));
    } catch (error) {
      expect(error).toBeInstanceOf(ReferenceRateUnknownError);
      expect((error as ReferenceRateUnknownError).code).toBe('reference_rate_not_published');
      expect((error as ReferenceRateUnknownError).date).toBe('2026-07-01');
    }
  });
});

describe('table coverage', () => {
  it('the last row is valid through 2026-06-30 and not a day longer', () => {
    expect(lastKnownDate()).toBe('2026-06-30');
    expect(referensranta(d('2026-06-30'))).toBe(200n);
    expect(() => referensranta(addDays(lastKnownDate(), 1))).toThrow(ReferenceRateUnknownError);
  });

  it('dates before the first row throw too', () => {
    expect(referensranta(d('2015-01-01'))).toBe(0n);
    expect(() => referensranta(d('2014-12-31'))).toThrow(ReferenceRateUnknownError);
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
  ])('referensranta(%s) → %i bp', (date, expected) => {
    expect(referensranta(d(date))).toBe(expected);
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
