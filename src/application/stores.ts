/**
 * Store ports: persistence as the use cases need it. One Stores object is bound to one
 * transaction; the unit of work hands it out. Implemented in src/adapters/db.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { JournalEntryDraft } from '../domain/ledger/journal-entry.ts';
import type { Ore } from '../domain/money.ts';
import type { CollectionStore } from './collection/collection-store.ts';
import type { CustomerCreditStore } from './payments/customer-credit-store.ts';
import type { PaymentStore } from './payments/payment-store.ts';
import type { ReferenceRateStore } from './reference-rate-store.ts';
import type { OutgoingDocument } from './ports.ts';
import type {
  DocumentRecord,
  DocumentStatus,
  TaskKind,
  TaskRecord,
  CreditNoteRecord,
  CustomerRecord,
  InvoiceEventRecord,
  InvoiceRecord,
  InvoiceStatus,
  TenantRecord,
  TrialBalanceRow,
} from './records.ts';

export type Page<T> = { readonly items: readonly T[]; readonly nextCursor: string | null };

export interface TenantStore {
  /** Inserts the tenant and returns the tenant number the database gave it. */
  insert(tenant: Omit<TenantRecord, 'tenantNumber'>): Promise<bigint>;
  get(tenantId: string): Promise<TenantRecord | null>;
  /** The operator's list: by tenant number; query matches name, organisation or tenant number. */
  search(options: {
    query?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<TenantRecord>>;
}

export interface NumberSeriesStore {
  /** The next number of a gapless series (1, 2, 3 …), locked until the transaction ends. */
  take(tenantId: string, series: string): Promise<bigint>;
}

export interface CustomerStore {
  insert(tenantId: string, customer: CustomerRecord): Promise<void>;
  get(tenantId: string, customerId: string): Promise<CustomerRecord | null>;
  update(tenantId: string, customer: CustomerRecord): Promise<void>;
  search(
    tenantId: string,
    options: { query?: string | undefined; limit: number; cursor?: string | undefined },
  ): Promise<Page<CustomerRecord>>;
}

export type InvoiceFilter = {
  readonly status?: InvoiceStatus | undefined;
  readonly stage?: string | undefined;
  readonly customerId?: string | undefined;
  readonly overdueOn?: CalendarDate | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
};

export type InvoiceChange = Partial<
  Pick<
    InvoiceRecord,
    | 'number'
    | 'ocr'
    | 'status'
    | 'stage'
    | 'disputed'
    | 'sentDate'
    | 'credited'
    | 'principalOpen'
    | 'feesOpen'
    | 'interestOpen'
    | 'nextActionDate'
  >
>;

export interface InvoiceStore {
  insert(tenantId: string, invoice: InvoiceRecord): Promise<void>;
  /** forUpdate locks the row until the transaction ends: every change to an invoice takes it. */
  get(
    tenantId: string,
    invoiceId: string,
    options?: { forUpdate?: boolean },
  ): Promise<InvoiceRecord | null>;
  update(
    tenantId: string,
    invoiceId: string,
    change: InvoiceChange,
    updatedAt: string,
  ): Promise<void>;
  list(tenantId: string, filter: InvoiceFilter): Promise<Page<InvoiceRecord>>;
  addEvent(
    tenantId: string,
    invoiceId: string,
    event: Omit<InvoiceEventRecord, 'seq'>,
    createdAt: string,
  ): Promise<void>;
  events(tenantId: string, invoiceId: string): Promise<InvoiceEventRecord[]>;
  insertCreditNote(tenantId: string, note: CreditNoteRecord): Promise<void>;
  creditNotes(tenantId: string, invoiceId: string): Promise<CreditNoteRecord[]>;
  /** Σ open amounts (principal + fees + interest) of sent invoices: must equal the receivable account. */
  openReceivables(tenantId: string): Promise<Ore>;
}

export type PostedEntry = { readonly entryId: string; readonly voucherNumber: bigint };

export interface LedgerStore {
  /** Books an entry; a second entry with the same causeKey books nothing and returns null. */
  post(
    tenantId: string,
    entry: JournalEntryDraft,
    meta: { entryId: string; voucherNumber: bigint; createdAt: string },
  ): Promise<PostedEntry | null>;
  hasCause(tenantId: string, causeKey: string): Promise<boolean>;
  trialBalance(tenantId: string, throughDate: CalendarDate): Promise<TrialBalanceRow[]>;
  entries(
    tenantId: string,
    range: { from: CalendarDate; to: CalendarDate },
  ): Promise<(JournalEntryDraft & PostedEntry)[]>;
}

export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly statusCode: number; readonly body: unknown }
  | { readonly kind: 'mismatch' };

