/**
 * Applying a matched payment to one client's invoices inside the caller's transaction: lock
 * each invoice, allocate (costs → interest → capital, overpayment, write-off), book, update the
 * invoice and its timeline. Shared by import, manual payment and manual match.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { AccountMap } from '../../domain/ledger/chart-of-accounts.ts';
import { addOre, type Ore } from '../../domain/money.ts';
import {
  allocateAcrossInvoices,
  openTotal,
  paidTotal,
  type Allocation,
  type OpenAmounts,
} from '../../domain/payments/allocation.ts';
import { paymentReceived, residualWrittenOff } from '../../domain/payments/payment-postings.ts';
import { recoverable, recoverWrittenOff } from '../../domain/payments/recovery.ts';
import { accountsFor } from '../accounts.ts';
import type { AppContext } from '../context.ts';
import { postEntry } from '../post-entry.ts';
import type { InvoiceRecord, TenantRecord } from '../records.ts';
import { vatLinesOf } from '../invoice-vat-lines.ts';
import type { Stores } from '../stores.ts';
import { applyCreditAutomatically } from './customer-credit-apply.ts';
import { openAmountsForPayment, writeOffThreshold } from './open-amounts.ts';
import { allocationRow, openAfterPayment, paymentEvent } from './payment-rows.ts';

type Ctx = Pick<AppContext, 'clock' | 'ids'>;

export type PaymentToApply = {
  readonly paymentId: string;
  readonly amount: Ore;
  readonly paymentDate: CalendarDate;
  readonly bankReference: string;
};

export type AppliedInvoice = {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly allocation: Allocation;
  readonly status: InvoiceRecord['status'];
};

type TenantTerms = { tenant: TenantRecord; accounts: AccountMap; writeOffBelow: Ore };

/** Per-use-case memo of each client's record, accounts and threshold (a file hits few clients). */
export type TenantTermsCache = Map<string, TenantTerms>;

export async function tenantTerms(
  stores: Stores,
  tenantId: string,
  cache: TenantTermsCache,
): Promise<TenantTerms> {
  const known = cache.get(tenantId);
  if (known !== undefined) return known;
  const tenant = await stores.tenants.get(tenantId);
  if (tenant === null) throw new Error(`payment for unknown tenant ${tenantId}`);
  const terms = {
    tenant,
    accounts: accountsFor(tenant),
    writeOffBelow: await writeOffThreshold(stores, tenantId),
  };
  cache.set(tenantId, terms);
  return terms;
}

/**
 * Books `payment` on the invoices, in the given order (one invoice, or a split by extra
 * references). The invoices must exist, belong to `tenantId` and not be drafts.
 */
export async function applyPayment(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  payment: PaymentToApply,
  invoiceIds: readonly string[],
  cache: TenantTermsCache = new Map(),
): Promise<AppliedInvoice[]> {
  const terms = await tenantTerms(stores, tenantId, cache);
  const invoices: InvoiceRecord[] = [];
  for (const id of invoiceIds) {
    const invoice = await stores.invoices.get(tenantId, id, { forUpdate: true });
    if (invoice === null || invoice.status === 'draft') throw new Error(`cannot pay invoice ${id}`);
    invoices.push(invoice);
  }
  const opens = [];
  for (const invoice of invoices) {
    opens.push(await openAmountsForPayment(ctx, stores, tenantId, invoice, payment.paymentDate));
  }
  const allocations = allocateAcrossInvoices(payment.amount, opens, terms.writeOffBelow);
  const applied: AppliedInvoice[] = [];
  for (const [i, invoice] of invoices.entries()) {
    const allocation = allocations[i]!;
    if (addOre(paidTotal(allocation), allocation.overpaid) === 0n) continue;
    applied.push(await settle(ctx, stores, terms, payment, invoice, allocation));
  }
  // An overpayment is credit; with the client's choice 'apply' it pays the customer's other
  // open invoices at once (customer-credit-apply.ts), in this transaction.
  const credited = new Set(
    applied.filter((a) => a.allocation.overpaid > 0n).map((a) => a.customerId),
  );
  for (const customerId of credited) {
    await applyCreditAutomatically(ctx, stores, tenantId, customerId, payment.paymentDate);
  }
  return applied;
}

