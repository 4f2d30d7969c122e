/**
 * Views for payments and payouts: records to JSON, amounts as integer öre numbers (checked
 * safe), like views.ts does for invoices.
 */
import type { PaymentListItem } from '../application/payments/list-payments.ts';
import type { ImportResult } from '../application/payments/import-bank-file.ts';
import type {
  AllocationRecord,
  PaymentRecord,
  PayoutRecord,
} from '../application/payments/payment-store.ts';
import type { PaymentDetail } from '../application/payments/register-manual-payment.ts';
import type { PayoutRunResult } from '../application/payments/run-payouts.ts';
import { oreToSafeNumber as n } from '../domain/money.ts';
import { openTotal } from '../domain/payments/allocation.ts';

export const importResultView = (r: ImportResult) => ({
  fileId: r.fileId,
  format: r.format,
  payments: r.payments,
  matched: r.matched,
  unmatched: r.unmatched,
  skipped: r.skipped,
  amount: n(r.amount),
});

export const allocationView = (a: AllocationRecord) => ({
  invoiceId: a.invoiceId,
  date: a.bookingDate,
  fees: n(a.paid.fees),
  interest: n(a.paid.interest),
  principal: n(a.paid.principal),
  overpaid: n(a.overpaid),
  writtenOff: n(openTotal(a.writtenOff)),
  reversed: a.reversed || a.reversesAllocationId !== null,
  paidOut: a.payoutId !== null,
});

const paymentView = (p: PaymentRecord) => ({
  id: p.paymentId,
  kind: p.kind,
  status: p.status,
  amount: n(p.amount),
  currency: p.currency,
  date: p.paymentDate,
  bankReference: p.bankReference,
  references: p.references,
  message: p.message,
  payer: p.payer,
  fileId: p.fileId,
  matchedBy: p.matchedBy,
  reversesPaymentId: p.reversesPaymentId,
  createdAt: p.createdAt,
  matchedAt: p.matchedAt,
});

export const paymentDetailView = (d: PaymentDetail) => ({
  ...paymentView(d.payment),
  allocations: d.allocations.map(allocationView),
});

export const paymentListItemView = (item: PaymentListItem) => ({
  ...paymentDetailView(item),
  ...(item.payment.status === 'unmatched'
    ? {
        suggestions: item.suggestions.map((s) => ({
          invoiceId: s.invoiceId,
          number: s.number === null ? null : Number(s.number),
          ocr: s.ocr,
          customerName: s.customerName,
          owed: n(s.owed),
          dueDate: s.dueDate,
          score: s.score,
        })),
      }
    : {}),
});

const payoutView = (p: PayoutRecord) => ({
  id: p.payoutId,
  tenantId: p.tenantId,
  amount: n(p.amount),
  accountKind: p.accountKind,
  account: p.account,
  endToEndId: p.endToEndId,
});

export const payoutRunView = (r: PayoutRunResult) => ({
  date: r.date,
  fileId: r.fileId,
  fileIds: r.fileId === null ? [] : [r.fileId],
  amount: n(r.amount),
  payouts: r.payouts.map(payoutView),
  refunds: r.refunds.map((f) => ({
    id: f.refundId,
    customerId: f.customerId,
    amount: n(f.amount),
    accountKind: f.accountKind,
    account: f.account,
    endToEndId: f.endToEndId,
  })),
  skipped: r.skipped,
});
