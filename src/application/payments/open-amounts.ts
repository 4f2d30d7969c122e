/**
 * What an invoice owes when a payment dated `paymentDate` is applied to it, and the client's
 * write-off threshold. The one place payment allocation reads open amounts from.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Ore } from '../../domain/money.ts';
import { ZERO_OPEN, type OpenAmounts } from '../../domain/payments/allocation.ts';
import type { AppContext } from '../context.ts';
import type { InvoiceRecord } from '../records.ts';
import type { Stores } from '../stores.ts';

/**
 * HOOK for the collection engine: flow.md says interest accrues up to the payment date and is
 * paid before capital. Until the engine books accrued interest, the invoice's booked open
 * amounts are exactly what is owed, so this returns them. The engine's integration extends this
 * one function: book interest through `paymentDate` (in the caller's transaction, on the
 * already-locked invoice) and return the amounts including it. The caller writes the returned
 * amounts minus the allocation back to the invoice, so they must be the new booked truth.
 */
export function openAmountsForPayment(
  _ctx: Pick<AppContext, 'clock' | 'ids'>,
  _stores: Stores,
  _tenantId: string,
  invoice: InvoiceRecord,
  _paymentDate: CalendarDate,
): Promise<OpenAmounts> {
  // A draft owes nothing yet; a paid, credited or closed invoice has zero open amounts already.
  if (invoice.status === 'draft') return Promise.resolve(ZERO_OPEN);
  return Promise.resolve({
    fees: invoice.feesOpen,
    interest: invoice.interestOpen,
    principal: invoice.principalOpen,
  });
}

/**
 * The client's writeOffBelow (öre; 0 = never) from its current collection policy: a residual
 * below it is written off when the payment is booked, so the invoice leaves the flow at once.
 */
export async function writeOffThreshold(stores: Stores, tenantId: string): Promise<Ore> {
  return (await stores.collection.policy(tenantId)).writeOffBelow;
}
