/**
 * Store ports of the collection engine: the client's versioned policy, the collection state of
 * an invoice, the bookkeeping of which days and steps the daily run has done, and the bulk writes
 * with which the run commits a whole batch of invoices' steps in a few statements.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import type { JournalEntryDraft } from '../../domain/ledger/journal-entry.ts';
import type { Ore } from '../../domain/money.ts';
import type {
  CollectionStage,
  CustomerRecord,
  DocumentRecord,
  InvoiceEventRecord,
  InvoiceRecord,
  TaskKind,
  TaskRecord,
} from '../records.ts';

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
  /** Förseningsersättning charged (1981:739 4 a §): it replaces the 60/180 kr fees. */
  readonly lateCompensationCharged: boolean;
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

/** One invoice's step as recorded in the never-twice table. */
export type StepRecord = {
  readonly invoiceId: string;
  readonly step: string;
  readonly createdAt: string;
};

/** A journal entry to book, with the id it gets; its voucher number is taken when it is booked. */
export type EntryToBook = {
  readonly entryId: string;
  readonly entry: JournalEntryDraft;
  readonly createdAt: string;
};

/** A document and its outbox message (due at createdAt). */
export type DocumentToQueue = Omit<DocumentRecord, 'status' | 'deliveredAt'>;

/** A timeline event; an invoice's events of one call get consecutive seq numbers in order. */
export type EventToAdd = Omit<InvoiceEventRecord, 'seq'> & {
  readonly invoiceId: string;
  readonly createdAt: string;
};

export type CaseUpdate = {
  readonly invoiceId: string;
  readonly change: CaseChange;
  readonly updatedAt: string;
};

/** Everything a batch's recorded steps write, by kind of row. */
export type BatchWrites = {
  readonly documents: readonly DocumentToQueue[];
  readonly tasks: readonly TaskRecord[];
  readonly updates: readonly CaseUpdate[];
  readonly events: readonly EventToAdd[];
  readonly entries: readonly EntryToBook[];
};

/** Bulk writes for the daily run: each does for many invoices what the single-row ports do. */
export interface CollectionBatchStore {
  /** Ids of the client's open invoices whose next action date has come, by (date, id). */
  allDueInvoiceIds(tenantId: string, date: CalendarDate): Promise<string[]>;
  /**
   * Locks those of `invoiceIds` still due on `date` (SKIP LOCKED: rows another worker holds are
   * left to it) and loads their cases in one go, in (next action date, id) order.
   */
  lockDueCases(
    tenantId: string,
    invoiceIds: readonly string[],
    date: CalendarDate,
  ): Promise<CaseRecord[]>;
  /** recordStep for many: the ids of the invoices whose step was new (never twice). */
  recordSteps(
    tenantId: string,
    steps: readonly StepRecord[],
    runDate: CalendarDate,
    policyVersion: number,
  ): Promise<Set<string>>;
  /**
   * Writes what a batch's recorded steps change, in one go: documents with their outbox
   * messages; tasks (an open task of the same kind for the same invoice is kept instead); case
   * updates; events; and entries, booked in order like postEntry: an entry whose cause is already
   * booked is skipped, the rest take consecutive numbers of the gapless voucher series.
   */
  writeSteps(tenantId: string, writes: BatchWrites): Promise<void>;
}

export interface CollectionStore extends CollectionBatchStore {
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
