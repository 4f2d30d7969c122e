/**
 * The collection engine: decideNextStep turns one case's snapshot, the client's policy and the
 * run date into one Decision, with no I/O (pipeline: snapshot → decide → apply → next review date).
 * Owns: the order in which flow.md's rules apply. Must not: perform or persist anything.
 */
import { addDays, type CalendarDate } from '../calendar-date.ts';
import { assertNever } from '../result.ts';
import { owedTotal, type CaseSnapshot } from './case-snapshot.ts';
import type { Decision } from './decision.ts';
import {
  decisionStep,
  demandStep,
  noticePending,
  noticeStep,
  reminderStep,
  surveillanceStep,
  wait,
  type StepInput,
} from './engine-steps.ts';
import type { CollectionPolicy } from './policy.ts';
import type { ReferenceRates } from '../interest/reference-rate.ts';

export { accrueInterest, interestToBook } from './case-interest.ts';

/**
 * A residual after a payment, below the client's threshold: written off rather than chased.
 * Only after some payment (a new invoice below the threshold is not a residual), and before the
 * dispute and pause checks, since writing off can only favour the debtor.
 */
function writeOff(snapshot: CaseSnapshot, policy: CollectionPolicy): Decision | null {
  if (snapshot.paymentsApplied <= 0n || owedTotal(snapshot) >= policy.writeOffBelow) return null;
  return {
    kind: 'write_off',
    principal: snapshot.principalOpen,
    fees: snapshot.feesOpen,
    interest: snapshot.interestOpen,
    nextReviewDate: null,
  };
}

/** The step the case's stage leads to next; each step decides whether it is due today. */
function nextStepForStage(input: StepInput): Decision {
  const { snapshot } = input;
  switch (snapshot.stage) {
    case 'none':
      // No e-mail at creation: the notice is skipped, not awaited, and the reminder is next.
      return noticePending(snapshot) ? noticeStep(input) : reminderStep(input);
    case 'notice':
      return reminderStep(input);
    case 'reminder':
      return demandStep(input);
    case 'collection_demand':
      return decisionStep(input);
    case 'awaiting_decision':
      // The client chooses; if the task was closed without a choice, it is opened again.
      return snapshot.decisionTaskOpen
        ? wait('awaiting_client_decision', null)
        : { kind: 'await_decision', task: 'decide_after_demand', nextReviewDate: null };
    case 'payment_order':
      return wait('payment_order_in_progress', null);
    case 'surveillance':
      return surveillanceStep(input);
    default:
      return assertNever(snapshot.stage);
  }
}

/**
 * What to do with the case on `today`, and when to look again (flow.md, the six steps):
 * 1. only a 'sent' case with something owed is collected;
 * 2. a residual after a payment below policy.writeOffBelow is written off;
 * 3. a dispute pauses every step until resolved (nextReviewDate null: the caller re-evaluates
 *    when it is resolved); a pause with an end date resumes the day after it;
 * 4. otherwise the stage's next step, taken if its day has come (catch-up: the earliest pending
 *    step only, one document per bank day, each later step counted from the actual dates).
 *
 * The caller stores nextReviewDate as the case's next action date and calls again on that day, or
 * at once when something the decision depends on changes (a payment, a dispute resolved, the
 * identity number added, a new policy version: stored dates came from the old intervals).
 *
 * Deterministic: the same arguments always give the same decision. The policy is taken as valid
 * (validatePolicy runs when it is saved). `rates` is the referensränta table (built-in rows and
 * those the operator published). Throws ReferenceRateUnknownError when interest would need a
 * referensränta that is not in it, rather than guess it.
 */
export function decideNextStep(
  snapshot: CaseSnapshot,
  policy: CollectionPolicy,
  today: CalendarDate,
  rates: ReferenceRates,
): Decision {
  if (snapshot.status !== 'sent') return wait('closed', null);
  if (owedTotal(snapshot) <= 0n) return wait('nothing_owed', null);
  const residual = writeOff(snapshot, policy);
  if (residual !== null) return residual;
  if (snapshot.disputed) return wait('disputed', null);
  if (snapshot.pausedUntil !== null && today <= snapshot.pausedUntil) {
    return wait('paused', addDays(snapshot.pausedUntil, 1));
  }
  return nextStepForStage({ snapshot, policy, today, rates });
}
