/**
 * One payment of a batch, booked in memory: what applyPayment (apply-payment.ts) and
 * openAmountsForPayment (open-amounts.ts) do one statement at a time, with the same domain
 * functions — interestToBook on the case, interestCharged, allocateAcrossInvoices,
 * paymentReceived, residualWrittenOff — in the same order, into the batch's writes. The batch
 * takes the common case only: invoices that are 'sent' and a payment that leaves no overpayment.
 * Anything else is left to applyPayment (the caller then books it one by one).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { interestToBook, type InterestCharge } from '../../domain/collection/case-interest.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import {
  ReferenceRateUnknownError,
  type ReferenceRates,
} from '../../domain/interest/reference-rate.ts';
import { interestCharged } from '../../domain/ledger/posting-rules.ts';
import { addOre, ZERO_ORE } from '../../domain/money.ts';
import {
  allocateAcrossInvoices,
  openTotal,
  paidTotal,
  type Allocation,
} from '../../domain/payments/allocation.ts';
import { paymentReceived, residualWrittenOff } from '../../domain/payments/payment-postings.ts';
import { toSnapshot } from '../collection/case-snapshot.ts';
import type { AppContext } from '../context.ts';
import type { PaymentToApply, tenantTerms } from './apply-payment.ts';
import { vatLinesOf } from '../invoice-vat-lines.ts';
import { currentCase, rowsOf, type InvoiceState } from './import-batch-state.ts';
import type { BatchWrites } from './import-batch-writes.ts';
import { allocationRow, openAfterPayment, paymentEvent } from './payment-rows.ts';

/**
 * A client's terms as applyPayment reads them, its collection policy, and the reference rates
 * (the same for every client) as open-amounts.ts reads them: read once per file.
 */
export type ClientTerms = Awaited<ReturnType<typeof tenantTerms>> & {
  readonly policy: CollectionPolicy;
  readonly rates: ReferenceRates;
};

type Ctx = Pick<AppContext, 'clock' | 'ids'>;

/**
 * openAmountsForPayment's interest, without booking it yet: what accrued since the last booked
 * day through the payment date, or null (nothing accrued, no case loaded because the invoice is
 * not overdue at the payment date, or no published reference rate for the days: then the payment
 * is allocated to what is booked).
 */
function accruedInterest(
  s: InvoiceState,
  terms: ClientTerms,
  paymentDate: CalendarDate,
): InterestCharge | null {
  const c = currentCase(s);
  if (c === null) return null;
  const snapshot = toSnapshot(c, c.customer.address !== null);
  try {
    return interestToBook(snapshot, terms.policy, paymentDate, terms.rates);
  } catch (error) {
    if (error instanceof ReferenceRateUnknownError) return null;
    throw error;
  }
}

function bookInterest(
  ctx: Ctx,
  terms: ClientTerms,
  s: InvoiceState,
  charge: InterestCharge,
  paymentDate: CalendarDate,
  writes: BatchWrites,
): void {
  const tenantId = s.tenantId;
  const { invoiceId } = s.invoice;
  const now = ctx.clock.now();
  writes.entry(
    tenantId,
    {
      entryId: ctx.ids.newId(),
      entry: interestCharged({
        invoiceId,
        invoiceNumber: s.invoice.number ?? 0n,
        amount: charge.amount,
        fromDate: charge.fromDate,
        toDate: charge.toDate,
        bookingDate: paymentDate,
        accounts: terms.accounts,
      }),
      createdAt: now,
    },
    false,
  );
  s.invoice = {
    ...s.invoice,
    interestOpen: addOre(s.invoice.interestOpen, charge.amount),
    interestBookedThrough: charge.toDate,
  };
  s.changedAt = now;
  writes.touched(s);
  writes.event(tenantId, {
    invoiceId,
    date: paymentDate,
    type: 'interest_booked',
    amount: charge.amount,
    documentId: null,
    policyVersion: terms.policy.version,
    detail: { fromDate: charge.fromDate, toDate: charge.toDate },
    createdAt: now,
  });
}

/** applyPayment's settle for one invoice. */
function settle(
  ctx: Ctx,
  terms: ClientTerms,
  payment: PaymentToApply,
  s: InvoiceState,
  allocation: Allocation,
  writes: BatchWrites,
): void {
  const tenantId = s.tenantId;
  const invoice = s.invoice;
  const { invoiceId } = invoice;
  const common = {
    paymentId: payment.paymentId,
    invoiceId,
    invoiceNumber: invoice.number,
    bookingDate: payment.paymentDate,
  };
  // One instant per invoice, taken in the order applyPayment takes them: a split payment's
  // allocations are listed by it.
  const now = ctx.clock.now();
  const received = paymentReceived({ ...common, allocation, accounts: terms.accounts });
  if (received !== null) {
    writes.entry(tenantId, { entryId: ctx.ids.newId(), entry: received, createdAt: now }, true);
  }
  // The VAT lines matter only to a write-off: the rows are read only where one can happen.
  const writeOff =
    openTotal(allocation.writtenOff) === 0n
      ? null
      : residualWrittenOff({
          ...common,
          writtenOff: allocation.writtenOff,
          vatLines: vatLinesOf({ rows: rowsOf(s) }),
          accounts: terms.accounts,
        });
  if (writeOff !== null) {
    writes.entry(tenantId, { entryId: ctx.ids.newId(), entry: writeOff, createdAt: now }, true);
  }
  writes.allocations.push({
    tenantId,
    ...allocationRow(payment, invoice, ctx.ids.newId(), allocation, now),
  });
  s.invoice = {
    ...invoice,
    paymentsApplied: addOre(invoice.paymentsApplied, paidTotal(allocation)),
    ...openAfterPayment(invoice, allocation).change,
  };
  s.changedAt = now;
  writes.touched(s);
  // No recovery here: a payment on a written-off claim is never 'sent', so applyPayment books it.
  writes.event(tenantId, {
    invoiceId,
    ...paymentEvent(payment, allocation, null),
    createdAt: now,
  });
}

/**
 * Books `payment` on the invoices (in reference order) into `writes` and the invoices' states,
 * as applyPayment would. Returns false, having changed nothing, when the batch leaves the payment
 * to applyPayment: an invoice that is not 'sent', or an overpayment.
 */
export function bookInBatch(
  ctx: Ctx,
  terms: ClientTerms,
  payment: PaymentToApply,
  invoices: readonly InvoiceState[],
  writes: BatchWrites,
): boolean {
  if (invoices.some((s) => s.invoice.status !== 'sent')) return false;
  const charges = invoices.map((s) => accruedInterest(s, terms, payment.paymentDate));
  const opens = invoices.map((s, i) => ({
    fees: s.invoice.feesOpen,
    interest: addOre(s.invoice.interestOpen, charges[i]?.amount ?? ZERO_ORE),
    principal: s.invoice.principalOpen,
  }));
  const allocations = allocateAcrossInvoices(payment.amount, opens, terms.writeOffBelow);
  if (allocations.some((a) => a.overpaid > 0n)) return false;
  invoices.forEach((s, i) => {
    const charge = charges[i];
    if (charge != null) bookInterest(ctx, terms, s, charge, payment.paymentDate, writes);
  });
  invoices.forEach((s, i) => {
    const allocation = allocations[i]!;
    if (addOre(paidTotal(allocation), allocation.overpaid) === 0n) return;
    settle(ctx, terms, payment, s, allocation, writes);
  });
  return true;
}
