/**
 * The payments a batch leaves to the per-payment path, booked as the import always booked them:
 * a deduction takes back the payment it names (reverse-payment.ts), and a payment on an invoice
 * that is not 'sent', or one that overpays, goes through applyPayment. Also the payment rows the
 * import stores, matched or not.
 */
import type { BankPayment, BankSection } from '../../domain/payments/bank-file.ts';
import type { AppContext } from '../context.ts';
import type { Stores } from '../stores.ts';
import { applyPayment, type TenantTermsCache } from './apply-payment.ts';
import type { PaymentRecord } from './payment-store.ts';
import { reverseForDeduction } from './reverse-payment.ts';
import type { PaymentTarget } from './route-payment.ts';

export type Outcome = 'matched' | 'unmatched' | 'skipped';

/** One import: the file's row, its scope, and what is read once per client. */
export type ImportRun = {
  readonly ctx: AppContext;
  readonly stores: Stores;
  readonly scope: string;
  readonly fileId: string;
  readonly terms: TenantTermsCache;
  /**
   * false: every payment is routed and booked with the per-payment code, one after another, as
   * before batching. What the tests compare the batched path with.
   */
  readonly batched: boolean;
  /** Payments per chunk and per batch of writes (import-batch.ts; tests make them small). */
  readonly chunkSize: number;
  readonly writeBatch: number;
};

/** A payment of the file whose bank reference this import claimed. */
export type ClaimedPayment = {
  readonly section: BankSection;
  readonly payment: BankPayment;
  readonly paymentId: string;
};

/** The payment's row as it waits in the queue; matching changes its client and status. */
export function paymentRecord(run: ImportRun, p: ClaimedPayment): PaymentRecord {
  const { payment: bp, section } = p;
  return {
    paymentId: p.paymentId,
    tenantId: run.scope,
    scopeId: run.scope,
    fileId: run.fileId,
    bankReference: bp.bankReference,
    kind: bp.kind,
    amount: bp.amountOre,
    currency: section.currency,
    paymentDate: section.bookingDate,
    references: bp.references,
    message: bp.message ?? null,
    payer: bp.payer ?? null,
    status: 'unmatched',
    matchedBy: null,
    reversesPaymentId: null,
    createdAt: run.ctx.clock.now(),
    matchedAt: null,
  };
}

/** The row of a payment matched to `target`'s client. */
export function matchedRecord(record: PaymentRecord, target: PaymentTarget): PaymentRecord {
  return {
    ...record,
    tenantId: target.tenantId,
    status: 'matched',
    matchedBy: target.matchedBy,
    matchedAt: record.createdAt,
  };
}

/** Books one matched SEK payment or deduction with the per-payment code, as before batching. */
export async function bookOneByOne(
  run: ImportRun,
  p: ClaimedPayment,
  target: PaymentTarget,
): Promise<Outcome> {
  const { ctx, stores } = run;
  const record = paymentRecord(run, p);
  const matched = matchedRecord(record, target);
  if (record.kind === 'deduction') {
    const reversed = await reverseForDeduction(
      ctx,
      stores,
      target.tenantId,
      record,
      target.invoiceIds,
    );
    // The client is known even if the payment taken back is not: the client's queue gets it.
    if (reversed === null) {
      await stores.payments.insertPayment({ ...record, tenantId: target.tenantId });
      return 'unmatched';
    }
    await stores.payments.insertPayment({ ...matched, reversesPaymentId: reversed });
    return 'matched';
  }
  await stores.payments.insertPayment(matched);
  await applyPayment(ctx, stores, target.tenantId, record, target.invoiceIds, run.terms);
  return 'matched';
}
