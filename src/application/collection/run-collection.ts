/**
 * The daily collection run: for every client, every day not yet run up to the asked date, in
 * order, each invoice whose next action date has come gets the engine's decision applied — each
 * invoice in its own transaction, its row locked with SKIP LOCKED so two workers never act on
 * one invoice. Its cost follows the day's work: only due invoices are read (an index on
 * (tenant_id, next_action_date)). Re-running a finished date finds nothing due and changes nothing.
 */
import { addDays, type CalendarDate } from '../../domain/calendar-date.ts';
import { decideNextStep } from '../../domain/collection/engine.ts';
import { ReferenceRateUnknownError } from '../../domain/interest/reference-rate.ts';
import type { DecisionKind } from '../../domain/collection/decision.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import { applyDecision } from './apply-decision.ts';
import { registeredAddressOf, toSnapshot } from './case-snapshot.ts';

export type RunSummary = {
  date: CalendarDate;
  days: number;
  notices: number;
  reminders: number;
  collectionDemands: number;
  decisionsDue: number;
  paymentOrders: number;
  surveillance: number;
  surveillanceDemands: number;
  writeOffs: number;
  tasks: number;
  waiting: number;
  /** Invoices whose step could not be taken (e.g. no published reference rate), by reason. */
  blocked: number;
  blockedReasons: Record<string, number>;
};

const COUNTERS: Partial<Record<DecisionKind, keyof RunSummary>> = {
  send_notice: 'notices',
  send_reminder: 'reminders',
  send_collection_demand: 'collectionDemands',
  await_decision: 'decisionsDue',
  send_surveillance_demand: 'surveillanceDemands',
  write_off: 'writeOffs',
  open_task: 'tasks',
  wait: 'waiting',
};

export type RunOptions = {
  /** 'system': no run for a date after today. 'manual': any date not before the latest run. */
  clockMode: 'system' | 'manual';
  onProgress?: (done: number, date: CalendarDate) => void;
  batchSize?: number;
};

async function processInvoice(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  date: CalendarDate,
  summary: RunSummary,
) {
  try {
    await stepInvoice(ctx, tenantId, invoiceId, date, summary);
  } catch (error) {
    if (!(error instanceof ReferenceRateUnknownError)) throw error;
    // The rate table ends before this date: refuse to guess. The invoice keeps its next action
    // date (so the run after the table is extended does the step) and the run goes on.
    summary.blocked += 1;
    summary.blockedReasons[error.message] = (summary.blockedReasons[error.message] ?? 0) + 1;
  }
}

async function stepInvoice(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  date: CalendarDate,
  summary: RunSummary,
) {
  await ctx.uow.transaction(async (stores) => {
    const c = await stores.collection.loadCase(tenantId, invoiceId, { lock: 'skip' });
    // Locked by another worker, or already moved on by one: not ours to act on.
    if (
      c === null ||
      c.invoice.status !== 'sent' ||
      c.invoice.nextActionDate === null ||
      c.invoice.nextActionDate > date
    )
      return;
    const [tenant, policy, registeredAddress] = await Promise.all([
      stores.tenants.get(tenantId),
      stores.collection.policy(tenantId),
      registeredAddressOf(ctx, c),
    ]);
    if (tenant === null) throw new Error(`tenant ${tenantId} vanished`);
    const decision = decideNextStep(toSnapshot(c, registeredAddress !== null), policy, date);
    const { taken } = await applyDecision(
      { ctx, stores, tenant, policy, runDate: date, c, registeredAddress },
      decision,
    );
    const counter = COUNTERS[decision.kind];
    if (counter !== undefined && (taken || decision.kind === 'wait'))
      (summary[counter] as number) += 1;
    if (decision.kind === 'apply_after_demand')
      summary[decision.action === 'payment_order' ? 'paymentOrders' : 'surveillance'] += 1;
  });
}

async function runTenantDay(
  ctx: AppContext,
  tenantId: string,
  date: CalendarDate,
  summary: RunSummary,
  options: RunOptions,
) {
  const seen = new Set<string>();
  let steps = 0;
  for (;;) {
    const ids = (
      await ctx.uow.read.collection.dueInvoiceIds(tenantId, date, options.batchSize ?? 500)
    ).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    for (const id of ids) {
      seen.add(id);
      await processInvoice(ctx, tenantId, id, date, summary);
      steps += 1;
      options.onProgress?.(steps, date);
    }
  }
  await ctx.uow.transaction((s) =>
    s.collection.completeDay(tenantId, date, steps, ctx.clock.now()),
  );
}

async function firstDayOf(
  ctx: AppContext,
  tenantId: string,
  date: CalendarDate,
): Promise<CalendarDate> {
  const tenant = await ctx.uow.read.tenants.get(tenantId);
  const created = tenant === null ? date : (tenant.createdAt.slice(0, 10) as CalendarDate);
  return created < date ? created : date;
}

export async function runCollection(
  ctx: AppContext,
  date: CalendarDate,
  options: RunOptions,
): Promise<Result<RunSummary, UseCaseError>> {
  const latest = await ctx.uow.read.collection.latestRunDate();
  if (latest !== null && date < latest) {
    return err(
      useCaseError(
        'conflict',
        `a run for ${latest} has already been made; runs cannot go back to ${date}`,
      ),
    );
  }
  if (options.clockMode === 'system' && date > ctx.clock.today()) {
    return err(
      useCaseError('invalid_input', `${date} is in the future (today is ${ctx.clock.today()})`, [
        {
          path: 'date',
          code: 'date_in_future',
          message: 'runs for future dates need RESKONTRA_CLOCK=manual',
        },
      ]),
    );
  }
  await ctx.uow.transaction((s) => s.collection.advanceLatestRunDate(date));
  const summary: RunSummary = {
    date,
    days: 0,
    notices: 0,
    reminders: 0,
    collectionDemands: 0,
    decisionsDue: 0,
    paymentOrders: 0,
    surveillance: 0,
    surveillanceDemands: 0,
    writeOffs: 0,
    tasks: 0,
    waiting: 0,
    blocked: 0,
    blockedReasons: {},
  };
  const days = new Set<string>();
  for (const tenantId of await ctx.uow.read.collection.tenantIds()) {
    const last = await ctx.uow.read.collection.lastCompletedDay(tenantId);
    // Every day not yet run, in order: from the day after the last completed one, or for a new
    // client from the (UTC) day it was created — at worst one empty day early.
    const first = last === null ? await firstDayOf(ctx, tenantId, date) : addDays(last, 1);
    for (let day = first; day <= date; day = addDays(day, 1)) {
      await runTenantDay(ctx, tenantId, day, summary, options);
      days.add(day);
    }
  }
  summary.days = days.size;
  return ok(summary);
}