export interface IdempotencyStore {
  /** Claims a key for this transaction, or tells what the first request with it got. */
  claim(
    scope: string,
    key: string,
    requestHash: string,
    createdAt: string,
  ): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, statusCode: number, body: unknown): Promise<void>;
}

export type ClaimedMessage = { readonly document: OutgoingDocument; readonly attempt: number };

/**
 * One finished delivery attempt as the dispatcher records it: the attempt's outcome, the
 * message's new state, and the timeline event and client task that go with it (decided by the
 * dispatcher, written by the store in the same statements as the rest of the batch).
 */
export type FinishedAttempt = {
  readonly tenantId: string;
  readonly documentId: string;
  readonly attempt: number;
  readonly outcome: 'delivered' | 'found_delivered' | 'unconfirmed' | 'error';
  /** delivered / unconfirmed / failed (given up) are final; pending is due again after the retry. */
  readonly state: 'delivered' | 'unconfirmed' | 'failed' | 'pending';
  readonly error: string | null;
  readonly retryInSeconds: number;
  readonly event: {
    readonly invoiceId: string;
    readonly date: CalendarDate;
    readonly type: 'document_delivered' | 'document_failed';
    readonly detail: Record<string, unknown>;
  } | null;
  readonly task: {
    readonly taskId: string;
    readonly kind: Extract<TaskKind, 'delivery_failed' | 'delivery_unconfirmed'>;
    readonly invoiceId: string | null;
    readonly detail: Record<string, unknown>;
  } | null;
};

export interface DocumentStore {
  /** Inserts the document and its outbox message (due at `now`). */
  queue(
    tenantId: string,
    document: Omit<DocumentRecord, 'status' | 'deliveredAt'>,
    now: string,
  ): Promise<void>;
  get(tenantId: string, documentId: string): Promise<DocumentRecord | null>;
  byInvoice(tenantId: string, invoiceId: string): Promise<DocumentRecord[]>;
  /**
   * Claims up to `limit` due messages across tenants (SKIP LOCKED), leasing them for
   * `leaseSeconds` and recording the attempt each is on; returns them with their documents.
   */
  claimDue(now: string, leaseSeconds: number, limit: number): Promise<ClaimedMessage[]>;
  /** Messages whose lease ran out while 'delivering': an attempt was interrupted. */
  expiredLeases(now: string, limit: number): Promise<ClaimedMessage[]>;
  /**
   * Records a batch of finished attempts: attempt rows, message states, document statuses,
   * timeline events and tasks. An attempt whose message is no longer 'delivering' on that attempt
   * (another dispatcher recorded it) is skipped whole; returns the ones recorded.
   */
  finishAttempts(attempts: readonly FinishedAttempt[], now: string): Promise<FinishedAttempt[]>;
  setStatus(tenantId: string, documentId: string, status: DocumentStatus): Promise<void>;
}

export interface TaskStore {
  /** Opens a task; an open task of the same kind for the same invoice is kept instead. */
  open(tenantId: string, task: TaskRecord): Promise<boolean>;
  list(tenantId: string, status: 'open' | 'done' | undefined): Promise<TaskRecord[]>;
  closeKind(tenantId: string, invoiceId: string, kind: TaskKind, now: string): Promise<number>;
}

export interface Stores {
  readonly tenants: TenantStore;
  readonly series: NumberSeriesStore;
  readonly customers: CustomerStore;
  readonly invoices: InvoiceStore;
  readonly ledger: LedgerStore;
  readonly idempotency: IdempotencyStore;
  readonly documents: DocumentStore;
  readonly tasks: TaskStore;
  readonly collection: CollectionStore;
  readonly payments: PaymentStore;
  readonly customerCredit: CustomerCreditStore;
  readonly referenceRates: ReferenceRateStore;
}

export interface UnitOfWork {
  /** Stores bound to one transaction: everything fn writes commits together or not at all. */
  transaction<T>(fn: (stores: Stores) => Promise<T>): Promise<T>;
  /** Stores for single reads outside a transaction. */
  readonly read: Stores;
}
