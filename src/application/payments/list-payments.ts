/**
 * Reading payments: a queue's list (all, or only the unmatched with suggestions: open invoices
 * that fit the amount and the payer's name) and one payment with its allocations.
 */
import { normaliseName, rankSuggestions } from '../../domain/payments/matching.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import type { Stores } from '../stores.ts';
import {
  OPERATOR_SCOPE,
  type AllocationRecord,
  type PaymentRecord,
  type SuggestionRow,
} from './payment-store.ts';

export type Suggestion = SuggestionRow & { readonly score: number };

export type PaymentListItem = {
  readonly payment: PaymentRecord;
  readonly allocations: readonly AllocationRecord[];
  /** Only for unmatched SEK payments in a client's queue. */
  readonly suggestions: readonly Suggestion[];
};

/**
 * The payer's name words, as written (the customer's stored name keeps its Swedish letters),
 * of at least three letters and not a company form: shorter words match too many customers.
 */
const nameWords = (name: string | undefined): string[] =>
  (name ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && normaliseName(w) !== '');

async function suggestionsFor(stores: Stores, payment: PaymentRecord): Promise<Suggestion[]> {
  // The operator's queue has no client yet, and a search across every client's invoices by
  // amount alone would mostly suggest strangers: suggestions are a client-queue feature.
  const eligible =
    payment.status === 'unmatched' &&
    payment.kind === 'payment' &&
    payment.currency === 'SEK' &&
    payment.tenantId !== OPERATOR_SCOPE;
  if (!eligible) return [];
  const payerName = payment.payer?.name;
  const rows = await stores.payments.suggestionCandidates(
    payment.tenantId,
    payment.amount,
    nameWords(payerName),
  );
  return rankSuggestions({ amount: payment.amount, payerName }, rows);
}

async function itemOf(stores: Stores, payment: PaymentRecord): Promise<PaymentListItem> {
  const allocations =
    payment.status === 'unmatched'
      ? []
      : await stores.payments.allocations(payment.tenantId, payment.paymentId);
  return { payment, allocations, suggestions: await suggestionsFor(stores, payment) };
}

/** queue: the caller's tenant id, or OPERATOR_SCOPE for the operator's queue. */
export async function listPayments(
  ctx: AppContext,
  queue: string,
  options: { unmatched: boolean; limit: number; cursor?: string | undefined },
): Promise<{ items: PaymentListItem[]; nextCursor: string | null }> {
  const stores = ctx.uow.read;
  const page = await stores.payments.list(queue, options);
  const items: PaymentListItem[] = [];
  for (const payment of page.items) items.push(await itemOf(stores, payment));
  return { items, nextCursor: page.nextCursor };
}

export async function getPayment(
  ctx: AppContext,
  queue: string,
  paymentId: string,
): Promise<Result<PaymentListItem, UseCaseError>> {
  const stores = ctx.uow.read;
  const payment = await stores.payments.get(queue, paymentId);
  if (payment === null) return err(useCaseError('payment_not_found', `no payment ${paymentId}`));
  return ok(await itemOf(stores, payment));
}
