/**
 * Goal: late-payment interest matches domain.md vectors 8-13 to the öre, with the documented
 * start-day convention. Method: the vectors by number, edge cases of the period and of
 * interestStartDate, and fast-check properties (exact rounding once; segments sum to the total).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, fromEpochDay, toEpochDay } from '../calendar-date.ts';
import { divideRounded, ore, sumOre } from '../money.ts';
import { computeInterest, interestStartDate, type InterestRate } from './late-payment-interest.ts';
import { drojsmalsranta, ReferenceRateUnknownError } from './reference-rate.ts';
import { BUILT_IN_REFERENCE_RATES } from './reference-rate.ts';

const d = calendarDate;
const statutory: InterestRate = { kind: 'statutory' };

describe('domain.md §12 vectors 8-13', () => {
  it('vector 8: 6 780 kr at fixed 8 %, 2021-01-01…2021-04-20 (110 days) → 163.46 kr', () => {
    const result = computeInterest(
      {
        principal: ore(678_000n),
        fromDate: d('2021-01-01'),
        toDate: d('2021-04-20'),
        rate: { kind: 'fixed', rateBasisPoints: 800n },
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(result.amount).toBe(16_346n);
    expect(result.segments).toEqual([
      {
        fromDate: '2021-01-01',
        toDate: '2021-04-20',
        days: 110,
        rateBasisPoints: 800n,
        amount: 16_346n,
      },
    ]);
  });

  it('vector 9: 10 000 kr due 2025-03-31 (agreed, 3 §), paid 2025-04-30 → 30 days at 11 % → 90.41 kr', () => {
    const start = interestStartDate({
      sentDate: d('2025-03-01'),
      dueDate: d('2025-03-31'),
      dueDateAgreedInAdvance: true,
      interestNoticeOnInvoice: false,
    });
    expect(start).toBe('2025-04-01');
    const result = computeInterest(
      {
        principal: ore(1_000_000n),
        fromDate: start!,
        toDate: d('2025-04-30'),
        rate: statutory,
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(result.segments.map((s) => [s.days, s.rateBasisPoints])).toEqual([[30, 1100n]]);
    expect(result.amount).toBe(9_041n);
  });

  it('vector 10: 10 000 kr, 2025-06-16…2025-07-15 → 15 days at 11 % + 15 at 10 % → 86.30 kr', () => {
    const result = computeInterest(
      {
        principal: ore(1_000_000n),
        fromDate: d('2025-06-16'),
        toDate: d('2025-07-15'),
        rate: statutory,
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(result.amount).toBe(8_630n);
    expect(result.segments.map((s) => [s.fromDate, s.toDate, s.days, s.rateBasisPoints])).toEqual([
      ['2025-06-16', '2025-06-30', 15, 1100n],
      ['2025-07-01', '2025-07-15', 15, 1000n],
    ]);
    // Exact shares are 4520.55 and 4109.59 öre: rounded one by one they would make 86.31 kr, so
    // the segments share out the rounded total instead and still add up to 86.30.
    expect(result.segments.map((s) => s.amount)).toEqual([4_520n, 4_110n]);
    expect(sumOre(result.segments.map((s) => s.amount))).toBe(result.amount);
  });

  it('vector 11: 5 000 kr, 2026-01-01…2026-01-31 (31 days at 10 %) → 42.47 kr', () => {
    const result = computeInterest(
      {
        principal: ore(500_000n),
        fromDate: d('2026-01-01'),
        toDate: d('2026-01-31'),
        rate: statutory,
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(result.amount).toBe(4_247n);
  });

  it('vector 12: 10 000 kr, 2024-02-01…2024-02-29 (29 days at 12 %, /365 in a leap year) → 95.34 kr', () => {
    const result = computeInterest(
      {
        principal: ore(1_000_000n),
        fromDate: d('2024-02-01'),
        toDate: d('2024-02-29'),
        rate: statutory,
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(result.segments[0]?.days).toBe(29);
    expect(result.amount).toBe(9_534n);
  });

  it('vector 13: 4 § invoice sent 2025-09-01 → starts 2025-10-01; 1 250 kr paid 2025-10-31 → 10.62 kr', () => {
    const start = interestStartDate({
      sentDate: d('2025-09-01'),
      dueDate: d('2025-09-11'),
      dueDateAgreedInAdvance: false,
      interestNoticeOnInvoice: true,
    });
    expect(start).toBe('2025-10-01');
    const paidLate = computeInterest(
      {
        principal: ore(125_000n),
        fromDate: start!,
        toDate: d('2025-10-31'),
        rate: statutory,
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(paidLate.segments.map((s) => [s.days, s.rateBasisPoints])).toEqual([[31, 1000n]]);
    expect(paidLate.amount).toBe(1_062n);
  });

  it('vector 13: the same invoice paid 2025-09-25 (after the printed due date 09-11) → 0 kr', () => {
    const paidEarly = computeInterest(
      {
        principal: ore(125_000n),
        fromDate: d('2025-10-01'),
        toDate: d('2025-09-25'),
        rate: statutory,
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(paidEarly).toEqual({ amount: 0n, segments: [] });
  });
});

describe('computeInterest edges', () => {
  it('one day is counted when from = to; paying on the agreed due date costs nothing', () => {
    const oneDay = computeInterest(
      {
        principal: ore(3_650_000n),
        fromDate: d('2025-04-01'),
        toDate: d('2025-04-01'),
        rate: { kind: 'fixed', rateBasisPoints: 1000n },
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(oneDay.amount).toBe(1_000n);
    const start = interestStartDate({
      sentDate: d('2025-03-01'),
      dueDate: d('2025-03-31'),
      dueDateAgreedInAdvance: true,
      interestNoticeOnInvoice: true,
    });
    expect(
      computeInterest(
        {
          principal: ore(1_000_000n),
          fromDate: start!,
          toDate: d('2025-03-31'),
          rate: statutory,
        },
        BUILT_IN_REFERENCE_RATES,
      ).amount,
    ).toBe(0n);
  });

  it('a statutory period over a whole year gets one segment per half-year', () => {
    const result = computeInterest(
      {
        principal: ore(1_000_000n),
        fromDate: d('2023-05-01'),
        toDate: d('2024-08-31'),
        rate: statutory,
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(result.segments.map((s) => s.rateBasisPoints)).toEqual([1050n, 1150n, 1200n, 1200n]);
    expect(result.segments.reduce((n, s) => n + s.days, 0)).toBe(489);
  });

  it('a custom statutory margin replaces the 8 points', () => {
    const result = computeInterest(
      {
        principal: ore(1_000_000n),
        fromDate: d('2025-01-01'),
        toDate: d('2025-01-01'),
        rate: { kind: 'statutory', marginBasisPoints: 2000n },
      },
      BUILT_IN_REFERENCE_RATES,
    );
    expect(result.segments[0]?.rateBasisPoints).toBe(2300n);
  });

  it('throws when a day lies in an unpublished half-year', () => {
    expect(() =>
      computeInterest(
        {
          principal: ore(100n),
          fromDate: d('2026-06-01'),
          toDate: d('2026-07-01'),
          rate: statutory,
        },
        BUILT_IN_REFERENCE_RATES,
      ),
    ).toThrow(ReferenceRateUnknownError);
  });

  it('refuses a negative principal', () => {
    expect(() =>
      computeInterest(
        {
          principal: ore(-1n),
          fromDate: d('2025-01-01'),
          toDate: d('2025-01-02'),
          rate: statutory,
        },
        BUILT_IN_REFERENCE_RATES,
      ),
    ).toThrow();
  });
});

describe('interestStartDate', () => {
  const base = {
    sentDate: d('2025-09-01'),
    dueDate: d('2025-09-11'),
    dueDateAgreedInAdvance: false,
    interestNoticeOnInvoice: true,
  };

  it('4 §: a printed due date does not bring the start before day 30', () => {
    expect(interestStartDate(base)).toBe('2025-10-01');
  });

  it('2 §: a printed due date after day 30 moves the start to the day after it', () => {
    expect(interestStartDate({ ...base, dueDate: d('2025-10-15') })).toBe('2025-10-16');
  });

  it('4 §: no notice on the invoice and no agreed due date → no interest', () => {
    expect(interestStartDate({ ...base, interestNoticeOnInvoice: false })).toBeNull();
  });

  it('4 § 3 st.: service of a betalningsföreläggande starts interest at the latest', () => {
    const served = d('2025-09-20');
    expect(interestStartDate({ ...base, applicationServedDate: served })).toBe('2025-09-20');
    expect(
      interestStartDate({ ...base, interestNoticeOnInvoice: false, applicationServedDate: served }),
    ).toBe('2025-09-20');
    expect(interestStartDate({ ...base, applicationServedDate: d('2025-12-01') })).toBe(
      '2025-10-01',
    );
  });

  it('a due date on a non-bank day is moved first (5 § skuldebrevslagen)', () => {
    // Saturday 2025-11-01 → Monday 11-03 is still on time; interest from Tuesday.
    expect(
      interestStartDate({ ...base, dueDate: d('2025-11-01'), dueDateAgreedInAdvance: true }),
    ).toBe('2025-11-04');
    // The 4 § day-30 start is not a deadline and is not moved: sent 2025-10-02, day 30 is
    // Saturday 2025-11-01 and interest starts that day.
    expect(interestStartDate({ ...base, sentDate: d('2025-10-02') })).toBe('2025-11-01');
  });

  it('3 §: an agreed due date ignores the sending date and the notice', () => {
    expect(
      interestStartDate({
        ...base,
        dueDateAgreedInAdvance: true,
        interestNoticeOnInvoice: false,
      }),
    ).toBe('2025-09-12');
  });
});

describe('properties', () => {
  const days = fc.integer({ min: toEpochDay(d('2015-01-01')), max: toEpochDay(d('2026-06-30')) });
  const periods = fc
    .tuple(days, days, fc.bigInt({ min: 0n, max: 100_000_000_000n }))
    .map(([a, b, principal]) => ({
      principal: ore(principal),
      fromDate: fromEpochDay(Math.min(a, b)),
      toDate: fromEpochDay(Math.max(a, b)),
      rate: statutory,
    }));

  it('the total is the exact day-by-day sum rounded half-up once; segments sum to it', () => {
    fc.assert(
      fc.property(periods, (period) => {
        const result = computeInterest(period, BUILT_IN_REFERENCE_RATES);
        let numerator = 0n;
        for (let day = period.fromDate; day <= period.toDate; day = addDays(day, 1)) {
          numerator += period.principal * drojsmalsranta(BUILT_IN_REFERENCE_RATES, day);
        }
        expect(result.amount).toBe(divideRounded(numerator, 3_650_000n, 'halfUp'));
        expect(sumOre(result.segments.map((s) => s.amount))).toBe(result.amount);
        expect(result.segments.every((s) => s.amount >= 0n)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('segments tile the period without gaps or overlaps', () => {
    fc.assert(
      fc.property(periods, (period) => {
        const { segments } = computeInterest(period, BUILT_IN_REFERENCE_RATES);
        expect(segments[0]?.fromDate).toBe(period.fromDate);
        expect(segments.at(-1)?.toDate).toBe(period.toDate);
        segments.forEach((s, i) => {
          const next = segments[i + 1];
          if (next) expect(next.fromDate).toBe(addDays(s.toDate, 1));
        });
      }),
    );
  });
});
