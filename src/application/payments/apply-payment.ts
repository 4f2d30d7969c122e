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
} from '../../domain/payments/allocation.ts';
import { paymentReceived, residualWrittenOff } from '../../domain/payments/payment-postings.ts';
import { accountsFor } from '../accounts.ts';
import type { AppContext } from '../context.ts';
import { postEntry } from '../post-entry.ts';
import type { InvoiceRecord, TenantRecord } from '../records.ts';
import { vatLinesOf } from '../send-invoice.ts';
import type { InvoiceChange, Stores } from '../stores.ts';
import { openAmountsForPayment, writeOffThreshold } from './open-amounts.ts';

type Ctx = Pick<AppContext, 'clock' | 'ids'>;

export type PaymentToApply = {
  readonly paymentId: string;
  readonly amount: Ore;
  readonly paymentDate: CalendarDate;
  readonly bankReference: string;
};

export type AppliedInvoice = {
  readonly invoiceId: string;
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
  return applied;
}

async function settle(
  ctx: Ctx,
  stores: Stores,
  terms: TenantTerms,
  payment: PaymentToApply,
  invoice: InvoiceRecord,
  allocation: Allocation,
): Promise<AppliedInvoice> {
  const tenantId = terms.tenant.tenantId;
  const { invoiceId } = invoice;
  const common = {
    paymentId: payment.paymentId,
    invoiceId,
    invoiceNumber: invoice.number,
    bookingDate: payment.paymentDate,
  };
  const received = paymentReceived({ ...common, allocation, accounts: terms.accounts });
  if (received !== null) await postEntry(ctx, stores, tenantId, received);
  const writeOff = residualWrittenOff({
    ...common,
    writtenOff: allocation.writtenOff,
    vatLines: vatLinesOf(invoice),
    accounts: terms.accounts,
  });
  if (writeOff !== null) await postEntry(ctx, stores, tenantId, writeOff);
  const now = ctx.clock.now();
  await stores.payments.insertAllocation(tenantId, {
    allocationId: ctx.ids.newId(),
    paymentId: payment.paymentId,
    invoiceId,
    customerId: invoice.customerId,
    bookingDate: payment.paymentDate,
    paid: allocation.paid,
    overpaid: allocation.overpaid,
    writtenOff: allocation.writtenOff,
    reversesAllocationId: null,
    reversed: false,
    payoutId: null,
    createdAt: now,
  });
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
  await stores.payments.addPaymentsApplied(tenantId, invoiceId, paidTotal(allocation));
  const settled = invoice.status === 'sent' && openTotal(allocation.remaining) === 0n;
  const change: InvoiceChange = {
    feesOpen: allocation.remaining.fees,
    interestOpen: allocation.remaining.interest,
    principalOpen: allocation.remaining.principal,
    // Paid ends the flow on the payment's date; a part payment leaves the schedule as it was.
    ...(settled ? { status: 'paid' as const, nextActionDate: null } : {}),
  };
  await stores.invoices.update(tenantId, invoiceId, change, now);
  await addPaymentEvent(stores, tenantId, invoiceId, payment, allocation, now);
  return { invoiceId, allocation, status: settled ? 'paid' : invoice.status };
}

/** The timeline event; amounts as decimal strings, as other events keep them (JSON has no bigint). */
async function addPaymentEvent(
  stores: Stores,
  tenantId: string,
  invoiceId: string,
  payment: PaymentToApply,
  a: Allocation,
  now: string,
): Promise<void> {
  await stores.invoices.addEvent(
    tenantId,
    invoiceId,
    {
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
      },
    },
    now,
  );
}
