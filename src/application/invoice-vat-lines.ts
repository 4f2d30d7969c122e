/**
 * An invoice's VAT lines, recomputed from its stored rows. Its own module so that booking code
 * (payments, credit) and sending (which applies credit) can share it without importing each other.
 */
import { computeTotals } from '../domain/invoicing/invoice-totals.ts';
import type { InvoiceRecord } from './records.ts';

/** The invoice's VAT lines, recomputed from its stored rows (the same function made them). */
export function vatLinesOf(invoice: Pick<InvoiceRecord, 'rows'>) {
  return computeTotals(invoice.rows).vatLines;
}
