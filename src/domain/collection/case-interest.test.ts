/**
 * Goal: a case's interest is booked only for days not yet booked, on the principal only, and the
 * API's accrual is booked + unbooked. Method: the base case of the engine tests (10 000 kr, 10 %,
 * interest from 2026-02-17) at chosen dates, and a property that fees never change interest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDate as d } from '../calendar-date.ts';
import { ore } from '../money.ts';
import { accrueInterest, caseInterestStartDate, interestToBook } from './case-interest.ts';
import { caseSnapshot } from './engine-test-support.ts';
import { defaultPolicy } from './policy.ts';
import { BUILT_IN_REFERENCE_RATES } from '../interest/reference-rate.ts';

describe('caseInterestStartDate', () => {
  it('räntelagen 4 §: sent 2026-01-15 + 30 = 02-14, but not before the day after due (02-17)', () => {
    expect(caseInterestStartDate(caseSnapshot(), defaultPolicy)).toBe('2026-02-17');
  });

  it('räntelagen 4 §: a short printed term does not start interest before sent + 30', () => {
    const snapshot = caseSnapshot({ dueDate: d('2026-01-25') });
    expect(caseInterestStartDate(snapshot, defaultPolicy)).toBe('2026-02-14');
  });

  it('räntelagen 3 §: agreed in advance, from the day after the due date', () => {
    const snapshot = caseSnapshot({ dueDate: d('2026-01-25') });
    const policy = { ...defaultPolicy, dueDatesAgreedInAdvance: true };
    expect(caseInterestStartDate(snapshot, policy)).toBe('2026-01-27'); // 01-25 is a Sunday
  });
});

describe('interestToBook', () => {
  it('nothing before the start, nothing without principal, nothing when all days are booked', () => {
    expect(
      interestToBook(caseSnapshot(), defaultPolicy, d('2026-02-16'), BUILT_IN_REFERENCE_RATES),
    ).toBeNull();
    const noPrincipal = caseSnapshot({ principalOpen: ore(0n), feesOpen: ore(6_000n) });
    expect(
      interestToBook(noPrincipal, defaultPolicy, d('2026-03-16'), BUILT_IN_REFERENCE_RATES),
    ).toBeNull();
    const booked = caseSnapshot({ interestBookedThrough: d('2026-03-16') });
    expect(
      interestToBook(booked, defaultPolicy, d('2026-03-16'), BUILT_IN_REFERENCE_RATES),
    ).toBeNull();
  });

  it('less than one öre stays unbooked, so it is charged with the next period, not lost', () => {
    const tiny = caseSnapshot({ principalOpen: ore(100n) }); // 1 kr: 0.027 öre a day
    expect(
      interestToBook(tiny, defaultPolicy, d('2026-02-17'), BUILT_IN_REFERENCE_RATES),
    ).toBeNull();
    expect(
      interestToBook(tiny, defaultPolicy, d('2026-03-16'), BUILT_IN_REFERENCE_RATES)?.fromDate,
    ).toBe('2026-02-17');
  });

  it('property: fees and booked interest never change the interest (principal only)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.integer({ min: 0, max: 130 }),
        (fees, interest, offset) => {
          const through = addDays(d('2026-02-17'), offset);
          const plain = interestToBook(
            caseSnapshot(),
            defaultPolicy,
            through,
            BUILT_IN_REFERENCE_RATES,
          );
          const loaded = caseSnapshot({ feesOpen: ore(fees), interestOpen: ore(interest) });
          expect(interestToBook(loaded, defaultPolicy, through, BUILT_IN_REFERENCE_RATES)).toEqual(
            plain,
          );
        },
      ),
    );
  });
});

describe('accrueInterest', () => {
  it('booked interest plus the accrual since the last booked day', () => {
    const snapshot = caseSnapshot({
      interestOpen: ore(7_672n),
      interestBookedThrough: d('2026-03-16'),
    });
    // 03-17…04-30 = 45 days of 10 % on 10 000 kr = 123.287… kr.
    expect(
      accrueInterest(snapshot, defaultPolicy, d('2026-04-30'), BUILT_IN_REFERENCE_RATES),
    ).toEqual({
      booked: 7_672n,
      unbooked: 12_329n,
      total: 20_001n,
    });
  });

  it('a paid case accrues nothing more', () => {
    const snapshot = caseSnapshot({ status: 'paid', interestOpen: ore(500n) });
    expect(
      accrueInterest(snapshot, defaultPolicy, d('2026-04-30'), BUILT_IN_REFERENCE_RATES),
    ).toEqual({
      booked: 500n,
      unbooked: 0n,
      total: 500n,
    });
  });

  it('an as-of date before the interest start shows only what is booked', () => {
    expect(
      accrueInterest(caseSnapshot(), defaultPolicy, d('2026-02-01'), BUILT_IN_REFERENCE_RATES)
        .total,
    ).toBe(0n);
  });
});
