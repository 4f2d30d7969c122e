/**
 * The customer-credit port: a customer's credit balance and its movements (overpayments in,
 * applications to invoices and refunds out), the client's choice between applying and refunding,
 * refunds waiting for a payout run, and what payments recovered of written-off claims.
 * Implemented in src/adapters/db/customer-credit-store.ts.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { AccountCode } from '../../domain/ledger/journal-entry.ts';
import type { Ore } from '../../domain/money.ts';
import type { OpenAmounts } from '../../domain/payments/allocation.ts';

/** What the client wants done with a credit balance: used on open invoices, or paid back. */
export type CreditHandling = 'apply' | 'refund';

export type CreditMovementKind = 'payment' | 'applied' | 'refund';

export type CreditMovement = {
  readonly creditId: string;
  readonly customerId: string;
  /** payment: an overpayment (or, negative, its deduction); applied / refund: credit used. */
  readonly kind: CreditMovementKind;
  /** Signed: money the customer has to its good is positive. */
  readonly amount: Ore;
  readonly bookingDate: CalendarDate;
  readonly paymentId: string | null;
  readonly invoiceId: string | null;
  /** The application or refund this movement belongs to. */
  readonly movementId: string | null;
  readonly createdAt: string;
};

export type RefundRecord = {
  readonly refundId: string;
  readonly customerId: string;
  readonly amount: Ore;
  readonly accountKind: 'iban' | 'bankgiro';
  readonly account: string;
  readonly bookingDate: CalendarDate;
  readonly endToEndId: string;
  readonly payoutId: string | null;
  readonly createdAt: string;
};

/** A refund with the customer's name, as a payout file and a settlement report print it. */
export type RefundRow = RefundRecord & { readonly customerName: string };

export interface CustomerCreditStore {
  handling(tenantId: string): Promise<CreditHandling>;
  setHandling(tenantId: string, handling: CreditHandling, now: string): Promise<void>;
  /** Locks the customer row: balance checks and the movement they allow happen one at a time. */
  lockCustomer(tenantId: string, customerId: string): Promise<boolean>;
  balance(tenantId: string, customerId: string): Promise<Ore>;
  movements(tenantId: string, customerId: string): Promise<CreditMovement[]>;
  addMovement(tenantId: string, movement: CreditMovement): Promise<void>;
  /** The customer's sent invoices that still owe something, oldest due date first. */
  openInvoiceIds(tenantId: string, customerId: string): Promise<string[]>;

  insertRefund(tenantId: string, refund: RefundRecord): Promise<void>;
  /** Clients with refunds ordered on or before the date and not yet in a payout file. */
  tenantsWithUnpaidRefunds(throughDate: CalendarDate): Promise<string[]>;
  /** Those refunds, locked until the transaction ends. */
  unpaidRefunds(tenantId: string, throughDate: CalendarDate): Promise<RefundRow[]>;
  assignRefundPayout(
    tenantId: string,
    refundIds: readonly string[],
    payoutId: string,
  ): Promise<void>;
  refundsOfPayout(tenantId: string, payoutId: string): Promise<RefundRow[]>;
  refundsOfCustomer(tenantId: string, customerId: string): Promise<RefundRow[]>;

  /**
   * What the write-off entries of an invoice took off the receivable (less write-offs a deduction
   * reversed), split by the accounts they debited: fee income → fees, interest income →
   * interest, everything else (bad debt and its VAT) → capital.
   */
  writtenOff(
    tenantId: string,
    invoiceId: string,
    accounts: { feeIncome: AccountCode; interestIncome: AccountCode },
  ): Promise<OpenAmounts>;
  /** Σ of what payments recovered on the invoice so far. */
  recovered(tenantId: string, invoiceId: string): Promise<OpenAmounts>;
  /** The recovery booked with an allocation row, or null when it recovered nothing. */
  recoveryOfAllocation(tenantId: string, allocationId: string): Promise<OpenAmounts | null>;
  insertRecovery(
    tenantId: string,
    recovery: {
      allocationId: string;
      invoiceId: string;
      paymentId: string;
      bookingDate: CalendarDate;
      amounts: OpenAmounts;
      createdAt: string;
    },
  ): Promise<void>;
}
