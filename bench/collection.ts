/**
 * The collection benchmark: the daily run (runCollection, manual clock) over N open invoices of
 * which D have a step due, against the raw-SQL baseline on a twin set, at 1× and 10× open
 * invoices with the same due count. Each phase has its own schema, dropped afterwards.
 */
import { ManualClock } from '../src/adapters/clock/manual-clock.ts';
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';
import { sqlUnitOfWork } from '../src/adapters/db/unit-of-work.ts';
import { randomIds, Sha256KeyHasher } from '../src/adapters/security/key-hasher.ts';
import {
  DEFAULT_CONCURRENCY,
  runCollection,
  type RunSummary,
} from '../src/application/collection/run-collection.ts';
import type { AppContext } from '../src/application/context.ts';
import { DEMO_OPERATOR } from '../src/cli/compose.ts';
import { calendarDate } from '../src/domain/calendar-date.ts';
import { freshSchema } from './bench-db.ts';
import { runBaseline } from './collection-baseline.ts';
import { seedCollection } from './collection-seed.ts';
import { count, median, megabytes, ratio, seconds, timed } from './measure.ts';
import { printTable, type Row } from './table.ts';

export type CollectionOptions = {
  url: string;
  /** Open invoices at 1× (the issue: 1,000,000). */
  invoices: number;
  /** Invoices with a step due on each run date (the issue: 100,000). */
  due: number;
  tenants: number;
  /** Runs per phase; the table shows medians. */
  repeat: number;
  /** Also measure 10× open invoices with the same due count. */
  tenfold: boolean;
  /** The 10× pair's size as a fraction of invoices/due (1: 1M vs 10M at the issue's scale). */
  tenfoldScale: number;
  batchSize?: number;
  /** Batches in flight (runCollection's concurrency); its default if unset. */
  lanes?: number;
  log: (line: string) => void;
};

/** Bank days in the first half of 2026 (the last half-year with a published reference rate). */
const RUN_DATES = ['2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'];

type Rep = { runMs: number; baselineMs: number; peakRss: number; summary: RunSummary };

type Phase = { invoices: number; reps: Rep[]; seedMs: number; rows: string[] };

const ROW_COUNTS = `
WITH d AS (SELECT $1::date AS d)
SELECT t, coalesce(i.our_reference, 'run') AS who, count(*)::int AS n FROM (
  SELECT 'collection_step' AS t, x.tenant_id, x.invoice_id FROM collection_step x, d WHERE x.run_date = d.d
  UNION ALL SELECT 'journal_entry', x.tenant_id, x.invoice_id FROM journal_entry x, d
             WHERE x.booking_date = d.d AND x.code <> 'invoice_issued'
  UNION ALL SELECT 'posting', x.tenant_id, x.invoice_id FROM posting p JOIN journal_entry x USING (tenant_id, entry_id), d
             WHERE x.booking_date = d.d AND x.code <> 'invoice_issued'
  UNION ALL SELECT 'document', x.tenant_id, x.invoice_id FROM document x, d WHERE x.document_date = d.d
  UNION ALL SELECT 'outbox_message', x.tenant_id, x.invoice_id FROM outbox_message o
             JOIN document x USING (tenant_id, document_id), d WHERE x.document_date = d.d
  UNION ALL SELECT 'invoice_event', x.tenant_id, x.invoice_id FROM invoice_event x, d
             WHERE x.event_date = d.d AND x.type <> 'sent'
  UNION ALL SELECT 'task', x.tenant_id, x.invoice_id FROM task x, d WHERE x.created_at >= d.d) rows
JOIN invoice i USING (tenant_id, invoice_id) GROUP BY 1, 2 ORDER BY 1, 2`;

/** CHECKPOINT needs a superuser (or pg_checkpoint); without one the runs just go on. */
async function checkpoint(db: PgDatabase) {
  await db.query('CHECKPOINT').catch(() => undefined);
}

function contextFor(db: PgDatabase, date: string): { ctx: AppContext; clock: ManualClock } {
  const clock = new ManualClock(calendarDate(date));
  const ctx: AppContext = {
    uow: sqlUnitOfWork(db),
    clock,
    ids: randomIds,
    keys: new Sha256KeyHasher(),
    operator: DEMO_OPERATOR,
  };
  return { ctx, clock };
}

/** Rows written for the run's set and the baseline's on the first date: they must agree. */
async function rowCounts(db: PgDatabase, date: string): Promise<string[]> {
  const rows = await db.query<{ t: string; who: string; n: number }>(ROW_COUNTS, [date]);
  const by = new Map<string, Record<string, number>>();
  for (const r of rows) by.set(r.t, { ...by.get(r.t), [r.who]: r.n });
  return [...by].map(
    ([t, n]) => `${t}: run ${count(n.run ?? 0)}, baseline ${count(n.baseline ?? 0)}`,
  );
}

