/**
 * Decision: what the collection engine says to do with one case today, as a closed union. Each
 * carries nextReviewDate, the day to look again (null: not until something about the case changes).
 * Owns: the decision shapes and the stage each leads to. Must not: perform any of them.
 */
import type { CalendarDate } from '../calendar-date.ts';
import { assertNever } from '../result.ts';
import type { Ore } from '../money.ts';
import type { InterestCharge } from './case-interest.ts';
import type { CollectionStage } from './case-snapshot.ts';
import type { AfterDemandAction } from './policy.ts';

export type DocumentChannel = 'email' | 'letter';

export type WaitReason =
  /** The next step's day has not come (nextReviewDate is that day). */
  | 'not_due'
  /** Bestridande: every step waits until the dispute is resolved; the caller then re-evaluates. */
  | 'disputed'
  /** A pause with an end date; nextReviewDate is the day after it. */
  | 'paused'
  /** Paid, credited or closed: the flow is over. */
  | 'closed'
  /** Still 'sent' but nothing is owed (the caller should settle the status). */
  | 'nothing_owed'
  /** The inkassokrav is due but needs the identity number; the client's task is open. */
  | 'awaiting_identity_number'
  /** The inkassokrav is due but the register has no folkbokföringsadress; the task is open. */
  | 'awaiting_registered_address'
  /** The demand fell due unpaid; the client's decide_after_demand task is open. */
  | 'awaiting_client_decision'
  /** At Kronofogden: its events (served, contested, utslag) are recorded as they arrive. */
  | 'payment_order_in_progress';

export type CaseTask = 'complete_identity_number' | 'complete_registered_address';

export type Decision =
  | {
      readonly kind: 'wait';
      readonly reason: WaitReason;
      readonly nextReviewDate: CalendarDate | null;
    }
  | {
      readonly kind: 'send_notice';
      readonly channel: 'email';
      readonly nextReviewDate: CalendarDate;
    }
  | {
      readonly kind: 'send_reminder';
      readonly channel: DocumentChannel;
      /** policy.reminderFee if agreed and not yet charged on this invoice, else 0 (letterCosts). */
      readonly fee: Ore;
      /** Förseningsersättning with this letter (in place of the fee), else 0 (letterCosts). */
      readonly lateCompensation: Ore;
      readonly interest: InterestCharge | null;
      readonly payByDate: CalendarDate;
      /** Tasks to open for the client with this reminder (never one already open). */
      readonly openTasks: readonly 'complete_identity_number'[];
      readonly nextReviewDate: CalendarDate;
    }
  | {
      readonly kind: 'send_collection_demand';
      readonly channel: 'letter';
      /** policy.collectionFee unless one was already charged or it is replaced (letterCosts). */
      readonly fee: Ore;
      /** Förseningsersättning with this letter (in place of the fee), else 0 (letterCosts). */
      readonly lateCompensation: Ore;
      readonly interest: InterestCharge | null;
      readonly payByDate: CalendarDate;
      readonly nextReviewDate: CalendarDate;
    }
  | {
      /** A step is due but blocked on data only the client can supply. */
      readonly kind: 'open_task';
      readonly task: CaseTask;
      readonly nextReviewDate: null;
    }
  | {
      readonly kind: 'await_decision';
      readonly task: 'decide_after_demand';
      readonly nextReviewDate: null;
    }
  | {
      /** The policy's automatic choice in place of asking the client. */
      readonly kind: 'apply_after_demand';
      readonly action: Exclude<AfterDemandAction, 'ask'>;
      readonly nextReviewDate: CalendarDate | null;
    }
  | {
      /** Efterbevakning: a new written demand (no fee: one collection fee per invoice). */
      readonly kind: 'send_surveillance_demand';
      readonly channel: 'letter';
      /** Förseningsersättning if it is due and no earlier letter carried it, else 0. */
      readonly lateCompensation: Ore;
      readonly interest: InterestCharge | null;
      readonly payByDate: CalendarDate;
      readonly nextReviewDate: CalendarDate;
    }
  | {
      /** A residual after a payment, below policy.writeOffBelow: written off, the case closes. */
      readonly kind: 'write_off';
      readonly principal: Ore;
      readonly fees: Ore;
      readonly interest: Ore;
      readonly nextReviewDate: null;
    };

export type DecisionKind = Decision['kind'];

/** True when the decision changes the case (anything but a wait). */
export const isStepTaken = (decision: Decision): boolean => decision.kind !== 'wait';

/** The stage the case is in once the decision has been applied. */
export function stageAfter(decision: Decision, current: CollectionStage): CollectionStage {
  switch (decision.kind) {
    case 'wait':
    case 'open_task':
    case 'write_off':
      return current;
    case 'send_notice':
      return 'notice';
    case 'send_reminder':
      return 'reminder';
    case 'send_collection_demand':
      return 'collection_demand';
    case 'await_decision':
      return 'awaiting_decision';
    case 'apply_after_demand':
      return decision.action;
    case 'send_surveillance_demand':
      return 'surveillance';
    default:
      return assertNever(decision);
  }
}
