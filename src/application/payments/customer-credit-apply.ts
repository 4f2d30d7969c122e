/**
 * Using a customer's credit balance to pay one of its open invoices, inside the caller's
 * transaction: allocated like a payment (costs → interest → capital, a residual below the
 * threshold written off), booked 2420 / 1510, the invoice and its timeline updated. Shared by the
 * explicit POST …/credit/apply and the automatic application when an overpayment arrives.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { minOre, negateOre, subtractOre, type Ore } from '../../domain/money.ts';
import {
  allocatePayment,
  type Allocation,
  openTotal,
  paidTotal,
  type OpenAmounts,
} from '../../domain/payments/allocation.ts';
import {
  customerCreditApplied,
  residualWrittenOff,
} from '../../domain/payments/payment-postings.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { AppContext } from '../context.ts';
import { invalidInput, useCaseError, type UseCaseError } from '../errors.ts';
import { postEntry } from '../post-entry.ts';
import type { InvoiceRecord } from '../records.ts';
import { vatLinesOf } from '../invoice-vat-lines.ts';
import type { InvoiceChange, Stores } from '../stores.ts';
import { accountsFor } from '../accounts.ts';
import { openAmountsForPayment, writeOffThreshold } from './open-amounts.ts';

type Ctx = Pick<AppContext, 'clock' | 'ids'>;

export type CreditApplication = {
  readonly applicationId: string;
  readonly invoiceId: string;
  readonly date: CalendarDate;
  readonly paid: OpenAmounts;
  readonly writtenOff: OpenAmounts;
  readonly remaining: OpenAmounts;
  readonly invoiceStatus: InvoiceRecord['status'];
  /** The customer's credit balance afterwards. */
  readonly balance: Ore;
};

/**
 * Applies `amount` of the credit (default: as much as the balance and the invoice allow) to a
 * locked invoice of the customer whose row the caller has locked; `balance` is its current
 * credit balance. Refuses more than the balance or than the invoice owes.
 */
export async function applyCreditToInvoice(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  invoice: InvoiceRecord,
  balance: Ore,
  amount: Ore | undefined,
  date: CalendarDate,
): Promise<Result<CreditApplication, UseCaseError>> {
  if (invoice.status !== 'sent') {
    return err(
      useCaseError('invoice_not_open', `invoice ${invoice.invoiceId} is ${invoice.status}`),
    );
  }
  if (balance <= 0n) {
    const detail = `the customer has no credit to use (balance ${balance} öre)`;
    return err(invalidInput([{ path: 'amount', code: 'no_credit_balance', message: detail }]));
  }
  const open = await openAmountsForPayment(ctx, stores, tenantId, invoice, date);
  const owed = openTotal(open);
  if (owed === 0n) {
    return err(useCaseError('invoice_not_open', `invoice ${invoice.invoiceId} owes nothing`));
  }
  const use = amount ?? minOre(balance, owed);
  const refused = amountRefusal(use, balance, owed);
  if (refused !== null) return err(refused);
  return ok(await recordApplication(ctx, stores, tenantId, invoice, open, use, balance, date));
}

function amountRefusal(use: Ore, balance: Ore, owed: Ore): UseCaseError | null {
  if (use > balance) {
    const message = `is more than the credit balance: balance ${balance} öre, amount ${use} öre`;
    return invalidInput([{ path: 'amount', code: 'exceeds_credit_balance', message }]);
  }
  if (use > owed) {
    const message = `is more than the invoice owes: owed ${owed} öre, amount ${use} öre`;
    return invalidInput([{ path: 'amount', code: 'exceeds_amount_owed', message }]);
  }
  return null;
}

