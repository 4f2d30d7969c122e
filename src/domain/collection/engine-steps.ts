/**
 * The steps of the collection flow (flow.md steps 3-6 and surveillance), one function each: given
 * a case standing just before the step, take it today or say when. Used only by engine.ts,
 * which has already handled status, balance, write-off, dispute and pause.
 */
import type { CalendarDate } from '../calendar-date.ts';
import { isBankDay, nextBankDay } from '../calendar/swedish-bank-days.ts';
import { maxDate } from '../calendar-date.ts';
import { assert, assertNever } from '../result.ts';
import { interestToBook } from './case-interest.ts';
import { letterCosts } from './letter-costs.ts';
import { lastDocumentDate, type CaseSnapshot } from './case-snapshot.ts';
import type { Decision, DocumentChannel, WaitReason } from './decision.ts';
import type { ReferenceRates } from '../interest/reference-rate.ts';
import type { CollectionPolicy } from './policy.ts';
import {
  decisionDate,
  demandDate,
  demandPayByDate,
  noticeDate,
  notBeforeNextDocument,
  reminderDate,
  reminderPayByDate,
  surveillanceDemandDate,
} from './schedule.ts';

export type StepInput = {
  readonly snapshot: CaseSnapshot;
  readonly policy: CollectionPolicy;
  readonly today: CalendarDate;
  readonly rates: ReferenceRates;
};

export const wait = (reason: WaitReason, nextReviewDate: CalendarDate | null): Decision => ({
  kind: 'wait',
  reason,
  nextReviewDate,
});

/**
 * The wait for a step that may not be taken today, or null when it may. Steps happen only on bank
 * days (domain.md §9): a catch-up run on a weekend leaves the step for the next bank day.
 */
function notYet(stepDate: CalendarDate, today: CalendarDate): Decision | null {
  if (today < stepDate) return wait('not_due', stepDate);
  if (!isBankDay(today)) return wait('not_due', nextBankDay(today));
  return null;
}

/** After a step today, the next one is never before the next bank day (one document a day). */
const reviewAfter = (today: CalendarDate, scheduled: CalendarDate): CalendarDate =>
  maxDate(nextBankDay(today), scheduled);

function required<T>(value: T | null, field: string, snapshot: CaseSnapshot): T {
  assert(value !== null, `case ${snapshot.invoiceId} at stage ${snapshot.stage} lacks ${field}`);
  return value;
}

/**
 * An invoice's reminder goes by its own delivery method (flow.md step 4). E-invoice has no
 * reminder message, so it goes by e-mail where there is an address, else by letter (flow.md,
 * Delivery). An e-mail invoice whose customer no longer has an address falls back to a letter too.
 */
function reminderChannel(snapshot: CaseSnapshot): DocumentChannel {
  switch (snapshot.deliveryMethod) {
    case 'letter':
      return 'letter';
    case 'email':
    case 'einvoice':
      return snapshot.currentEmail ? 'email' : 'letter';
    default:
      return assertNever(snapshot.deliveryMethod);
  }
}

/** Whether the overdue notice is still to go: only with an e-mail on file at creation. */
export const noticePending = (snapshot: CaseSnapshot): boolean =>
  snapshot.emailAtCreation && snapshot.noticeSentDate === null;

/** Step 3: the overdue notice by e-mail, no fee. */
export function noticeStep({ snapshot, policy, today }: StepInput): Decision {
  const date = notBeforeNextDocument(
    noticeDate(snapshot.dueDate, policy),
    lastDocumentDate(snapshot),
  );
  const blocked = notYet(date, today);
  if (blocked !== null) return blocked;
  return {
    kind: 'send_notice',
    channel: 'email',
    nextReviewDate: reviewAfter(today, reminderDate(snapshot.dueDate, policy)),
  };
}

/** Step 4: the reminder, with its costs (letter-costs.ts) and interest booked to today. */
export function reminderStep({ snapshot, policy, today, rates }: StepInput): Decision {
  const date = notBeforeNextDocument(
    reminderDate(snapshot.dueDate, policy),
    lastDocumentDate(snapshot),
  );
  const blocked = notYet(date, today);
  if (blocked !== null) return blocked;
  const payByDate = reminderPayByDate(today, policy);
  const costs = letterCosts('reminder', snapshot, policy, today);
  const taskNeeded = !snapshot.identityNumberPresent && !snapshot.completeIdentityTaskOpen;
  return {
    kind: 'send_reminder',
    channel: reminderChannel(snapshot),
    fee: costs.fee,
    lateCompensation: costs.lateCompensation,
    interest: interestToBook(snapshot, policy, today, rates),
    payByDate,
    openTasks: taskNeeded ? ['complete_identity_number'] : [],
    nextReviewDate: reviewAfter(today, demandDate(payByDate, policy)),
  };
}

