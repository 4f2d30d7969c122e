/**
 * What a client does to one invoice's collection: dispute it (pauses every step), resolve the
 * dispute, pause it until a date, and decide after an unpaid inkassokrav (payment order,
 * surveillance or close). Each locks the invoice and commits with its event, entries and tasks.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { computeTotals } from '../../domain/invoicing/invoice-totals.ts';
import { feeCharged, writtenOff } from '../../domain/ledger/posting-rules.ts';
import {
  KRONOFOGDEN_APPLICATION_FEE_ORE,
  KRONOFOGDEN_AGENT_FEE_CAP_ORE,
} from '../../domain/collection/fee-law.ts';
import { addOre, ore, ZERO_ORE } from '../../domain/money.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { accountsFor } from '../accounts.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import { postEntry } from '../post-entry.ts';
import type { InvoiceRecord } from '../records.ts';
import type { Stores } from '../stores.ts';
import type { CaseChange, CaseRecord } from './collection-store.ts';

type Action = (
  c: CaseRecord,
  stores: Stores,
  today: CalendarDate,
) => Promise<
  Result<
    { change: CaseChange; event: string; detail: Record<string, unknown>; amount?: bigint },
    UseCaseError
  >
>;

async function onInvoice(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  action: Action,
): Promise<Result<InvoiceRecord, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    const c = await stores.collection.loadCase(tenantId, invoiceId, { lock: 'wait' });
    if (c === null) return err(useCaseError('invoice_not_found', `no invoice ${invoiceId}`));
    const today = ctx.clock.today();
    const result = await action(c, stores, today);
    if (!result.ok) return result;
    const now = ctx.clock.now();
    await stores.collection.updateCase(tenantId, invoiceId, result.value.change, now);
    const policy = await stores.collection.policy(tenantId);
    await stores.invoices.addEvent(
      tenantId,
      invoiceId,
      {
        date: today,
        type: result.value.event,
        amount: result.value.amount === undefined ? null : ore(result.value.amount),
        documentId: null,
        policyVersion: policy.version,
        detail: result.value.detail,
      },
      now,
    );
    const updated = await stores.invoices.get(tenantId, invoiceId);
    return ok(updated!);
  });
}

const notOpen = (c: CaseRecord, what: string) =>
  err(
    useCaseError(
      'invoice_not_open',
      `invoice ${c.invoice.invoiceId} is ${c.invoice.status}: it cannot be ${what}`,
    ),
  );

export const disputeInvoice = (
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  reason: string,
) =>
  onInvoice(ctx, tenantId, invoiceId, async (c) => {
    if (c.invoice.status !== 'sent') return notOpen(c, 'disputed');
    if (c.invoice.disputed) return err(useCaseError('conflict', 'the invoice is already disputed'));
    return ok({
      change: { disputed: true, disputeReason: reason },
      event: 'disputed',
      detail: { reason },
    });
  });

export const resolveDispute = (ctx: AppContext, tenantId: string, invoiceId: string) =>
  onInvoice(ctx, tenantId, invoiceId, async (c, _s, today) => {
    if (!c.invoice.disputed) return err(useCaseError('conflict', 'the invoice is not disputed'));
    // Look again on the next run: the engine decides what is due now.
    return ok({
      change: { disputed: false, disputeReason: null, nextActionDate: today },
      event: 'dispute_resolved',
      detail: {},
    });
  });

export const pauseInvoice = (
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  until: CalendarDate,
  reason: string,
) =>
  onInvoice(ctx, tenantId, invoiceId, async (c, _s, today) => {
    if (c.invoice.status !== 'sent') return notOpen(c, 'paused');
    if (until < today) {
      return err(
        useCaseError('invalid_input', 'the pause must end today or later', [
          { path: 'until', code: 'pause_in_past', message: `must not be before ${today}` },
        ]),
      );
    }
    return ok({
      change: { pausedUntil: until, pauseReason: reason, nextActionDate: today },
      event: 'paused',
      detail: { until, reason },
    });
  });

export type AfterDemandChoice = 'payment_order' | 'surveillance' | 'close';

/** The client's choice once the inkassokrav fell due unpaid. */
export const decideAfterDemand = (
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  action: AfterDemandChoice,
) =>
  onInvoice(ctx, tenantId, invoiceId, async (c, stores, today) => {
    if (c.invoice.status !== 'sent' || c.state.stage !== 'awaiting_decision') {
      return err(
        useCaseError(
          'conflict',
          `invoice ${invoiceId} is not awaiting a decision (stage ${c.state.stage}, status ${c.invoice.status})`,
        ),
      );
    }
    const tenant = (await stores.tenants.get(tenantId))!;
    const accounts = accountsFor(tenant);
    await stores.tasks.closeKind(tenantId, invoiceId, 'decide_after_demand', ctx.clock.now());
    const number = c.invoice.number ?? 0n;
    if (action === 'payment_order') {
      const costs = ore(KRONOFOGDEN_APPLICATION_FEE_ORE + KRONOFOGDEN_AGENT_FEE_CAP_ORE);
      await postEntry(
        ctx,
        stores,
        tenantId,
        feeCharged({
          code: 'statutory_costs',
          invoiceId,
          invoiceNumber: number,
          amount: costs,
          bookingDate: today,
          causeKey: `statutory-costs:${invoiceId}`,
          accounts,
        }),
      );
      return ok({
        change: {
          stage: 'payment_order',
          decision: action,
          feesOpen: addOre(c.invoice.feesOpen, costs),
          nextActionDate: null,
        },
        event: 'decision_payment_order',
        detail: {
          kronofogdenFee: KRONOFOGDEN_APPLICATION_FEE_ORE.toString(),
          applicantCost: KRONOFOGDEN_AGENT_FEE_CAP_ORE.toString(),
        },
        amount: costs,
      });
    }
    if (action === 'surveillance') {
      return ok({
        change: { stage: 'surveillance', decision: action, nextActionDate: today },
        event: 'decision_surveillance',
        detail: {},
      });
    }
    const { principalOpen: principal, feesOpen: fees, interestOpen: interest } = c.invoice;
    await postEntry(
      ctx,
      stores,
      tenantId,
      writtenOff({
        invoiceId,
        invoiceNumber: number,
        principal,
        fees,
        interest,
        vatLines: computeTotals(c.invoice.rows).vatLines,
        bookingDate: today,
        causeKey: `write-off:${invoiceId}`,
        accounts,
      }),
    );
    return ok({
      change: {
        status: 'closed',
        decision: action,
        principalOpen: ZERO_ORE,
        feesOpen: ZERO_ORE,
        interestOpen: ZERO_ORE,
        nextActionDate: null,
      },
      event: 'decision_close',
      detail: { writtenOff: addOre(principal, fees, interest).toString() },
      amount: addOre(principal, fees, interest),
    });
  });
