/**
 * Late-payment interest under räntelagen (1975:635): the first interest-bearing day (3 §/4 §) and
 * the amount for a run of days, actual/365, each day at its own half-year rate (6 §).
 * Owns: the day-count and rounding convention. Must not: round anywhere but at the very end.
 */
import { addDays, daysBetween, maxDate, minDate, type CalendarDate } from '../calendar-date.ts';
import { allocateOre, divideRounded, ore, ZERO_ORE, type Ore } from '../money.ts';
import { effectiveDueDate } from '../calendar/swedish-bank-days.ts';
import { assert } from '../result.ts';
import {
  halfYearEnd,
  referensranta,
  STATUTORY_MARGIN_BASIS_POINTS,
  type ReferenceRates,
} from './reference-rate.ts';

/**
 * Actual/365 even in leap years: the practice of Kronofogden's calculator and Lawline
 * (domain.md §1.3). This constant is the one place the choice is made.
 */
export const DAY_COUNT_BASIS_DAYS = 365n;
const BASIS_POINTS_PER_UNIT = 10_000n;

/** räntelagen 4 § 1 st.: interest runs from the day that falls 30 days after sending. */
export const INVOICE_INTEREST_DELAY_DAYS = 30;

export type InterestRate =
  /** räntelagen 6 §: referensränta of each day's half-year + margin (8 percentage points). */
  | { readonly kind: 'statutory'; readonly marginBasisPoints?: bigint }
  /** An agreed rate (räntelagen 1 §: the law yields to an agreement). */
  | { readonly kind: 'fixed'; readonly rateBasisPoints: bigint };

export type InterestSegment = {
  readonly fromDate: CalendarDate;
  readonly toDate: CalendarDate;
  readonly days: number;
  readonly rateBasisPoints: bigint;
  /** For display. Segment amounts are the exact total shared out; see `computeInterest`. */
  readonly amount: Ore;
};

export type InterestCalculation = {
  readonly amount: Ore;
  readonly segments: readonly InterestSegment[];
};

export type InterestPeriod = {
  readonly principal: Ore;
  /** The first interest-bearing day, counted. */
  readonly fromDate: CalendarDate;
  /** The last interest-bearing day, counted (for a payment: the payment day). */
  readonly toDate: CalendarDate;
  readonly rate: InterestRate;
};

/** Splits [from, to] at 1 January / 1 July, because a statutory rate changes there. */
function halfYearPieces(
  fromDate: CalendarDate,
  toDate: CalendarDate,
): [CalendarDate, CalendarDate][] {
  const pieces: [CalendarDate, CalendarDate][] = [];
  for (let start = fromDate; start <= toDate;) {
    const end = minDate(halfYearEnd(start), toDate);
    pieces.push([start, end]);
    start = addDays(end, 1);
  }
  return pieces;
}

function segmentRate(
  rate: InterestRate,
  segmentStart: CalendarDate,
  rates: ReferenceRates,
): bigint {
  switch (rate.kind) {
    case 'statutory':
      return (
        referensranta(rates, segmentStart) +
        (rate.marginBasisPoints ?? STATUTORY_MARGIN_BASIS_POINTS)
      );
    case 'fixed':
      return rate.rateBasisPoints;
  }
}

/**
 * Simple interest on `principal` for every day from `fromDate` through `toDate`, both counted
 * (Kronofogden's "fr.o.m.–t.o.m."; domain.md vector 8: 2021-01-01…2021-04-20 is 110 days).
 * An empty period (toDate before fromDate, e.g. paid before interest started) gives zero.
 *
 * The total is the exact rational Σ principal × rate × days / (10 000 × 365), rounded half-up to
 * whole öre once, at the end. Segment amounts are that rounded total shared out in proportion to
 * each segment's exact share (largest remainder), so they always sum to the total; a segment may
 * therefore differ by one öre from rounding it on its own.
 *
 * A statutory rate reads each half-year's referensränta from `rates` (a fixed rate ignores it).
 * Throws `ReferenceRateUnknownError` (statutory rate) for a day whose half-year is not in `rates`.
 */
