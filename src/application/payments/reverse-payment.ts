/**
 * A deduction (BgMax TK21: the bank took back a payment) reopens what the original payment
 * settled: its journal entries are reversed, the invoices owe again what it paid and wrote off,
 * and any customer credit it created is taken back. Runs inside the caller's transaction.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { reversal } from '../../domain/ledger/journal-entry.ts';
import { addOre, negateOre, subtractOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import { openTotal, paidTotal, type OpenAmounts } from '../../domain/payments/allocation.ts';
import type { AppContext } from '../context.ts';
import { postEntry } from '../post-entry.ts';
import type { InvoiceChange, Stores } from '../stores.ts';
import type { AllocationRecord, PaymentRecord } from './payment-store.ts';

type Ctx = Pick<AppContext, 'clock' | 'ids'>;

export type Deduction = {
  readonly paymentId: string;
  readonly amount: Ore;
  readonly paymentDate: CalendarDate;
};

const minus = (a: OpenAmounts, b: OpenAmounts): OpenAmounts => ({
  fees: subtractOre(a.fees, b.fees),
  interest: subtractOre(a.interest, b.interest),
  principal: subtractOre(a.principal, b.principal),
});

const negate = (o: OpenAmounts): OpenAmounts => ({
  fees: negateOre(o.fees),
  interest: negateOre(o.interest),
  principal: negateOre(o.principal),
});

/**
 * Finds the payment the deduction takes back (same amount, matched, on one of the invoices) and
 * reverses it. Returns the reversed payment's id, or null when none can be identified: the
 * caller then leaves the deduction in the unmatched queue.
 */
export async function reverseForDeduction(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  deduction: Deduction,
  invoiceIds: readonly string[],
): Promise<string | null> {
  for (const invoiceId of invoiceIds) {
    const original = await stores.payments.findReversible(tenantId, invoiceId, deduction.amount);
    if (original !== null) {
      await reversePayment(ctx, stores, tenantId, original, deduction);
      return original.paymentId;
    }
  }
  return null;
}

async function reversePayment(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  original: PaymentRecord,
  deduction: Deduction,
): Promise<void> {
  const prefix = `payment:${original.paymentId}:`;
  const day = { from: original.paymentDate, to: original.paymentDate };
  for (const entry of await stores.ledger.entries(tenantId, day)) {
    if (!entry.causeKey.startsWith(prefix)) continue;
    const reversed = reversal(entry, {
      bookingDate: deduction.paymentDate,
      causeKey: `deduction:${deduction.paymentId}:${entry.causeKey}`,
      description: `Återförd inbetalning (avdrag): ${entry.description}`,
    });
    await postEntry(ctx, stores, tenantId, { ...reversed, code: 'payment_reversed' });
  }
  for (const allocation of await stores.payments.allocations(tenantId, original.paymentId)) {
    if (allocation.reversed || allocation.reversesAllocationId !== null) continue;
    await reopenInvoice(ctx, stores, tenantId, allocation, deduction);
  }
  await stores.payments.setStatus(tenantId, original.paymentId, { status: 'reversed' });
}

async function reopenInvoice(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  a: AllocationRecord,
  deduction: Deduction,
): Promise<void> {
  const invoice = await stores.invoices.get(tenantId, a.invoiceId, { forUpdate: true });
  if (invoice === null) throw new Error(`allocation on missing invoice ${a.invoiceId}`);
  const now = ctx.clock.now();
  const reversalId = ctx.ids.newId();
  // What the payment recovered of a written-off claim was booked to 3950, not to the invoice:
  // it is taken back from the recoveries (the claim is recoverable again), the invoice stays as it is.
  const recovered = await stores.customerCredit.recoveryOfAllocation(tenantId, a.allocationId);
  if (recovered !== null) {
    await stores.customerCredit.insertRecovery(tenantId, {
      allocationId: reversalId,
      invoiceId: a.invoiceId,
      paymentId: deduction.paymentId,
      bookingDate: deduction.paymentDate,
      amounts: negate(recovered),
      createdAt: now,
    });
  }
  const reopened = recovered === null ? a.paid : minus(a.paid, recovered);
  await stores.payments.insertAllocation(tenantId, {
    ...a,
    allocationId: reversalId,
    // The negative copy belongs to the deduction: the deduction's allocations show what it undid.
    paymentId: deduction.paymentId,
    bookingDate: deduction.paymentDate,
    paid: negate(a.paid),
    overpaid: negateOre(a.overpaid),
    writtenOff: negate(a.writtenOff),
    reversesAllocationId: a.allocationId,
    payoutId: null,
    createdAt: now,
  });
  await stores.payments.markAllocationReversed(tenantId, a.allocationId);
  if (a.overpaid !== ZERO_ORE) {
    await stores.payments.addCustomerCredit(tenantId, {
      creditId: ctx.ids.newId(),
      customerId: a.customerId,
      paymentId: deduction.paymentId,
      invoiceId: a.invoiceId,
      bookingDate: deduction.paymentDate,
      amount: negateOre(a.overpaid),
      createdAt: now,
    });
  }
  await stores.payments.addPaymentsApplied(tenantId, a.invoiceId, negateOre(paidTotal(a)));
  const change: InvoiceChange = {
    feesOpen: addOre(invoice.feesOpen, reopened.fees, a.writtenOff.fees),
    interestOpen: addOre(invoice.interestOpen, reopened.interest, a.writtenOff.interest),
    principalOpen: addOre(invoice.principalOpen, reopened.principal, a.writtenOff.principal),
    // Back in the flow: the next collection run reviews it from the deduction's date.
    ...(invoice.status === 'paid' && openTotal(reopened) + openTotal(a.writtenOff) > 0n
      ? { status: 'sent' as const, nextActionDate: deduction.paymentDate }
      : {}),
  };
  await stores.invoices.update(tenantId, a.invoiceId, change, now);
  await stores.invoices.addEvent(
    tenantId,
    a.invoiceId,
    {
      date: deduction.paymentDate,
      type: 'payment_reversed',
      amount: addOre(paidTotal(a), a.overpaid),
      documentId: null,
      policyVersion: null,
      detail: {
        paymentId: a.paymentId,
        deductionId: deduction.paymentId,
        reopened: addOre(openTotal(reopened), openTotal(a.writtenOff)).toString(),
      },
    },
    now,
  );
}
