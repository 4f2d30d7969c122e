/**
 * From a payment's references to the client and invoices it pays. A client's own file resolves
 * OCRs among that client's invoices; an operator file decodes the tenant number inside each OCR
 * (invoice-ocr.ts) to find the client first, which is why OCRs are unique across clients.
 */
import { decodeInvoiceOcr } from '../../domain/invoicing/invoice-ocr.ts';
import { validOcr } from '../../domain/ocr-reference.ts';
import type { BankPayment } from '../../domain/payments/bank-file.ts';
import { candidateReferences } from '../../domain/payments/matching.ts';
import type { Stores } from '../stores.ts';
import { OPERATOR_SCOPE, type MatchedBy } from './payment-store.ts';

export type ResolvedReference = { readonly tenantId: string; readonly invoiceId: string };

export type PaymentTarget = {
  readonly tenantId: string;
  /** In reference order, without repeats; all of one client. */
  readonly invoiceIds: readonly string[];
  readonly matchedBy: MatchedBy;
};

/** Resolves references for one import, remembering client lookups (a file has few clients). */
export function referenceResolver(stores: Stores, scope: string) {
  const tenantByNumber = new Map<bigint, { tenantId: string; lengthDigit: boolean } | null>();

  async function clientOf(tenantNumber: bigint) {
    if (!tenantByNumber.has(tenantNumber)) {
      const tenantId = await stores.payments.tenantIdByNumber(tenantNumber);
      const tenant = tenantId === null ? null : await stores.tenants.get(tenantId);
      tenantByNumber.set(
        tenantNumber,
        tenant === null ? null : { tenantId: tenant.tenantId, lengthDigit: tenant.ocrLengthDigit },
      );
    }
    return tenantByNumber.get(tenantNumber) ?? null;
  }

  return async function resolve(reference: string): Promise<ResolvedReference | null> {
    if (scope !== OPERATOR_SCOPE) {
      const invoiceId = await stores.payments.invoiceIdByOcr(scope, reference);
      return invoiceId === null ? null : { tenantId: scope, invoiceId };
    }
    // Whether the reference carries a length digit depends on the client, so try both readings
    // and keep the one whose client agrees.
    for (const lengthDigit of [true, false]) {
      if (!validOcr(reference, { lengthDigit })) continue;
      const decoded = decodeInvoiceOcr(reference, { lengthDigit });
      const client = decoded === null ? null : await clientOf(decoded.tenantNumber);
      if (client === null || client.lengthDigit !== lengthDigit) continue;
      const invoiceId = await stores.payments.invoiceIdByOcr(client.tenantId, reference);
      if (invoiceId !== null) return { tenantId: client.tenantId, invoiceId };
    }
    return null;
  };
}

export type Resolve = ReturnType<typeof referenceResolver>;

/**
 * The payment's own references first: every one that resolves shares the payment (references
 * of another client than the first are ignored: one payment pays one client). Failing those,
 * the first free-text digit group that resolves.
 */
export async function findTarget(
  resolve: Resolve,
  payment: Pick<BankPayment, 'references' | 'message'>,
): Promise<PaymentTarget | null> {
  const plan = candidateReferences(payment);
  let tenantId: string | null = null;
  const invoiceIds: string[] = [];
  for (const reference of plan.split) {
    const found = await resolve(reference);
    if (found === null || (tenantId !== null && found.tenantId !== tenantId)) continue;
    tenantId = found.tenantId;
    if (!invoiceIds.includes(found.invoiceId)) invoiceIds.push(found.invoiceId);
  }
  if (tenantId !== null) return { tenantId, invoiceIds, matchedBy: 'reference' };
  for (const reference of plan.fallback) {
    const found = await resolve(reference);
    if (found !== null) {
      return { tenantId: found.tenantId, invoiceIds: [found.invoiceId], matchedBy: 'text' };
    }
  }
  return null;
}
