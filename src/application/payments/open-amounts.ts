/**
 * What an invoice owes when a payment dated `paymentDate` is applied to it, and the client's
 * write-off threshold. The one place payment allocation reads open amounts from.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { addOre, type Ore } from '../../domain/money.ts';
import { interestToBook } from '../../domain/collection/case-interest.ts';
import { ReferenceRateUnknownError } from '../../domain/interest/reference-rate.ts';
import { interestCharged } from '../../domain/ledger/posting-rules.ts';
import { accountsFor } from '../accounts.ts';
import { toSnapshot } from '../collection/case-snapshot.ts';
import { postEntry } from '../post-entry.ts';
import { referenceRatesIn } from '../reference-rates.ts';
import { ZERO_OPEN, type OpenAmounts } from '../../domain/payments/allocation.ts';
import type { AppContext } from '../context.ts';
import type { InvoiceRecord } from '../records.ts';
import type { Stores } from '../stores.ts';

/**
 * flow.md: interest accrues up to the payment date and is paid before capital. So before a
 * payment is allocated, the interest accrued since the last booked day is booked through the
 * payment date (in the caller's transaction, on the invoice the caller has locked), and the open
 * amounts returned include it. Interest booked by a document dated after the payment is left as
 * it is. Where no reference rate is published for the days (domain.md §1.2), nothing is guessed:
 * the payment is allocated to what is booked.
 */
export async function openAmountsForPayment(
  ctx: Pick<AppContext, 'clock' | 'ids'>,
  stores: Stores,
  tenantId: string,
  invoice: InvoiceRecord,
  paymentDate: CalendarDate,
): Promise<OpenAmounts> {
  // A draft owes nothing yet; a paid, credited or closed invoice has zero open amounts already.
  if (invoice.status === 'draft') return ZERO_OPEN;
  const booked = {
    fees: invoice.feesOpen,
    interest: invoice.interestOpen,
    principal: invoice.principalOpen,
  };
  if (invoice.status !== 'sent') return booked;
  const c = await stores.collection.loadCase(tenantId, invoice.invoiceId, { lock: 'none' });
  if (c === null) return booked;
  const policy = await stores.collection.policy(tenantId);
  // Shared-locked in the payment's transaction: a rate correction waits for this booking.
  const rates = await referenceRatesIn(stores, 'share');
  let charge;
  try {
    charge = interestToBook(toSnapshot(c, c.customer.address !== null), policy, paymentDate, rates);
  } catch (error) {
    if (error instanceof ReferenceRateUnknownError) return booked;
    throw error;
  }
  if (charge === null) return booked;
  const tenant = await stores.tenants.get(tenantId);
  if (tenant === null) return booked;
  await postEntry(
    ctx,
    stores,
    tenantId,
    interestCharged({
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.number ?? 0n,
      amount: charge.amount,
      fromDate: charge.fromDate,
      toDate: charge.toDate,
      bookingDate: paymentDate,
      accounts: accountsFor(tenant),
    }),
  );
  const interest = addOre(invoice.interestOpen, charge.amount);
  await stores.collection.updateCase(
    tenantId,
    invoice.invoiceId,
    { interestOpen: interest, interestBookedThrough: charge.toDate },
    ctx.clock.now(),
  );
  await stores.invoices.addEvent(
    tenantId,
    invoice.invoiceId,
    {
      date: paymentDate,
      type: 'interest_booked',
      amount: charge.amount,
      documentId: null,
      policyVersion: policy.version,
      detail: { fromDate: charge.fromDate, toDate: charge.toDate },
    },
    ctx.clock.now(),
  );
  return { ...booked, interest };
}

/**
 * The client's writeOffBelow (öre; 0 = never) from its current collection policy: a residual
 * below it is written off when the payment is booked, so the invoice leaves the flow at once.
 */
export async function writeOffThreshold(stores: Stores, tenantId: string): Promise<Ore> {
  return (await stores.collection.policy(tenantId)).writeOffBelow;
}
