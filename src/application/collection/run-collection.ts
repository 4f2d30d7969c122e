/**
 * The daily collection run: for every client, every day not yet run up to the asked date, in
 * order, each invoice whose next action date has come gets the engine's decision applied. The
 * day's due invoices (an index on (tenant_id, next_action_date), so the cost follows the day's
 * work, not the number of open invoices) go in batches, one transaction each: the batch's rows
 * are locked with SKIP LOCKED, so two workers never act on one invoice, and every invoice's step
 * commits whole or not at all. A batch that fails is retried invoice by invoice, so one bad
 * invoice cannot hold back the rest. Re-running a finished date finds nothing due.
 */
import { addDays, type CalendarDate } from '../../domain/calendar-date.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import {
  addCounts,
  countBlocked,
  emptyCounts,
  stepBatch,
  type RunCounts,
  type RunSettings,
} from './run-batch.ts';

export type RunSummary = {
  date: CalendarDate;
  days: number;
} & RunCounts;

export type RunOptions = {
  /** 'system': no run for a date after today. 'manual': any date not before the latest run. */
  clockMode: 'system' | 'manual';
  /** After each batch: invoices handled so far in this run, and the day the batch was for. */
  onProgress?: (done: number, date: CalendarDate) => void;
  /** Invoices per transaction (default 1000). */
  batchSize?: number;
  /**
   * Batches in flight at once (default 2), each on its own connection: one is decided in memory
   * while the database writes the other. Every invoice is still in exactly one batch.
   */
  concurrency?: number;
};

const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_CONCURRENCY = 2;

/** One batch in its own transaction; on failure, each of its invoices alone. */
async function runBatch(
  ctx: AppContext,
  settings: RunSettings,
  ids: readonly string[],
  date: CalendarDate,
  summary: RunSummary,
): Promise<number> {
  const counts = emptyCounts();
  try {
    const n = await ctx.uow.transaction((stores) =>
      stepBatch(ctx, stores, settings, ids, date, counts),
    );
    addCounts(summary, counts);
    return n;
  } catch (error) {
    if (ids.length > 1) {
      let n = 0;
      for (const id of ids) n += await runBatch(ctx, settings, [id], date, summary);
      return n;
    }
    // This invoice alone fails: it keeps its next action date, so a later run tries it again.
    countBlocked(summary, `failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** The client and its current policy, read once per day's run and only if something is due. */
async function settingsOf(ctx: AppContext, tenantId: string): Promise<RunSettings> {
  const [tenant, policy] = await Promise.all([
    ctx.uow.read.tenants.get(tenantId),
    ctx.uow.read.collection.policy(tenantId),
  ]);
  if (tenant === null) throw new Error(`tenant ${tenantId} vanished`);
  return { tenant, policy };
}

/** At most `n` tasks at a time; the rest wait their turn in order. */
function limiter(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === undefined) free += 1;
      else next();
    }
  };
}

type Run = {
  ctx: AppContext;
  summary: RunSummary;
  options: RunOptions;
  /** Batches in flight across all clients. */
  slot: ReturnType<typeof limiter>;
  done: number;
};

async function runTenantDay(run: Run, tenantId: string, date: CalendarDate) {
  const { ctx, options } = run;
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const lanes = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  let settings: Promise<RunSettings> | undefined;
  const seen = new Set<string>();
  let steps = 0;
  // Invoices that become due while the day runs (a card completed, a dispute resolved) are
  // found by the next read; those still due after their turn (blocked) are not tried again.
  for (;;) {
    const ids = (await ctx.uow.read.collection.allDueInvoiceIds(tenantId, date)).filter(
      (id) => !seen.has(id),
    );
    if (ids.length === 0) break;
    for (const id of ids) seen.add(id);
    let next = 0;
    const lane = async () => {
      for (let i = next; i < ids.length; i = next) {
        next = i + size;
        settings ??= settingsOf(ctx, tenantId);
        const batch = ids.slice(i, i + size);
        const n = await run.slot(async () =>
          runBatch(ctx, await settings!, batch, date, run.summary),
        );
        steps += n;
        run.done += n;
        options.onProgress?.(run.done, date);
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  }
  await ctx.uow.transaction((s) =>
    s.collection.completeDay(tenantId, date, steps, ctx.clock.now()),
  );
}

/** Every day not yet run for the client, in order, up to `date`. */
async function runTenant(run: Run, tenantId: string, date: CalendarDate, days: Set<string>) {
  const { ctx } = run;
  const last = await ctx.uow.read.collection.lastCompletedDay(tenantId);
  // From the day after the last completed one, or for a new client from the (UTC) day it was
  // created — at worst one empty day early.
  const first = last === null ? await firstDayOf(ctx, tenantId, date) : addDays(last, 1);
  for (let day = first; day <= date; day = addDays(day, 1)) {
    await runTenantDay(run, tenantId, day);
    days.add(day);
  }
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
  const summary: RunSummary = { date, days: 0, ...emptyCounts() };
  const days = new Set<string>();
  const lanes = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const run: Run = { ctx, summary, options, slot: limiter(lanes), done: 0 };
  // Clients are independent: as many run side by side as batches may be in flight, so one
  // client's last batch does not leave the other lane idle. Each client's days stay in order.
  const tenants = await ctx.uow.read.collection.tenantIds();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tenants.length; i = next++)
      await runTenant(run, tenants[i]!, date, days);
  };
  await Promise.all(Array.from({ length: lanes }, worker));
  summary.days = days.size;
  return ok(summary);
}
