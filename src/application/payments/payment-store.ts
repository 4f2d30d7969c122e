/**
 * The payments port: bank files, payments, allocations, customer credit and payouts as the use
 * cases in this folder need them, plus the records they read and write. Implemented in
 * src/adapters/db/payment-store.ts (+ payout-store.ts).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { InvoiceRow } from '../../domain/invoicing/invoice-totals.ts';
import type { Ore } from '../../domain/money.ts';
import type { OpenAmounts } from '../../domain/payments/allocation.ts';
import type { BankFileFormat, PayerDetails } from '../../domain/payments/bank-file.ts';
import type { CaseRecord, EntryToBook, EventToAdd } from '../collection/collection-store.ts';
import type { InvoiceStatus } from '../records.ts';
import type { BankFileReader } from './bank-file-reader.ts';
import type { OperatorFeeQueries } from './operator-fee-store.ts';

/** The scope of the operator's own imports and unmatched queue: no client. */
export const OPERATOR_SCOPE = '00000000-0000-0000-0000-000000000000';

/** Same shape as stores.ts's Page, declared here so the two files do not import each other. */
export type PaymentPage = {
  readonly items: readonly PaymentRecord[];
  readonly nextCursor: string | null;
};

export type PaymentStatus = 'unmatched' | 'matched' | 'reversed';
export type MatchedBy = 'reference' | 'text' | 'manual';

export type PaymentRecord = {
  readonly paymentId: string;
  /** The client it belongs to; OPERATOR_SCOPE while it waits in the operator's queue. */
  readonly tenantId: string;
  /** Who imported or registered it: a tenant, or OPERATOR_SCOPE. */
  readonly scopeId: string;
  readonly fileId: string | null;
  readonly bankReference: string;
  readonly kind: 'payment' | 'deduction';
  readonly amount: Ore;
  readonly currency: string;
  readonly paymentDate: CalendarDate;
  readonly references: readonly string[];
  readonly message: string | null;
  readonly payer: PayerDetails | null;
  readonly status: PaymentStatus;
  readonly matchedBy: MatchedBy | null;
  readonly reversesPaymentId: string | null;
  readonly createdAt: string;
  readonly matchedAt: string | null;
};

export type AllocationRecord = {
  readonly allocationId: string;
  readonly paymentId: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly bookingDate: CalendarDate;
  /** Signed: a reversal row is the negative of the row it reverses. */
  readonly paid: OpenAmounts;
  readonly overpaid: Ore;
  readonly writtenOff: OpenAmounts;
  readonly reversesAllocationId: string | null;
  readonly reversed: boolean;
  readonly payoutId: string | null;
  readonly createdAt: string;
};

export type BankFileRecord = {
  readonly fileId: string;
  readonly scopeId: string;
  readonly checksum: string;
  readonly format: BankFileFormat;
  readonly fileReference: string;
  readonly test: boolean;
  readonly importedAt: string;
};

export type ImportCounts = {
  readonly payments: number;
  readonly matched: number;
  readonly unmatched: number;
  readonly skipped: number;
  readonly amount: Ore;
};

export type SuggestionRow = {
  readonly invoiceId: string;
  readonly number: bigint | null;
  readonly ocr: string | null;
  readonly customerName: string;
  readonly owed: Ore;
  readonly dueDate: CalendarDate;
};

export type PayoutFileRecord = {
  readonly fileId: string;
  readonly runDate: CalendarDate;
  readonly messageId: string;
  readonly content: string;
  readonly amount: Ore;
  readonly payouts: number;
  readonly createdAt: string;
};

export type PayoutRecord = {
  readonly payoutId: string;
  readonly tenantId: string;
  readonly fileId: string;
  readonly payoutDate: CalendarDate;
  readonly amount: Ore;
  readonly accountKind: 'iban' | 'bankgiro';
  readonly account: string;
  readonly endToEndId: string;
  readonly createdAt: string;
};

/** One allocation row of a payout, with what the settlement report prints about its invoice. */
export type SettlementRow = AllocationRecord & {
  readonly invoiceNumber: bigint | null;
  readonly customerName: string;
};

export interface PayoutQueries extends OperatorFeeQueries {
  /** Clients with client funds booked on or before the date and not yet paid out. */
  tenantsWithUnpaidFunds(throughDate: CalendarDate): Promise<string[]>;
  /** Those allocation rows, locked until the transaction ends (a concurrent run skips them). */
  unpaidAllocations(tenantId: string, throughDate: CalendarDate): Promise<AllocationRecord[]>;
  assignPayout(tenantId: string, allocationIds: readonly string[], payoutId: string): Promise<void>;
  insertPayoutFile(file: PayoutFileRecord): Promise<void>;
  insertPayout(payout: PayoutRecord): Promise<void>;
  payoutFile(fileId: string): Promise<PayoutFileRecord | null>;
  payoutOfFile(tenantId: string, fileId: string): Promise<PayoutRecord | null>;
  settlementRows(tenantId: string, payoutId: string): Promise<SettlementRow[]>;
}

/**
 * An invoice as the batched import locks it: what allocating a payment reads, and what booking it
 * changes (written back with updatePaidInvoices).
 */
export type PayableInvoice = {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly number: bigint | null;
  readonly status: InvoiceStatus;
  readonly dueDate: CalendarDate;
  readonly nextActionDate: CalendarDate | null;
  readonly feesOpen: Ore;
  readonly interestOpen: Ore;
  readonly principalOpen: Ore;
  /** The collection engine's running total of payments (0004's column). */
  readonly paymentsApplied: Ore;
  readonly interestBookedThrough: CalendarDate | null;
};

/** Rows of several clients in one statement carry their client. */
export type OfTenant<T> = T & { readonly tenantId: string };