/**
 * An inkassokrav goes by letter to the folkbokföringsadress, which needs the identity number.
 * Without either, the case waits with nextReviewDate null: the use case that stores the number
 * (or address) re-evaluates the case, so the demand goes out on the first run after it.
 */
function letterBlocked(snapshot: CaseSnapshot): Decision | null {
  if (!snapshot.identityNumberPresent) {
    return snapshot.completeIdentityTaskOpen
      ? wait('awaiting_identity_number', null)
      : { kind: 'open_task', task: 'complete_identity_number', nextReviewDate: null };
  }
  if (!snapshot.registeredAddressPresent) {
    return snapshot.completeAddressTaskOpen
      ? wait('awaiting_registered_address', null)
      : { kind: 'open_task', task: 'complete_registered_address', nextReviewDate: null };
  }
  return null;
}

/**
 * Step 5: the inkassokrav, counted from the reminder's actual due date, with the collection fee
 * once per invoice (or förseningsersättning in its place, see letter-costs.ts) and interest
 * booked to today.
 */
export function demandStep({ snapshot, policy, today, rates }: StepInput): Decision {
  const reminderDueDate = required(snapshot.reminderDueDate, 'reminderDueDate', snapshot);
  const date = notBeforeNextDocument(
    demandDate(reminderDueDate, policy),
    lastDocumentDate(snapshot),
  );
  const blocked = notYet(date, today) ?? letterBlocked(snapshot);
  if (blocked !== null) return blocked;
  const payByDate = demandPayByDate(today, policy);
  const costs = letterCosts('collection_demand', snapshot, policy, today);
  return {
    kind: 'send_collection_demand',
    channel: 'letter',
    fee: costs.fee,
    lateCompensation: costs.lateCompensation,
    interest: interestToBook(snapshot, policy, today, rates),
    payByDate,
    nextReviewDate: reviewAfter(today, decisionDate(payByDate)),
  };
}

/** Step 6: the demand fell due unpaid. Ask the client, or apply the policy's automatic choice. */
export function decisionStep({ snapshot, policy, today }: StepInput): Decision {
  const demandDueDate = required(snapshot.demandDueDate, 'demandDueDate', snapshot);
  const blocked = notYet(decisionDate(demandDueDate), today);
  if (blocked !== null) return blocked;
  switch (policy.afterDemand) {
    case 'ask':
      return { kind: 'await_decision', task: 'decide_after_demand', nextReviewDate: null };
    case 'payment_order':
      return { kind: 'apply_after_demand', action: 'payment_order', nextReviewDate: null };
    case 'surveillance': {
      const lastDemand = required(snapshot.demandSentDate, 'demandSentDate', snapshot);
      const next = surveillanceDemandDate(lastDemand, policy);
      return {
        kind: 'apply_after_demand',
        action: 'surveillance',
        nextReviewDate: reviewAfter(today, next),
      };
    }
    default:
      return assertNever(policy.afterDemand);
  }
}

/**
 * Surveillance (efterbevakning): a new written demand every surveillanceIntervalMonths after the
 * last, each restarting the limitation period; interest keeps running and is booked with it.
 */
export function surveillanceStep({ snapshot, policy, today, rates }: StepInput): Decision {
  const lastDemand = required(snapshot.demandSentDate, 'demandSentDate', snapshot);
  const date = notBeforeNextDocument(
    surveillanceDemandDate(lastDemand, policy),
    lastDocumentDate(snapshot),
  );
  const blocked = notYet(date, today) ?? letterBlocked(snapshot);
  if (blocked !== null) return blocked;
  return {
    kind: 'send_surveillance_demand',
    channel: 'letter',
    lateCompensation: letterCosts('surveillance_demand', snapshot, policy, today).lateCompensation,
    interest: interestToBook(snapshot, policy, today, rates),
    payByDate: demandPayByDate(today, policy),
    nextReviewDate: reviewAfter(today, surveillanceDemandDate(today, policy)),
  };
}
