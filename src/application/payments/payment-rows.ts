/**
 * The rows a payment on one invoice leaves behind — its allocation row, the invoice's new open
 * amounts and its 'payment' timeline event — built once for both ways of booking it:
 * applyPayment (one payment at a time) and the import's batches (bookInBatch).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { addOre, type Ore } from '../../domain/money.ts';
import {
  openTotal,
  paidTotal,
  type Allocation,
  type OpenAmounts,
} from '../../domain/payments/allocation.ts';
import type { InvoiceEventRecord, InvoiceRecord } from '../records.ts';
import type { AllocationRecord } from './payment-store.ts';

/** What of the payment the rows name (apply-payment.ts's PaymentToApply has it). */
type PaymentToApply = {
  readonly paymentId: string;
  readonly amount: Ore;
  readonly paymentDate: CalendarDate;
  readonly bankReference: string;
};

export function allocationRow(
  payment: PaymentToApply,
  invoice: Pick<InvoiceRecord, 'invoiceId' | 'customerId'>,
  allocationId: string,
  allocation: Allocation,
  now: string,
): AllocationRecord {
  return {
    allocationId,
    paymentId: payment.paymentId,
    invoiceId: invoice.invoiceId,
    customerId: invoice.customerId,
    bookingDate: payment.paymentDate,
    paid: allocation.paid,
    overpaid: allocation.overpaid,
    writtenOff: allocation.writtenOff,
    reversesAllocationId: null,
    reversed: false,
    payoutId: null,
    createdAt: now,
  };
}

/** The invoice's open amounts after the allocation; settled: nothing is left on a sent invoice. */
export function openAfterPayment(
  invoice: Pick<InvoiceRecord, 'status'>,
  allocation: Allocation,
): {
  readonly settled: boolean;
  readonly change: {
    readonly feesOpen: Ore;
    readonly interestOpen: Ore;
    readonly principalOpen: Ore;
    readonly status?: 'paid';
    readonly nextActionDate?: null;
  };
} {
  const settled = invoice.status === 'sent' && openTotal(allocation.remaining) === 0n;
  return {
    settled,
    change: {
      feesOpen: allocation.remaining.fees,
      interestOpen: allocation.remaining.interest,
      principalOpen: allocation.remaining.principal,
      // Paid ends the flow on the payment's date; a part payment leaves the schedule as it was.
      ...(settled ? { status: 'paid' as const, nextActionDate: null } : {}),
    },
  };
}

/** The 'payment' timeline event; amounts as decimal strings. */
export function paymentEvent(
  payment: PaymentToApply,
  a: Allocation,
  recovered: OpenAmounts | null,
): Omit<InvoiceEventRecord, 'seq'> {
  return {
    date: payment.paymentDate,
    type: 'payment',
    amount: addOre(paidTotal(a), a.overpaid),
    documentId: null,
    policyVersion: null,
    detail: {
      paymentId: payment.paymentId,
      bankReference: payment.bankReference,
      fees: a.paid.fees.toString(),
      interest: a.paid.interest.toString(),
      principal: a.paid.principal.toString(),
      overpaid: a.overpaid.toString(),
      writtenOff: openTotal(a.writtenOff).toString(),
      remaining: openTotal(a.remaining).toString(),
      ...(recovered === null ? {} : { recovered: openTotal(recovered).toString() }),
    },
  };
}