/** The state of an invoice after a batch of payments, as of `updatedAt`. */
export type PaidInvoiceUpdate = OfTenant<
  Omit<PayableInvoice, 'customerId' | 'number' | 'dueDate'> & { readonly updatedAt: string }
>;

/**
 * Everything a batch of imported payments writes, one statement per kind of row. Entries are
 * booked in array order per client, like postEntry one after another: a cause already booked is
 * skipped, the rest take consecutive numbers of the client's gapless voucher series. Events of
 * one invoice get consecutive seq numbers in array order.
 */
export type PaymentBatchWrites = {
  readonly payments: readonly PaymentRecord[];
  readonly allocations: readonly OfTenant<AllocationRecord>[];
  readonly invoices: readonly PaidInvoiceUpdate[];
  readonly events: readonly OfTenant<EventToAdd>[];
  readonly entries: readonly BatchEntry[];
};

/**
 * newCause: the entry's cause names a payment of this import (a new id), so it cannot have been
 * booked before and is not looked up (the unique key still guards it).
 */
export type BatchEntry = OfTenant<EntryToBook> & { readonly newCause: boolean };

/** What the batched import (import-batch.ts) needs: each call serves a whole chunk of a file. */
export interface PaymentBatchQueries {
  /**
   * claimBankReference for many (bank references distinct): the references claimed now; the
   * others the scope has seen before.
   */
  claimBankReferences(
    scopeId: string,
    fileId: string,
    claims: readonly { readonly bankReference: string; readonly paymentId: string }[],
  ): Promise<Set<string>>;
  /** tenantIdByNumber for many: the numbers that belong to a client, with its id. */
  tenantIdsByNumber(tenantNumbers: readonly bigint[]): Promise<Map<bigint, string>>;
  /** invoiceIdByOcr for many OCRs of one client: the OCRs found, with their invoice. */
  invoiceIdsByOcr(tenantId: string, ocrs: readonly string[]): Promise<Map<string, string>>;
  /** Locks the invoices (in invoice id order, so two imports cannot deadlock on them). */
  lockPayableInvoices(tenantId: string, invoiceIds: readonly string[]): Promise<PayableInvoice[]>;
  /** The invoices' cases (invoice with rows, state, customer, open tasks), without locking. */
  paymentCases(tenantId: string, invoiceIds: readonly string[]): Promise<CaseRecord[]>;
  /** The invoices' rows, by invoice. */
  invoiceRows(tenantId: string, invoiceIds: readonly string[]): Promise<Map<string, InvoiceRow[]>>;
  /**
   * Everything a batch writes, in one statement: built now, sent by the function returned (so
   * that the next batch can be built while the database writes this one).
   */
  prepareBatchWrite(writes: PaymentBatchWrites): () => Promise<void>;
}

export interface PaymentStore extends PayoutQueries, PaymentBatchQueries {
  /**
   * Bytes → parsed bank file (decoding and the camt.054 XML parser are adapters). Reached through
   * the store because the unit of work is the composition point this module was given; it is
   * stateless and may move to AppContext without changing the use case beyond one line.
   */
  readonly bankFiles: BankFileReader;
  /** Records the file; false (and nothing written) when its checksum was imported in the scope. */
  insertBankFile(file: BankFileRecord): Promise<boolean>;
  setBankFileCounts(scopeId: string, fileId: string, counts: ImportCounts): Promise<void>;
  /** Claims a bank reference for a payment; false when the scope has seen it before. */
  claimBankReference(
    scopeId: string,
    bankReference: string,
    paymentId: string,
    fileId: string | null,
  ): Promise<boolean>;
  insertPayment(payment: PaymentRecord): Promise<void>;
  get(
    tenantId: string,
    paymentId: string,
    options?: { forUpdate?: boolean },
  ): Promise<PaymentRecord | null>;
  /** Status change; `moveTo` re-homes a payment from the operator's queue to a client. */
  setStatus(
    tenantId: string,
    paymentId: string,
    change: {
      status: PaymentStatus;
      matchedBy?: MatchedBy;
      matchedAt?: string;
      reversesPaymentId?: string;
      moveTo?: string;
    },
  ): Promise<void>;
  list(
    tenantId: string,
    options: { unmatched: boolean; limit: number; cursor?: string | undefined },
  ): Promise<PaymentPage>;
  insertAllocation(tenantId: string, allocation: AllocationRecord): Promise<void>;
  allocations(tenantId: string, paymentId: string): Promise<AllocationRecord[]>;
  markAllocationReversed(tenantId: string, allocationId: string): Promise<void>;
  /**
   * The latest matched payment (not a deduction, not reversed) of exactly `amount` that has an
   * allocation on the invoice, locked; null if none. What a deduction reopens.
   */
  findReversible(tenantId: string, invoiceId: string, amount: Ore): Promise<PaymentRecord | null>;
  addCustomerCredit(
    tenantId: string,
    credit: {
      creditId: string;
      customerId: string;
      paymentId: string;
      invoiceId: string;
      bookingDate: CalendarDate;
      amount: Ore;
      createdAt: string;
    },
  ): Promise<void>;
  customerCreditBalance(tenantId: string, customerId: string): Promise<Ore>;
  /** The collection engine's running total of payments on an invoice (0004's column). */
  addPaymentsApplied(tenantId: string, invoiceId: string, delta: Ore): Promise<void>;
  invoiceIdByOcr(tenantId: string, ocr: string): Promise<string | null>;
  tenantIdByNumber(tenantNumber: bigint): Promise<string | null>;
  /** Open invoices owing exactly `amount`, or whose customer's name contains one of the words. */
  suggestionCandidates(
    tenantId: string,
    amount: Ore,
    nameWords: readonly string[],
  ): Promise<SuggestionRow[]>;
}
