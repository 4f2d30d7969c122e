/**
 * A step of the payout run: the operator's fee for one client's payout, inside the run's
 * transaction. Locks the client's schedule (two runs charge a client one at a time), computes the
 * fee on the documents not yet charged and the money paid out, stamps the documents, records the
 * charge for the settlement report and books 6590 + 2641 / 1689. Returns what is left to pay.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Ore } from '../../domain/money.ts';
import { operatorFeeBooked } from '../../domain/payouts/operator-fee-postings.ts';
import { computeOperatorFee, documentPrice } from '../../domain/payouts/operator-fees.ts';
import { accountsFor } from '../accounts.ts';
import type { AppContext } from '../context.ts';
import { postEntry } from '../post-entry.ts';
import type { TenantRecord } from '../records.ts';
import type { Stores } from '../stores.ts';

export async function chargeOperatorFee(
  ctx: AppContext,
  stores: Stores,
  input: {
    tenant: TenantRecord;
    payoutId: string;
    date: CalendarDate;
    /** What the client is owed in this payout (> 0). */
    gross: Ore;
    /** The money collected for it in this payout: the allocation rows paid out. */
    collected: Ore;
  },
): Promise<Ore> {
  const { tenant, payoutId, date } = input;
  const tenantId = tenant.tenantId;
  // No schedule: no fees, and nothing is stamped (documents before a schedule never count).
  const schedule = await stores.payments.feeSchedule(tenantId, { forUpdate: true });
  if (schedule === null) return input.gross;
  const documents = await stores.payments.unchargedFeeDocuments(tenantId, date);
  const { charge, chargedDocumentIds } = computeOperatorFee({
    schedule,
    gross: input.gross,
    shareBase: input.collected,
    documents,
  });
  const charged = new Set(chargedDocumentIds);
  await stores.payments.insertFeeCharge(
    tenantId,
    payoutId,
    charge,
    documents
      .filter((d) => charged.has(d.documentId))
      .map((d) => ({ ...d, price: documentPrice(schedule, d.kind) })),
  );
  // The next run reads only documents created since the oldest one still uncharged.
  await stores.payments.advanceFeeScan(tenantId, ctx.clock.now());
  if (charge.fee > 0n) {
    await postEntry(
      ctx,
      stores,
      tenantId,
      operatorFeeBooked({
        payoutId,
        bookingDate: date,
        fee: charge.fee,
        vat: charge.vat,
        operatorName: ctx.operator.name,
        accounts: accountsFor(tenant),
      }),
    );
  }
  return charge.net;
}