/** Books, records and applies `use` of the credit to the invoice: the checks are done. */
async function recordApplication(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  invoice: InvoiceRecord,
  open: OpenAmounts,
  use: Ore,
  balance: Ore,
  date: CalendarDate,
): Promise<CreditApplication> {
  const tenant = await stores.tenants.get(tenantId);
  if (tenant === null) throw new Error(`credit applied for unknown tenant ${tenantId}`);
  const accounts = accountsFor(tenant);
  const allocation = allocatePayment(use, open, await writeOffThreshold(stores, tenantId));
  const applicationId = ctx.ids.newId();
  const common = { invoiceId: invoice.invoiceId, invoiceNumber: invoice.number, bookingDate: date };
  await postEntry(
    ctx,
    stores,
    tenantId,
    customerCreditApplied({ ...common, applicationId, amount: use, accounts }),
  );
  const writeOff = residualWrittenOff({
    ...common,
    paymentId: applicationId,
    writtenOff: allocation.writtenOff,
    vatLines: vatLinesOf(invoice),
    accounts,
  });
  if (writeOff !== null) await postEntry(ctx, stores, tenantId, writeOff);
  const now = ctx.clock.now();
  await stores.customerCredit.addMovement(tenantId, {
    creditId: ctx.ids.newId(),
    customerId: invoice.customerId,
    kind: 'applied',
    amount: negateOre(use),
    bookingDate: date,
    paymentId: null,
    invoiceId: invoice.invoiceId,
    movementId: applicationId,
    createdAt: now,
  });
  const settled = await updateInvoice(
    stores,
    tenantId,
    invoice,
    allocation,
    applicationId,
    date,
    now,
  );
  return {
    applicationId,
    invoiceId: invoice.invoiceId,
    date,
    paid: allocation.paid,
    writtenOff: allocation.writtenOff,
    remaining: allocation.remaining,
    invoiceStatus: settled ? 'paid' : invoice.status,
    balance: subtractOre(balance, use),
  };
}

/**
 * The client's choice 'apply' (the default): a customer's credit pays its open invoices, oldest
 * due date first, as soon as it arises. Called when a payment left an overpayment; with the
 * choice 'refund' the credit waits for an explicit refund (or application).
 */
export async function applyCreditAutomatically(
  ctx: Ctx,
  stores: Stores,
  tenantId: string,
  customerId: string,
  date: CalendarDate,
): Promise<CreditApplication[]> {
  const credit = stores.customerCredit;
  if ((await credit.handling(tenantId)) !== 'apply') return [];
  if (!(await credit.lockCustomer(tenantId, customerId))) return [];
  let balance = await credit.balance(tenantId, customerId);
  const applied: CreditApplication[] = [];
  for (const invoiceId of await credit.openInvoiceIds(tenantId, customerId)) {
    if (balance <= 0n) break;
    const invoice = await stores.invoices.get(tenantId, invoiceId, { forUpdate: true });
    if (invoice === null) continue;
    const result = await applyCreditToInvoice(
      ctx,
      stores,
      tenantId,
      invoice,
      balance,
      undefined,
      date,
    );
    if (!result.ok) continue;
    applied.push(result.value);
    balance = result.value.balance;
  }
  return applied;
}

/** The invoice after the application: open amounts, paid when nothing is owed, the timeline. */
async function updateInvoice(
  stores: Stores,
  tenantId: string,
  invoice: InvoiceRecord,
  allocation: Allocation,
  applicationId: string,
  date: CalendarDate,
  now: string,
): Promise<boolean> {
  await stores.payments.addPaymentsApplied(tenantId, invoice.invoiceId, paidTotal(allocation));
  const settled = openTotal(allocation.remaining) === 0n;
  const change: InvoiceChange = {
    feesOpen: allocation.remaining.fees,
    interestOpen: allocation.remaining.interest,
    principalOpen: allocation.remaining.principal,
    ...(settled ? { status: 'paid' as const, nextActionDate: null } : {}),
  };
  await stores.invoices.update(tenantId, invoice.invoiceId, change, now);
  await stores.invoices.addEvent(
    tenantId,
    invoice.invoiceId,
    {
      date,
      type: 'credit_applied',
      amount: paidTotal(allocation),
      documentId: null,
      policyVersion: null,
      detail: {
        applicationId,
        fees: allocation.paid.fees.toString(),
        interest: allocation.paid.interest.toString(),
        principal: allocation.paid.principal.toString(),
        writtenOff: openTotal(allocation.writtenOff).toString(),
        remaining: openTotal(allocation.remaining).toString(),
      },
    },
    now,
  );
  return settled;
}
