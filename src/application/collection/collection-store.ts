/**
 * Store ports of the collection engine: the client's versioned policy, the collection state of
 * an invoice, and the bookkeeping of which days and steps the daily run has done.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import type { Ore } from '../../domain/money.ts';
import type { CollectionStage, CustomerRecord, InvoiceRecord, TaskKind } from '../records.ts';

/** The engine's memory of one invoice, kept on the invoice row. */
export type CollectionState = {
  readonly stage: CollectionStage;
  readonly noticeSentDate: CalendarDate | null;
  readonly reminderSentDate: CalendarDate | null;
  readonly reminderDueDate: CalendarDate | null;
  readonly demandSentDate: CalendarDate | null;
  readonly demandDueDate: CalendarDate | null;
  readonly interestBookedThrough: CalendarDate | null;
  readonly reminderFeeCharged: boolean;
  readonly collectionFeeCharged: boolean;
  readonly paymentsApplied: Ore;
  readonly pausedUntil: CalendarDate | null;
  readonly pauseReason: string | null;
  readonly disputeReason: string | null;
  readonly decision: string | null;
};

export type CaseRecord = {
  readonly invoice: InvoiceRecord;
  readonly state: CollectionState;
  readonly customer: CustomerRecord;
  readonly openTasks: readonly TaskKind[];
};

export type CaseChange = Partial<
  Pick<
    InvoiceRecord,
    | 'status'
    | 'stage'
    | 'disputed'
    | 'principalOpen'
    | 'feesOpen'
    | 'interestOpen'
    | 'nextActionDate'
  > &
    Omit<CollectionState, 'stage'>
>;

export interface CollectionStore {
  policy(tenantId: string): Promise<CollectionPolicy>;
  savePolicy(tenantId: string, policy: CollectionPolicy, createdAt: string): Promise<void>;
  /** Ids of the client's open invoices whose next action date is on or before `date`. */
  dueInvoiceIds(tenantId: string, date: CalendarDate, limit: number): Promise<string[]>;
  /**
   * The case, its row locked for this transaction. With skipLocked, null when another worker
   * holds it (that worker acts on it; this one must not).
   */
  loadCase(
    tenantId: string,
    invoiceId: string,
    options: { lock: 'wait' | 'skip' | 'none' },
  ): Promise<CaseRecord | null>;
  updateCase(
    tenantId: string,
    invoiceId: string,
    change: CaseChange,
    updatedAt: string,
  ): Promise<void>;
  /** Records a step; false if the invoice already had it (a step is never taken twice). */
  recordStep(
    tenantId: string,
    invoiceId: string,
    step: string,
    runDate: CalendarDate,
    policyVersion: number,
    createdAt: string,
  ): Promise<boolean>;
  tenantIds(): Promise<string[]>;
  lastCompletedDay(tenantId: string): Promise<CalendarDate | null>;
  completeDay(
    tenantId: string,
    date: CalendarDate,
    steps: number,
    completedAt: string,
  ): Promise<void>;
  latestRunDate(): Promise<CalendarDate | null>;
  /** Moves the latest run date forward (never back); returns the date now stored. */
  advanceLatestRunDate(date: CalendarDate): Promise<CalendarDate>;
  /** Open invoices of a customer that wait for something on the customer card. */
  invoicesWaitingOnCustomer(tenantId: string, customerId: string): Promise<string[]>;
}