export function computeInterest(
  period: InterestPeriod,
  rates: ReferenceRates,
): InterestCalculation {
  const { principal, fromDate, toDate, rate } = period;
  assert(principal >= 0n, `interest on a negative principal: ${principal}`);
  if (toDate < fromDate) return { amount: ZERO_ORE, segments: [] };

  // A fixed rate cannot change mid-period, so it gets a single segment.
  const pieces: [CalendarDate, CalendarDate][] =
    rate.kind === 'fixed' ? [[fromDate, toDate]] : halfYearPieces(fromDate, toDate);
  const raw = pieces.map(([start, end]) => {
    const rateBasisPoints = segmentRate(rate, start, rates);
    assert(rateBasisPoints >= 0n, `negative interest rate ${rateBasisPoints} from ${start}`);
    const days = daysBetween(start, end) + 1;
    return { fromDate: start, toDate: end, days, rateBasisPoints };
  });

  const weights = raw.map((s) => principal * s.rateBasisPoints * BigInt(s.days));
  const numerator = weights.reduce((sum, w) => sum + w, 0n);
  const amount = ore(
    divideRounded(numerator, BASIS_POINTS_PER_UNIT * DAY_COUNT_BASIS_DAYS, 'halfUp'),
  );
  const shares = allocateOre(amount, weights);
  const segments = raw.map((s, i) => ({ ...s, amount: shares[i] ?? ZERO_ORE }));
  return { amount, segments };
}

export type InterestStartInput = {
  /** The day the invoice (or other demand for a fixed amount) was sent; use the invoice date when
   *  that is the sending day. Only used when the due date was not agreed in advance. */
  readonly sentDate: CalendarDate;
  readonly dueDate: CalendarDate;
  /** True when the due date was set in a contract or terms before the invoice (3 §). */
  readonly dueDateAgreedInAdvance: boolean;
  /** 4 §: without an agreed due date, interest needs the invoice to say interest will be charged.
   *  (Between businesses 4 a § may waive this: UNVERIFIED, so the caller decides.) */
  readonly interestNoticeOnInvoice: boolean;
  /** 4 § 3 st.: service of an application for betalningsföreläggande starts interest at the latest. */
  readonly applicationServedDate?: CalendarDate;
};

/**
 * The first interest-bearing day, or null when no interest can run yet. Interest then runs
 * through the payment day inclusive (`computeInterest({ fromDate: start, toDate: paidDate })`).
 *
 * Convention, chosen so that domain.md vectors 9 and 13 both hold:
 * - 3 § (due date agreed in advance): the day AFTER the (bank-day-adjusted) due date. Paying on
 *   the due date is on time and costs nothing; days = paidDate − dueDate (vector 9: due 03-31,
 *   paid 04-30 → 30).
 * - 4 § (due date only printed on the invoice): the day that falls 30 days after sending,
 *   sentDate + 30, which itself bears interest (vector 13: sent 09-01 → 10-01; paid 10-31 → 31
 *   days). 2 § forbids interest before the claim is due, so a printed due date later than that
 *   moves the start to the day after it.
 * - 4 § 3 st.: the day the application for betalningsföreläggande was served, if earlier.
 */
export function interestStartDate(input: InterestStartInput): CalendarDate | null {
  // 5 § skuldebrevslagen: a due date on a weekend, holiday or eve moves to the next bank day, and
  // paying then is on time. Rolling is idempotent, so an already-moved due date is fine too.
  const dayAfterDue = addDays(effectiveDueDate(input.dueDate), 1);
  let start: CalendarDate | null;
  if (input.dueDateAgreedInAdvance) {
    start = dayAfterDue;
  } else if (input.interestNoticeOnInvoice) {
    start = maxDate(addDays(input.sentDate, INVOICE_INTEREST_DELAY_DAYS), dayAfterDue);
  } else {
    start = null;
  }
  const served = input.applicationServedDate;
  if (served === undefined) return start;
  return start === null ? served : minDate(start, served);
}
