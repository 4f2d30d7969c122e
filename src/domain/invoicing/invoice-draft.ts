/**
 * Validation of a new invoice (or credit note rows), collecting every issue in a fixed order:
 * dates, then rows in order, then totals. Pure: the caller has parsed JSON into typed values.
 */
import { addDays, type CalendarDate } from '../calendar-date.ts';
import type { FieldIssue } from '../result.ts';
import { computeTotals, type InvoiceRowInput, type InvoiceTotals } from './invoice-totals.ts';

export const MAX_ROWS = 500;
export const MAX_TERMS_DAYS = 365;
export const DEFAULT_TERMS_DAYS = 30;
/** Sanity bound per amount: 10 billion kronor. Real invoices are far below; typos are not. */
export const MAX_AMOUNT_ORE = 1_000_000_000_000n;

export type InvoiceDraftInput = {
  readonly invoiceDate: CalendarDate;
  readonly dueDate?: CalendarDate | undefined;
  readonly termsDays?: number | undefined;
  readonly rows: readonly InvoiceRowInput[];
};

export type ValidDraft = { readonly dueDate: CalendarDate; readonly totals: InvoiceTotals };

export function validateRows(rows: readonly InvoiceRowInput[], path = 'rows'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (rows.length === 0)
    issues.push({ path, code: 'rows_empty', message: 'at least one row is required' });
  if (rows.length > MAX_ROWS) {
    issues.push({ path, code: 'rows_too_many', message: `at most ${MAX_ROWS} rows` });
  }
  rows.forEach((row, i) => {
    if (row.description.trim() === '') {
      issues.push({
        path: `${path}.${i}.description`,
        code: 'description_empty',
        message: 'must not be empty',
      });
    }
    if (row.quantityMilli <= 0n) {
      issues.push({
        path: `${path}.${i}.quantity`,
        code: 'quantity_not_positive',
        message: 'must be greater than 0',
      });
    }
    const absPrice = row.unitPrice < 0n ? -row.unitPrice : row.unitPrice;
    if (absPrice > MAX_AMOUNT_ORE) {
      issues.push({
        path: `${path}.${i}.unitPrice`,
        code: 'amount_too_large',
        message: 'is unreasonably large',
      });
    }
  });
  if (issues.length > 0) return issues;
  const totals = computeTotals(rows);
  for (const line of totals.vatLines) {
    if (line.taxable < 0n) {
      issues.push({
        path,
        code: 'vat_rate_total_negative',
        message: `the rows at ${line.vatRate} % sum to a negative amount`,
      });
    }
  }
  if (totals.total <= 0n) {
    issues.push({
      path,
      code: 'total_not_positive',
      message: 'the invoice total must be greater than 0',
    });
  }
  if (totals.total > MAX_AMOUNT_ORE) {
    issues.push({
      path,
      code: 'amount_too_large',
      message: 'the invoice total is unreasonably large',
    });
  }
  return issues;
}

export function validateInvoiceDraft(input: InvoiceDraftInput): {
  issues: FieldIssue[];
  draft?: ValidDraft;
} {
  const issues: FieldIssue[] = [];
  if (input.dueDate !== undefined && input.termsDays !== undefined) {
    issues.push({
      path: 'termsDays',
      code: 'due_date_and_terms',
      message: 'give dueDate or termsDays, not both',
    });
  }
  const terms = input.termsDays ?? DEFAULT_TERMS_DAYS;
  if (!Number.isInteger(terms) || terms < 0 || terms > MAX_TERMS_DAYS) {
    issues.push({
      path: 'termsDays',
      code: 'terms_out_of_range',
      message: `must be 0 to ${MAX_TERMS_DAYS} days`,
    });
  }
  const dueDate = input.dueDate ?? addDays(input.invoiceDate, terms);
  if (dueDate < input.invoiceDate) {
    issues.push({
      path: 'dueDate',
      code: 'due_date_before_invoice_date',
      message: 'must not be before invoiceDate',
    });
  }
  issues.push(...validateRows(input.rows));
  if (issues.length > 0) return { issues };
  return { issues, draft: { dueDate, totals: computeTotals(input.rows) } };
}