/**
 * A payment on an invoice that no longer owes anything (paid, credited, closed) is an
 * overpayment to allocation; whatever write-offs of the invoice have not yet been recovered is
 * taken out of it first and booked as recovered bad debt (3950) rather than customer credit.
 */
async function withRecovery(
  stores: Stores,
  terms: TenantTerms,
  invoice: InvoiceRecord,
  allocation: Allocation,
): Promise<{ allocation: Allocation; recovered: OpenAmounts | null }> {
  if (invoice.status === 'sent' || allocation.overpaid === 0n) {
    return { allocation, recovered: null };
  }
  const tenantId = terms.tenant.tenantId;
  const credit = stores.customerCredit;
  const open = recoverable(
    await credit.writtenOff(tenantId, invoice.invoiceId, terms.accounts),
    await credit.recovered(tenantId, invoice.invoiceId),
  );
  const result = recoverWrittenOff(allocation, open);
  return openTotal(result.recovered) === 0n
    ? { allocation, recovered: null }
    : { allocation: result.allocation, recovered: result.recovered };
}

async function settle(
  ctx: Ctx,
  stores: Stores,
  terms: TenantTerms,
  payment: PaymentToApply,
  invoice: InvoiceRecord,
  allocated: Allocation,
): Promise<AppliedInvoice> {
  const tenantId = terms.tenant.tenantId;
  const { invoiceId } = invoice;
  const { allocation, recovered } = await withRecovery(stores, terms, invoice, allocated);
  const common = {
    paymentId: payment.paymentId,
    invoiceId,
    invoiceNumber: invoice.number,
    bookingDate: payment.paymentDate,
  };
  const vatLines = vatLinesOf(invoice);
  const received = paymentReceived({
    ...common,
    allocation,
    accounts: terms.accounts,
    recovery: recovered === null ? undefined : { recovered, vatLines, accounts: terms.accounts },
  });
  if (received !== null) await postEntry(ctx, stores, tenantId, received);
  const writeOff = residualWrittenOff({
    ...common,
    writtenOff: allocation.writtenOff,
    vatLines,
    accounts: terms.accounts,
  });
  if (writeOff !== null) await postEntry(ctx, stores, tenantId, writeOff);
  const now = ctx.clock.now();
  const allocationId = ctx.ids.newId();
  await stores.payments.insertAllocation(
    tenantId,
    allocationRow(payment, invoice, allocationId, allocation, now),
  );
  await recordRecoveryAndCredit(
    ctx,
    stores,
    tenantId,
    payment,
    invoice,
    allocationId,
    allocation,
    recovered,
  );
  await stores.payments.addPaymentsApplied(tenantId, invoiceId, paidTotal(allocation));
  const { settled, change } = openAfterPayment(invoice, allocation);
  await stores.invoices.update(tenantId, invoiceId, change, now);
  await stores.invoices.addEvent(
    tenantId,
    invoiceId,
    paymentEvent(payment, allocation, recovered),
    now,
  );
  return {
    invoiceId,
    customerId: invoice.customerId,
    allocation,
    status: settled ? 'paid' : invoice.status,
  };
}

/** What the allocation recovered of a written-off claim, and the customer credit it left. */
async function recordRecoveryAndCredit(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  payment: PaymentToApply,
  invoice: InvoiceRecord,
  allocationId: string,
  allocation: Allocation,
  recovered: OpenAmounts | null,
): Promise<void> {
  const { invoiceId } = invoice;
  const now = ctx.clock.now();
  if (recovered !== null) {
    await stores.customerCredit.insertRecovery(tenantId, {
      allocationId,
      invoiceId,
      paymentId: payment.paymentId,
      bookingDate: payment.paymentDate,
      amounts: recovered,
      createdAt: now,
    });
  }
  if (allocation.overpaid > 0n) {
    await stores.payments.addCustomerCredit(tenantId, {
      creditId: ctx.ids.newId(),
      customerId: invoice.customerId,
      paymentId: payment.paymentId,
      invoiceId,
      bookingDate: payment.paymentDate,
      amount: allocation.overpaid,
      createdAt: now,
    });
  }
}
