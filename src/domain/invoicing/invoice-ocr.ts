/**
 * The OCR reference of an invoice. Payments may reach the operator's bankgiro for many clients,
 * so the reference must be unique across clients: its payload is
 *   <digits in tenant number><tenant number><invoice number>
 * which is prefix-free (decodable without separators), then the optional length digit and the
 * Luhn check digit. Tenant 12, invoice 345 → payload "212345".
 */
import { makeOcr, type OcrReference } from '../ocr-reference.ts';
import { assert } from '../result.ts';

export function invoiceOcr(input: {
  tenantNumber: bigint;
  invoiceNumber: bigint;
  lengthDigit: boolean;
}): OcrReference {
  const tenant = input.tenantNumber.toString();
  assert(input.tenantNumber > 0n && tenant.length <= 9, 'tenant number must have 1–9 digits');
  assert(input.invoiceNumber > 0n, 'invoice number must be positive');
  const made = makeOcr(`${tenant.length}${tenant}${input.invoiceNumber}`, {
    lengthDigit: input.lengthDigit,
  });
  assert(made.ok, `invoice number ${input.invoiceNumber} does not fit an OCR reference`);
  return made.value;
}

/** The tenant and invoice numbers inside a payload made by invoiceOcr, or null. */
export function decodeInvoiceOcr(
  reference: string,
  options: { lengthDigit: boolean },
): { tenantNumber: bigint; invoiceNumber: bigint } | null {
  const payload = reference.slice(0, options.lengthDigit ? -2 : -1);
  const width = Number(payload.slice(0, 1));
  if (!/^\d+$/.test(payload) || width < 1 || payload.length < width + 2) return null;
  return {
    tenantNumber: BigInt(payload.slice(1, 1 + width)),
    invoiceNumber: BigInt(payload.slice(1 + width)),
  };
}
