/**
 * Matching a queued payment to an invoice by hand. A client matches its own queue; the operator
 * matches its queue to any client's invoice (naming the client), which moves the payment there.
 * A queued deduction matched to an invoice takes back the payment of its amount on it.
 */
import { err, ok, type Result } from '../../domain/result.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { invalidInput, useCaseError, type UseCaseError } from '../errors.ts';
import { applyPayment } from './apply-payment.ts';
import type { InvoiceRecord } from '../records.ts';
import type { Stores } from '../stores.ts';
import { OPERATOR_SCOPE, type PaymentRecord } from './payment-store.ts';
import type { PaymentDetail } from './register-manual-payment.ts';
import { reverseForDeduction } from './reverse-payment.ts';

export type MatchInput = {
  readonly invoiceId: string;
  /** The operator names the client; a client's own key implies it. */
  readonly tenantId?: string | undefined;
};

/** Why this payment cannot be matched by hand, or null. */
function refusal(payment: PaymentRecord): UseCaseError | null {
  const paymentId = payment.paymentId;
  if (payment.status !== 'unmatched') {
    return useCaseError(
      'payment_not_unmatched',
      `payment ${paymentId} is ${payment.status} already`,
    );
  }
  if (payment.currency === 'SEK') return null;
  return invalidInput([
    {
      path: 'currency',
      code: 'currency_not_booked',
      message: `a ${payment.currency} payment cannot be booked; handle it outside Reskontra`,
    },
  ]);
}

/** The invoice to match to, locked; it must exist at the client and have been sent. */
async function invoiceToPay(
  stores: Stores,
  tenantId: string,
  invoiceId: string,
): Promise<Result<InvoiceRecord, UseCaseError>> {
  if ((await stores.tenants.get(tenantId)) === null) {
    return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
  }
  const invoice = await stores.invoices.get(tenantId, invoiceId, { forUpdate: true });
  if (invoice === null) return err(useCaseError('invoice_not_found', `no invoice ${invoiceId}`));
  if (invoice.status === 'draft') {
    return err(useCaseError('invoice_not_open', 'a draft has not been sent: nothing is owed yet'));
  }
  return ok(invoice);
}

/** queue: the caller's tenant id, or OPERATOR_SCOPE for the operator. */
export async function matchPayment(
  ctx: AppContext,
  queue: string,
  paymentId: string,
  input: MatchInput,
): Promise<Result<PaymentDetail, UseCaseError>> {
  const targetTenant = queue === OPERATOR_SCOPE ? input.tenantId : queue;
  if (targetTenant === undefined) {
    const message = 'the operator names the client to match to';
    return err(invalidInput([{ path: 'tenantId', code: 'required', message }]));
  }
  return runUseCase(ctx.uow, async (stores) => {
    const payment = await stores.payments.get(queue, paymentId, { forUpdate: true });
    if (payment === null) return err(useCaseError('payment_not_found', `no payment ${paymentId}`));
    const refused = refusal(payment);
    if (refused !== null) return err(refused);
    const invoice = await invoiceToPay(stores, targetTenant, input.invoiceId);
    if (!invoice.ok) return invoice;
    const stamp = {
      status: 'matched' as const,
      matchedBy: 'manual' as const,
      matchedAt: ctx.clock.now(),
      ...(targetTenant === queue ? {} : { moveTo: targetTenant }),
    };
    const invoiceIds = [invoice.value.invoiceId];
    if (payment.kind === 'deduction') {
      const reversed = await reverseForDeduction(ctx, stores, targetTenant, payment, invoiceIds);
      if (reversed === null) {
        const detail = `no matched payment of ${payment.amount} öre on invoice ${input.invoiceId} to take back`;
        return err(useCaseError('conflict', detail));
      }
      await stores.payments.setStatus(queue, paymentId, { ...stamp, reversesPaymentId: reversed });
    } else {
      await stores.payments.setStatus(queue, paymentId, stamp);
      await applyPayment(ctx, stores, targetTenant, payment, invoiceIds);
    }
    const matched = await stores.payments.get(targetTenant, paymentId);
    if (matched === null) throw new Error(`payment ${paymentId} vanished while matching`);
    const allocations = await stores.payments.allocations(targetTenant, paymentId);
    return ok({ payment: matched, allocations });
  });
}
