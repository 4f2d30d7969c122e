/**
 * Payment and allocation rows → records, shared by payment-store.ts and payout-store.ts.
 * jsonb columns (refs, payer) come back as objects from both drivers.
 */
import type { Row } from '../../application/ports.ts';
import type { AllocationRecord, PaymentRecord } from '../../application/payments/payment-store.ts';
import { asDate, asInstant, asOre, asStringOrNull } from './row-mapping.ts';

export function toPayment(r: Row): PaymentRecord {
  return {
    paymentId: String(r.payment_id),
    tenantId: String(r.tenant_id),
    scopeId: String(r.scope_id),
    fileId: asStringOrNull(r.file_id),
    bankReference: String(r.bank_reference),
    kind: r.kind as PaymentRecord['kind'],
    amount: asOre(r.amount_ore),
    currency: String(r.currency),
    paymentDate: asDate(r.payment_date),
    references: (r.refs ?? []) as string[],
    message: asStringOrNull(r.message),
    payer: r.payer === null || r.payer === undefined ? null : r.payer,
    status: r.status as PaymentRecord['status'],
    matchedBy: (r.matched_by ?? null) as PaymentRecord['matchedBy'],
    reversesPaymentId: asStringOrNull(r.reverses_payment_id),
    createdAt: asInstant(r.created_at),
    matchedAt: r.matched_at === null ? null : asInstant(r.matched_at),
  };
}

export function toAllocation(r: Row): AllocationRecord {
  return {
    allocationId: String(r.allocation_id),
    paymentId: String(r.payment_id),
    invoiceId: String(r.invoice_id),
    customerId: String(r.customer_id),
    bookingDate: asDate(r.booking_date),
    paid: {
      fees: asOre(r.fees_ore),
      interest: asOre(r.interest_ore),
      principal: asOre(r.principal_ore),
    },
    overpaid: asOre(r.overpaid_ore),
    writtenOff: {
      fees: asOre(r.written_off_fees_ore),
      interest: asOre(r.written_off_interest_ore),
      principal: asOre(r.written_off_principal_ore),
    },
    reversesAllocationId: asStringOrNull(r.reverses_allocation_id),
    reversed: Boolean(r.reversed),
    payoutId: asStringOrNull(r.payout_id),
    createdAt: asInstant(r.created_at),
  };
}
