/**
 * What a client does to one invoice's collection: dispute it (pauses every step), resolve the
 * dispute, pause it until a date, and decide after an unpaid inkassokrav (payment order,
 * surveillance or close; a payment order also makes the application for the client), and record
 * Kronofogden's later events. Each locks the invoice and commits with its event, entries, tasks
 * and documents.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { computeTotals } from '../../domain/invoicing/invoice-totals.ts';
import { writtenOff } from '../../domain/ledger/posting-rules.ts';
import {
  PAYMENT_ORDER_EVENT_TYPES,
  paymentOrderEventName,
  paymentOrderEventRefusal,
  type PaymentOrderEvent,
} from '../../domain/collection/payment-order-events.ts';
import { ReferenceRateUnknownError } from '../../domain/interest/reference-rate.ts';
import { addOre, ore, ZERO_ORE } from '../../domain/money.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { accountsFor } from '../accounts.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import { postEntry } from '../post-entry.ts';
import { queueDocument } from '../queue-document.ts';
import type { InvoiceRecord, TenantRecord } from '../records.ts';
import { referenceRatesIn } from '../reference-rates.ts';
import type { Stores } from '../stores.ts';
import { registeredAddressOf } from './case-snapshot.ts';
import type { CaseChange, CaseRecord } from './collection-store.ts';
import { planPaymentOrder, type PaymentOrderPlan } from './payment-order.ts';

type Action = (
  c: CaseRecord,
  stores: Stores,
  today: CalendarDate,
) => Promise<
  Result<
    {
      change: CaseChange;
      event: string;
      detail: Record<string, unknown>;
      amount?: bigint;
      /** The document the step produced, named on the timeline event. */
      documentId?: string;
      /** The event's date when it is not today (an event Kronofogden reported). */
      date?: CalendarDate;
    },
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
        date: result.value.date ?? today,
        type: result.value.event,
        amount: result.value.amount === undefined ? null : ore(result.value.amount),
        documentId: result.value.documentId ?? null,
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

/** The application's plan, or why it cannot be made (the decision then writes nothing). */
async function planManualPaymentOrder(
  ctx: AppContext,
  stores: Stores,
  c: CaseRecord,
  tenant: TenantRecord,
  today: CalendarDate,
): Promise<Result<PaymentOrderPlan, UseCaseError>> {
  // Shared-locked like the run's batches: a rate correction waits for this booking.
  const rates = await referenceRatesIn(stores, 'share');
  const registeredAddress = await registeredAddressOf(ctx, c);
  try {
    const planned = planPaymentOrder({
      c,
      tenant,
      operator: ctx.operator,
      policy: await stores.collection.policy(tenant.tenantId),
      rates,
      date: today,
      registeredAddress,
      accounts: accountsFor(tenant),
    });
    if (!planned.ok)
      return err(
        useCaseError(
          'invalid_input',
          `no payment-order application without ${planned.error.map((i) => i.path).join(' and ')}: ${planned.error.map((i) => i.message).join('; ')}`,
          planned.error,
        ),
      );
    return planned;
  } catch (error) {
    if (!(error instanceof ReferenceRateUnknownError)) throw error;
    return err(useCaseError('conflict', `${error.code}: ${error.message}`));
  }
}

/** Books the costs and interest, queues the application to the client, opens the filing task. */
async function writePaymentOrder(
  ctx: AppContext,
  stores: Stores,
  tenantId: string,
  c: CaseRecord,
  plan: PaymentOrderPlan,
) {
  for (const entry of plan.entries) await postEntry(ctx, stores, tenantId, entry);
  const documentId = await queueDocument(ctx, stores, tenantId, plan.document);
  await stores.tasks.open(tenantId, {
    taskId: ctx.ids.newId(),
    kind: 'file_payment_order',
    invoiceId: c.invoice.invoiceId,
    documentId,
    status: 'open',
    detail: { invoiceNumber: String(c.invoice.number), reference: plan.application.reference },
    createdAt: ctx.clock.now(),
  });
  return {
    change: plan.change,
    event: 'decision_payment_order',
    detail: plan.detail,
    amount: plan.amount,
    documentId,
  };
}

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
    if (action === 'payment_order') {
      const planned = await planManualPaymentOrder(ctx, stores, c, tenant, today);
      if (!planned.ok) return planned;
      await stores.tasks.closeKind(tenantId, invoiceId, 'decide_after_demand', ctx.clock.now());
      return ok(await writePaymentOrder(ctx, stores, tenantId, c, planned.value));
    }
    await stores.tasks.closeKind(tenantId, invoiceId, 'decide_after_demand', ctx.clock.now());
    const number = c.invoice.number ?? 0n;
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

/**
 * Kronofogden's later events on a filed payment order (served, contested, decided = utslag,
 * withdrawn), on the timeline with the date Kronofogden gave. The first closes the filing task:
 * the application has evidently been filed.
 */
export const recordPaymentOrderEvent = (
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  next: PaymentOrderEvent,
) =>
  onInvoice(ctx, tenantId, invoiceId, async (c, stores, today) => {
    if (c.state.stage !== 'payment_order') {
      return err(
        useCaseError(
          'conflict',
          `invoice ${invoiceId} has no payment order (stage ${c.state.stage})`,
        ),
      );
    }
    const events = await stores.invoices.events(tenantId, invoiceId);
    const application = events.find((e) => e.type === 'decision_payment_order');
    const earlier = events.flatMap((e) => {
      const type = PAYMENT_ORDER_EVENT_TYPES.find((t) => paymentOrderEventName(t) === e.type);
      return type === undefined ? [] : [{ type, date: e.date }];
    });
    const refusal = paymentOrderEventRefusal({
      applicationDate: application?.date ?? today,
      today,
      earlier,
      next,
    });
    if (refusal !== null) return err(useCaseError('conflict', refusal));
    await stores.tasks.closeKind(tenantId, invoiceId, 'file_payment_order', ctx.clock.now());
    return ok({
      change: {},
      event: paymentOrderEventName(next.type),
      detail: { reportedOn: today },
      date: next.date,
    });
  });
