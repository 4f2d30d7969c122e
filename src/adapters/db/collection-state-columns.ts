/**
 * The invoice columns that hold an invoice's collection state: their names and SQL types, and the
 * mapping from a row to the CollectionState record. Shared by the single-row and the bulk store.
 */
import type { CaseChange, CollectionState } from '../../application/collection/collection-store.ts';
import type { Row } from '../../application/ports.ts';
import { asDateOrNull, asOre, asStringOrNull } from './row-mapping.ts';

export const STATE_COLUMNS: Record<keyof CaseChange, { name: string; type: string }> = {
  status: { name: 'status', type: 'text' },
  stage: { name: 'stage', type: 'text' },
  disputed: { name: 'disputed', type: 'boolean' },
  principalOpen: { name: 'principal_open_ore', type: 'int8' },
  feesOpen: { name: 'fees_open_ore', type: 'int8' },
  interestOpen: { name: 'interest_open_ore', type: 'int8' },
  nextActionDate: { name: 'next_action_date', type: 'date' },
  noticeSentDate: { name: 'notice_sent_date', type: 'date' },
  reminderSentDate: { name: 'reminder_sent_date', type: 'date' },
  reminderDueDate: { name: 'reminder_due_date', type: 'date' },
  demandSentDate: { name: 'demand_sent_date', type: 'date' },
  demandDueDate: { name: 'demand_due_date', type: 'date' },
  interestBookedThrough: { name: 'interest_booked_through', type: 'date' },
  reminderFeeCharged: { name: 'reminder_fee_charged', type: 'boolean' },
  collectionFeeCharged: { name: 'collection_fee_charged', type: 'boolean' },
  lateCompensationCharged: { name: 'late_compensation_charged', type: 'boolean' },
  paymentsApplied: { name: 'payments_applied_ore', type: 'int8' },
  pausedUntil: { name: 'paused_until', type: 'date' },
  pauseReason: { name: 'pause_reason', type: 'text' },
  disputeReason: { name: 'dispute_reason', type: 'text' },
  decision: { name: 'decision', type: 'text' },
};

export function toState(r: Row): CollectionState {
  return {
    stage: r.stage as CollectionState['stage'],
    noticeSentDate: asDateOrNull(r.notice_sent_date),
    reminderSentDate: asDateOrNull(r.reminder_sent_date),
    reminderDueDate: asDateOrNull(r.reminder_due_date),
    demandSentDate: asDateOrNull(r.demand_sent_date),
    demandDueDate: asDateOrNull(r.demand_due_date),
    interestBookedThrough: asDateOrNull(r.interest_booked_through),
    reminderFeeCharged: Boolean(r.reminder_fee_charged),
    collectionFeeCharged: Boolean(r.collection_fee_charged),
    lateCompensationCharged: Boolean(r.late_compensation_charged),
    paymentsApplied: asOre(r.payments_applied_ore),
    pausedUntil: asDateOrNull(r.paused_until),
    pauseReason: asStringOrNull(r.pause_reason),
    disputeReason: asStringOrNull(r.dispute_reason),
    decision: asStringOrNull(r.decision),
  };
}
