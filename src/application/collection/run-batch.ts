/**
 * One batch of the daily run, in one transaction: lock the batch's due invoices (SKIP LOCKED) and
 * load their cases in a few queries, decide each in memory, record the steps (never twice), and
 * write every row the steps change in one statement. Counts go to a tally that the
 * caller adds to the run's summary only once the batch has committed.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Decision, DecisionKind } from '../../domain/collection/decision.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import { decideNextStep } from '../../domain/collection/engine.ts';
import {
  ReferenceRateUnknownError,
  type ReferenceRates,
} from '../../domain/interest/reference-rate.ts';
import { accountsFor } from '../accounts.ts';
import type { AppContext } from '../context.ts';
import type { TenantRecord } from '../records.ts';
import { referenceRatesIn } from '../reference-rates.ts';
import type { Stores } from '../stores.ts';
import { planDecision, stepName, type StepWrites } from './apply-decision.ts';
import { registeredAddressOf, toSnapshot } from './case-snapshot.ts';
import type { CaseRecord } from './collection-store.ts';

/** The run's counters: what was done, what waits, and what could not be done and why. */
export type RunCounts = {
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

export const emptyCounts = (): RunCounts => ({
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
});

export function addCounts(into: RunCounts, from: RunCounts): void {
  for (const key of Object.keys(from) as (keyof RunCounts)[]) {
    if (key === 'blockedReasons') {
      for (const [reason, n] of Object.entries(from.blockedReasons))
        into.blockedReasons[reason] = (into.blockedReasons[reason] ?? 0) + n;
    } else into[key] += from[key];
  }
}

export function countBlocked(counts: RunCounts, reason: string): void {
  counts.blocked += 1;
  counts.blockedReasons[reason] = (counts.blockedReasons[reason] ?? 0) + 1;
}

const COUNTERS: Partial<Record<DecisionKind, Exclude<keyof RunCounts, 'blockedReasons'>>> = {
  send_notice: 'notices',
  send_reminder: 'reminders',
  send_collection_demand: 'collectionDemands',
  await_decision: 'decisionsDue',
  send_surveillance_demand: 'surveillanceDemands',
  write_off: 'writeOffs',
  open_task: 'tasks',
  wait: 'waiting',
};

function count(counts: RunCounts, d: Decision, taken: boolean) {
  const counter = COUNTERS[d.kind];
  if (counter !== undefined && (taken || d.kind === 'wait')) counts[counter] += 1;
  if (d.kind === 'apply_after_demand')
    counts[d.action === 'payment_order' ? 'paymentOrders' : 'surveillance'] += 1;
}

type Decided = {
  c: CaseRecord;
  d: Decision;
  address: Awaited<ReturnType<typeof registeredAddressOf>>;
  step: string | null;
  now: string;
};

function decideAll(
  ctx: AppContext,
  cases: readonly CaseRecord[],
  addresses: readonly Decided['address'][],
  policy: CollectionPolicy,
  date: CalendarDate,
  counts: RunCounts,
  rates: ReferenceRates,
): Decided[] {
  const decided: Decided[] = [];
  cases.forEach((c, i) => {
    const address = addresses[i] ?? null;
    let d: Decision;
    try {
      d = decideNextStep(toSnapshot(c, address !== null), policy, date, rates);
    } catch (error) {
      if (!(error instanceof ReferenceRateUnknownError)) throw error;
      // The rate table ends before this date: refuse to guess. The invoice keeps its next action
      // date (so the first run after the operator publishes the rate does the step) and the run
      // goes on; the reason is the error's code, which the docs tell the operator how to clear.
      countBlocked(counts, error.code);
      return;
    }
    decided.push({ c, d, address, step: stepName(d, c), now: ctx.clock.now() });
  });
  return decided;
}

/** The batch's writes merged by kind of row, written in one statement. */
async function writeAll(stores: Stores, tenantId: string, writes: readonly StepWrites[]) {
  await stores.collection.writeSteps(tenantId, {
    documents: writes.flatMap((w) => w.documents),
    tasks: writes.flatMap((w) => w.tasks),
    updates: writes.map((w) => w.update),
    events: writes.flatMap((w) => w.events),
    entries: writes.flatMap((w) => w.entries),
  });
}

/** The client and its policy as the day's run read them once (policy versions are immutable). */
export type RunSettings = { readonly tenant: TenantRecord; readonly policy: CollectionPolicy };

/**
 * Steps those of `invoiceIds` that are still due and not held by another worker, inside the
 * caller's transaction; returns how many it locked (each one either stepped, waiting or blocked).
 */
export async function stepBatch(
  ctx: AppContext,
  stores: Stores,
  settings: RunSettings,
  invoiceIds: readonly string[],
  date: CalendarDate,
  counts: RunCounts,
): Promise<number> {
  const { tenant, policy } = settings;
  const tenantId = tenant.tenantId;
  const cases = await stores.collection.lockDueCases(tenantId, invoiceIds, date);
  if (cases.length === 0) return 0;
  const addresses = await Promise.all(cases.map((c) => registeredAddressOf(ctx, c)));
  const accounts = accountsFor(tenant);
  // Read in the batch's transaction, shared-locked: a rate correction waits for the bookings.
  const rates = await referenceRatesIn(stores, 'share');
  const decided = decideAll(ctx, cases, addresses, policy, date, counts, rates);
  const withStep = decided.filter((x) => x.step !== null);
  const recorded = await stores.collection.recordSteps(
    tenantId,
    withStep.map((x) => ({ invoiceId: x.c.invoice.invoiceId, step: x.step!, createdAt: x.now })),
    date,
    policy.version,
  );
  const writes: StepWrites[] = [];
  for (const x of decided) {
    // A step an earlier run already recorded is never taken twice: nothing is written.
    const recordedNow = x.step === null || recorded.has(x.c.invoice.invoiceId);
    count(counts, x.d, recordedNow && x.d.kind !== 'wait');
    if (!recordedNow) continue;
    const context = { tenant, policy, accounts, rates, runDate: date, c: x.c, now: x.now };
    writes.push(planDecision({ ctx, ...context, registeredAddress: x.address }, x.d));
  }
  await writeAll(stores, tenantId, writes);
  return cases.length;
}
