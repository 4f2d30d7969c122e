/**
 * The costs a reminder or inkassokrav adds under lag (1981:739): the reminder fee (2 §, 4 § p.1),
 * the collection fee (4 § p.2), or, for a company debtor when the client opted in,
 * förseningsersättning (4 a §) in their place.
 * Owns: which of them a letter carries. Must not: book or show them.
 *
 * Förseningsersättning (domain.md §0.3, vector 17) is the creditor's right against a business
 * once late-payment interest is due: a fixed 450 kr. IMY describes it as replacing the usual
 * collection costs between businesses; whether it fully excludes the 60/180 kr fees needs legal
 * confirmation, so the conservative reading is implemented: on an invoice it replaces them, and
 * the debtor never pays it on top of either.
 * - It applies only with policy.latePaymentCompensation, only to a company debtor (a person
 *   always gets the ordinary fees), and only to an invoice that has no 60/180 kr fee yet (one
 *   charged before the client opted in keeps the invoice on the ordinary fees).
 * - On such an invoice no reminder or collection fee is charged at all, and the 450 kr is charged
 *   once, on the first reminder or inkassokrav issued on or after the first interest day. A
 *   reminder before that day carries no fee.
 */
import type { CalendarDate } from '../calendar-date.ts';
import { ZERO_ORE, type Ore } from '../money.ts';
import { assertNever } from '../result.ts';
import { caseInterestStartDate } from './case-interest.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { LATE_PAYMENT_COMPENSATION_ORE } from './fee-law.ts';
import type { CollectionPolicy } from './policy.ts';

export type LetterKind = 'reminder' | 'collection_demand' | 'surveillance_demand';

export type LetterCosts = {
  /** The reminder fee (reminder) or the collection fee (inkassokrav); 0 when replaced. */
  readonly fee: Ore;
  /** Förseningsersättning charged with this letter: 450 kr once, else 0. */
  readonly lateCompensation: Ore;
};

const NONE: LetterCosts = { fee: ZERO_ORE, lateCompensation: ZERO_ORE };

/** Förseningsersättning takes the place of the 60/180 kr fees on this invoice. */
export function compensationReplacesFees(
  snapshot: CaseSnapshot,
  policy: Pick<CollectionPolicy, 'latePaymentCompensation'>,
): boolean {
  if (snapshot.lateCompensationCharged) return true;
  return (
    policy.latePaymentCompensation === true &&
    snapshot.customerKind === 'company' &&
    !snapshot.reminderFeeCharged &&
    !snapshot.collectionFeeCharged
  );
}

/** What the letter of `kind` sent on `today` adds to the invoice's costs. */
export function letterCosts(
  kind: LetterKind,
  snapshot: CaseSnapshot,
  policy: CollectionPolicy,
  today: CalendarDate,
): LetterCosts {
  if (compensationReplacesFees(snapshot, policy)) {
    if (snapshot.lateCompensationCharged) return NONE;
    const interestFrom = caseInterestStartDate(snapshot, policy);
    const interestDue = interestFrom !== null && today >= interestFrom;
    return interestDue ? { fee: ZERO_ORE, lateCompensation: LATE_PAYMENT_COMPENSATION_ORE } : NONE;
  }
  switch (kind) {
    case 'reminder':
      // 1981:739 2 §: only where agreed when the debt arose; one per invoice.
      return snapshot.reminderFeeAgreed && !snapshot.reminderFeeCharged
        ? { fee: policy.reminderFee, lateCompensation: ZERO_ORE }
        : NONE;
    case 'collection_demand':
      return snapshot.collectionFeeCharged
        ? NONE
        : { fee: policy.collectionFee, lateCompensation: ZERO_ORE };
    case 'surveillance_demand':
      // One collection fee per invoice: a later written demand adds none.
      return NONE;
    default:
      return assertNever(kind);
  }
}
