/**
 * Late-payment interest on one case: which days are not yet booked, and what has accrued by a
 * date. Principal only, never fees (domain.md §1: RH 2010:18 leaves interest on fees contested).
 * Owns: the booked/unbooked split. Must not: compute or round interest itself (computeInterest does).
 */
import { addDays, maxDate, type CalendarDate } from '../calendar-date.ts';
import { addOre, ZERO_ORE, type Ore } from '../money.ts';
import {
  computeInterest,
  interestStartDate,
  type InterestRate,
  type InterestSegment,
} from '../interest/late-payment-interest.ts';
import type { ReferenceRates } from '../interest/reference-rate.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import type { CollectionPolicy } from './policy.ts';

/** Interest to book now, written out as an inkassokrav must show it (capital, rate, from–to). */
export type InterestCharge = {
  readonly principal: Ore;
  readonly rate: InterestRate;
  /** First day charged: the interest start, or the day after the last booked day. */
  readonly fromDate: CalendarDate;
  /** Last day charged, inclusive: the document's own date. */
  readonly toDate: CalendarDate;
  readonly amount: Ore;
  readonly segments: readonly InterestSegment[];
};

/**
 * The case's first interest-bearing day under the policy: räntelagen 3 § (due dates agreed in
 * advance: from the due date) or 4 § (sent date + 30, only with the notice on the invoice).
 */
export function caseInterestStartDate(
  snapshot: CaseSnapshot,
  policy: CollectionPolicy,
): CalendarDate | null {
  return interestStartDate({
    sentDate: snapshot.sentDate,
    dueDate: snapshot.dueDate,
    dueDateAgreedInAdvance: policy.dueDatesAgreedInAdvance,
    interestNoticeOnInvoice: policy.interestNoticeOnInvoice,
  });
}

/**
 * Interest for the days not yet booked, through `throughDate` inclusive, on the open principal;
 * null when there is nothing to book (no start yet, no principal, every day booked, or under one
 * öre, which then stays unbooked and is charged with the next period rather than lost).
 *
 * Each booking uses the principal open at the time. The use case books accrued interest when a
 * payment changes the principal, so that a later booking never spans two principals.
 * Throws ReferenceRateUnknownError for a statutory rate in a half-year `rates` does not have:
 * refusing beats guessing (domain.md §1.2); the operator publishes the rate and the next run goes on.
 */
export function interestToBook(
  snapshot: CaseSnapshot,
  policy: CollectionPolicy,
  throughDate: CalendarDate,
  rates: ReferenceRates,
): InterestCharge | null {
  const start = caseInterestStartDate(snapshot, policy);
  if (start === null || snapshot.principalOpen <= 0n) return null;
  const booked = snapshot.interestBookedThrough;
  const fromDate = booked === null ? start : maxDate(start, addDays(booked, 1));
  if (fromDate > throughDate) return null;
  const { amount, segments } = computeInterest(
    { principal: snapshot.principalOpen, fromDate, toDate: throughDate, rate: policy.interest },
    rates,
  );
  if (amount <= 0n) return null;
  return {
    principal: snapshot.principalOpen,
    rate: policy.interest,
    fromDate,
    toDate: throughDate,
    amount,
    segments,
  };
}

export type InterestAccrual = {
  /** Booked and still open (the snapshot's interestOpen). */
  readonly booked: Ore;
  /** Accrued on the principal since the last booked day, through the as-of date. */
  readonly unbooked: Ore;
  readonly total: Ore;
};

/**
 * What the API shows as a balance's interest on `asOfDate`: booked interest plus the accrual not
 * yet booked. Only an open ('sent') case accrues; a paid or closed one had its interest booked
 * when it ended, so only the booked part remains.
 */
export function accrueInterest(
  snapshot: CaseSnapshot,
  policy: CollectionPolicy,
  asOfDate: CalendarDate,
  rates: ReferenceRates,
): InterestAccrual {
  const charge =
    snapshot.status === 'sent' ? interestToBook(snapshot, policy, asOfDate, rates) : null;
  const unbooked = charge?.amount ?? ZERO_ORE;
  return {
    booked: snapshot.interestOpen,
    unbooked,
    total: addOre(snapshot.interestOpen, unbooked),
  };
}