async function phase(o: CollectionOptions, invoices: number, label: string): Promise<Phase> {
  const schema = await freshSchema(o.url, label, 4);
  try {
    const dates = RUN_DATES.slice(0, o.repeat);
    const seed = await timed(() =>
      seedCollection(
        schema.db,
        { invoices, tenants: o.tenants, duePerRun: o.due, runDates: dates, history: true },
        o.log,
      ),
    );
    o.log(`  ${label}: seeded ${count(invoices)} open invoices in ${seconds(seed.millis)}`);
    const reps: Rep[] = [];
    let rows: string[] = [];
    for (const date of dates) {
      // Each measurement starts right after a checkpoint, so none pays for the one before it.
      await checkpoint(schema.db);
      const baselineMs = await runBaseline(schema.db, date);
      await checkpoint(schema.db);
      const { ctx } = contextFor(schema.db, date);
      const run = await timed(() =>
        runCollection(ctx, calendarDate(date), {
          clockMode: 'manual',
          ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
          ...(o.lanes === undefined ? {} : { concurrency: o.lanes }),
        }),
      );
      if (!run.value.ok) throw new Error(`run refused: ${run.value.error.detail}`);
      const summary = run.value.value;
      reps.push({ runMs: run.millis, baselineMs, peakRss: run.peakRssBytes, summary });
      o.log(
        `  ${label} ${date}: run ${seconds(run.millis)} (RSS ${megabytes(run.startRssBytes)} before, ` +
          `peak ${megabytes(run.peakRssBytes)}), ` +
          `baseline ${seconds(baselineMs)}; ${summary.notices} notices, ${summary.reminders} reminders, ` +
          `${summary.collectionDemands} demands, ${summary.decisionsDue} decisions, ${summary.tasks} tasks, ` +
          `${summary.waiting} waiting, ${summary.blocked} blocked`,
      );
      if (rows.length === 0) rows = await rowCounts(schema.db, date);
    }
    return { invoices, reps, seedMs: seed.millis, rows };
  } finally {
    await schema.drop();
  }
}

const describe = (s: RunSummary) =>
  `${count(s.notices)} notices, ${count(s.reminders)} reminders, ${count(s.collectionDemands)} demands, ` +
  `${count(s.decisionsDue)} decisions due, ${count(s.tasks)} tasks`;

const stepsOf = (s: RunSummary) =>
  s.notices + s.reminders + s.collectionDemands + s.decisionsDue + s.tasks + s.waiting + s.blocked;

const medianOf = (p: Phase, key: 'runMs' | 'baselineMs') => median(p.reps.map((r) => r[key]));

/** The 10× check: the same due count over 10× the open invoices (scaled by tenfoldScale). */
async function tenfold(
  o: CollectionOptions,
  main: Phase,
): Promise<{ rows: Row[]; notes: string[] }> {
  const due = Math.round(o.due * o.tenfoldScale);
  const small =
    o.tenfoldScale === 1
      ? main
      : await phase({ ...o, due }, Math.round(o.invoices * o.tenfoldScale), '1x_pair');
  const big = await phase({ ...o, due }, small.invoices * 10, '10x');
  const [r1, r10] = [medianOf(small, 'runMs'), medianOf(big, 'runMs')];
  const [b1, b10] = [medianOf(small, 'baselineMs'), medianOf(big, 'baselineMs')];
  const rows: Row[] = [
    ...(small === main
      ? []
      : [
          {
            measure: `run, ${count(small.invoices)} open / ${count(due)} due`,
            figure: seconds(r1),
            target: '(1× of the pair)',
            baseline: seconds(b1),
            ratio: ratio(r1 / b1),
            ok: null,
          },
        ]),
    {
      measure: `run, ${count(big.invoices)} open / ${count(due)} due`,
      figure: seconds(r10),
      target: '≤ 1.3× the 1× run',
      baseline: seconds(b10),
      ratio: ratio(r10 / b10),
      ok: r10 <= 1.3 * r1,
    },
    {
      measure: '10× open ÷ 1× open, same due count',
      figure: ratio(r10 / r1),
      target: '≤ 1.30×',
      baseline: ratio(b10 / b1),
      ratio: '–',
      ok: r10 <= 1.3 * r1,
    },
  ];
  const notes = [
    `seeding (not measured): ${[small, big].map((p) => `${count(p.invoices)} in ${seconds(p.seedMs)}`).join(', ')}`,
    ...(o.tenfoldScale === 1
      ? []
      : [
          `the 10× pair is scaled to ${o.tenfoldScale} of the issue's size (BENCH_TENFOLD_SCALE) to keep ` +
            `the whole benchmark near 10 minutes; BENCH_TENFOLD_SCALE=1 compares 10,000,000 with 1,000,000`,
        ]),
  ];
  return { rows, notes };
}

export async function benchCollection(o: CollectionOptions): Promise<void> {
  const one = await phase(o, o.invoices, '1x');
  const pair = o.tenfold ? await tenfold(o, one) : null;
  const run1 = medianOf(one, 'runMs');
  const base1 = medianOf(one, 'baselineMs');
  const rss = Math.max(...one.reps.map((r) => r.peakRss));
  const rows: Row[] = [
    {
      measure: `run, ${count(one.invoices)} open / ${count(o.due)} due`,
      figure: seconds(run1),
      target: '≤ 20 s, ≤ 3× baseline',
      baseline: seconds(base1),
      ratio: ratio(run1 / base1),
      ok: run1 <= 20_000 && run1 <= 3 * base1,
    },
    {
      measure: 'peak RSS during that run',
      figure: megabytes(rss),
      target: '≤ 400 MB',
      baseline: '–',
      ratio: '–',
      ok: rss <= 400 * 1_048_576,
    },
    ...(pair?.rows ?? []),
  ];
  const steps = one.reps[0] === undefined ? 0 : stepsOf(one.reps[0].summary);
  printTable('collection: daily run (PostgreSQL)', rows, [
    `medians of ${o.repeat} run(s) per size, each after a CHECKPOINT; ${o.tenants} tenants; ` +
      `${count(steps)} invoices acted on per run (${one.reps.map((r) => describe(r.summary)).at(0) ?? ''}); ` +
      `batches of ${o.batchSize ?? 1000}, ${o.lanes ?? DEFAULT_CONCURRENCY} in flight`,
    `rows written on the first date (run set vs baseline twin set): ${one.rows.join('; ')}`,
    `seeding (not measured): ${count(one.invoices)} in ${seconds(one.seedMs)}`,
    ...(pair?.notes ?? ['10× open invoices: not run (BENCH_TENFOLD=0)']),
  ]);
}
