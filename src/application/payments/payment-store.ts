/**
 * The payments port: bank files, payments, allocations, customer credit and payouts as the use
 * cases in this folder need them, plus the records they read and write. Implemented in
 * src/adapters/db/payment-store.ts (+ payout-store.ts).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Ore } from '../../domain/money.ts';
import type { OpenAmounts } from '../../domain/payments/allocation.ts';
import type { BankFileFormat, PayerDetails } from '../../domain/payments/bank-file.ts';
import type { BankFileReader } from './bank-file-reader.ts';

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

export interface PayoutQueries {
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

export interface PaymentStore extends PayoutQueries {
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
