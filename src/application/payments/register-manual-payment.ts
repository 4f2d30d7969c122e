/**
 * A payment the client registers by hand (cash, a transfer outside the bank files): to an
 * invoice by id or OCR, booked and allocated exactly like an imported one. A reference given
 * twice is the same payment and is refused the second time.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Ore } from '../../domain/money.ts';
import { err, ok, type FieldIssue, type Result } from '../../domain/result.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { invalidInput, useCaseError, type UseCaseError } from '../errors.ts';
import { applyPayment } from './apply-payment.ts';
import type { AllocationRecord, PaymentRecord } from './payment-store.ts';

export type ManualPaymentInput = {
  readonly invoiceId?: string | undefined;
  readonly ocr?: string | undefined;
  readonly amount: Ore;
  readonly date: CalendarDate;
  readonly reference?: string | undefined;
};

export type PaymentDetail = {
  readonly payment: PaymentRecord;
  readonly allocations: readonly AllocationRecord[];
};

function inputIssues(input: ManualPaymentInput, today: CalendarDate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if ((input.invoiceId === undefined) === (input.ocr === undefined)) {
    issues.push({
      path: 'invoiceId',
      code: 'invoice_or_ocr',
      message: 'give either invoiceId or ocr, not both',
    });
  }
  if (input.amount <= 0n) {
    issues.push({ path: 'amount', code: 'amount_not_positive', message: 'must be > 0' });
  }
  if (input.date > today) {
    issues.push({ path: 'date', code: 'date_in_future', message: `is after today (${today})` });
  }
  return issues;
}

export async function registerManualPayment(
  ctx: AppContext,
  tenantId: string,
  input: ManualPaymentInput,
): Promise<Result<PaymentDetail, UseCaseError>> {
  const issues = inputIssues(input, ctx.clock.today());
  if (issues.length > 0) return err(invalidInput(issues));
  return runUseCase(ctx.uow, async (stores) => {
    const invoiceId =
      input.invoiceId ?? (await stores.payments.invoiceIdByOcr(tenantId, input.ocr ?? ''));
    const invoice =
      invoiceId === null
        ? null
        : await stores.invoices.get(tenantId, invoiceId, { forUpdate: true });
    if (invoice === null) {
      const which = input.invoiceId === undefined ? `with OCR ${input.ocr}` : input.invoiceId;
      return err(useCaseError('invoice_not_found', `no invoice ${which}`));
    }
    if (invoice.status === 'draft') {
      return err(
        useCaseError('invoice_not_open', 'a draft has not been sent: nothing is owed yet'),
      );
    }
    const paymentId = ctx.ids.newId();
    const bankReference = `manual:${input.reference ?? paymentId}`;
    if (!(await stores.payments.claimBankReference(tenantId, bankReference, paymentId, null))) {
      return err(
        useCaseError(
          'conflict',
          `a payment with reference '${input.reference}' is already registered`,
        ),
      );
    }
    const now = ctx.clock.now();
    const payment: PaymentRecord = {
      paymentId,
      tenantId,
      scopeId: tenantId,
      fileId: null,
      bankReference,
      kind: 'payment',
      amount: input.amount,
      currency: 'SEK',
      paymentDate: input.date,
      references: invoice.ocr === null ? [] : [invoice.ocr],
      message: input.reference ?? null,
      payer: null,
      status: 'matched',
      matchedBy: 'manual',
      reversesPaymentId: null,
      createdAt: now,
      matchedAt: now,
    };
    await stores.payments.insertPayment(payment);
    await applyPayment(ctx, stores, tenantId, payment, [invoice.invoiceId]);
    return ok({ payment, allocations: await stores.payments.allocations(tenantId, paymentId) });
  });
}
