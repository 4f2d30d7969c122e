/**
 * Expected outcomes of use cases, as values with stable snake_case codes. http/errors.ts is the one
 * place that maps them to HTTP statuses. Adding a code breaks the build there until it is mapped.
 */
import type { FieldIssue } from '../domain/result.ts';

export type ErrorCode =
  | 'invalid_input'
  | 'tenant_not_found'
  | 'customer_not_found'
  | 'invoice_not_found'
  | 'document_not_found'
  | 'payment_not_found'
  | 'invoice_not_draft'
  | 'invoice_not_open'
  | 'credit_exceeds_open_balance'
  | 'delivery_channel_unusable'
  | 'idempotency_key_reused_with_different_input'
  | 'conflict'
  | 'not_implemented'
  | 'bank_file_invalid'
  | 'bank_file_already_imported'
  | 'payment_not_unmatched'
  | 'payout_not_found';

export type UseCaseError = {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly issues?: readonly FieldIssue[];
};

export const useCaseError = (
  code: ErrorCode,
  detail: string,
  issues?: readonly FieldIssue[],
): UseCaseError => (issues === undefined ? { code, detail } : { code, detail, issues });

export const invalidInput = (issues: readonly FieldIssue[]): UseCaseError =>
  useCaseError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
