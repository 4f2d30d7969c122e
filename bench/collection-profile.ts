/**
 * Where the collection run's time goes, for development (not part of `npm run bench`): seeds once,
 * then for each run date measures the run's wall time, this process's CPU, the CPU of the
 * database's backends (read from /proc, so the server must be local) and the time of each kind of
 * statement summed over the lanes; then the same for the raw-SQL baseline. CPU figures are far
 * less disturbed by other work on the machine than wall times.
 *
 *   node --import tsx bench/collection-profile.ts [--scale=0.2] [--repeat=3] [--batch=1000] [--lanes=2]
 *   (add node --cpu-prof --cpu-prof-dir=… for a Node profile)
 */
import { readFileSync } from 'node:fs';
import { ManualClock } from '../src/adapters/clock/manual-clock.ts';
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';
import { sqlUnitOfWork } from '../src/adapters/db/unit-of-work.ts';
import { randomIds, Sha256KeyHasher } from '../src/adapters/security/key-hasher.ts';
import type { Database, Sql } from '../src/application/ports.ts';
import { runCollection } from '../src/application/collection/run-collection.ts';
import { DEMO_OPERATOR } from '../src/cli/compose.ts';
import { calendarDate } from '../src/domain/calendar-date.ts';
import { freshSchema, openServer } from './bench-db.ts';
import { backendCpu, cpuSince, profileFlags } from './profile-support.ts';
import { runBaseline } from './collection-baseline.ts';
import { seedCollection } from './collection-seed.ts';

const flags = profileFlags();
const scale = Number(flags.get('scale') ?? 0.2);
const repeat = Number(flags.get('repeat') ?? 3);
const batchSize = Number(flags.get('batch') ?? 1000);
const lanes = Number(flags.get('lanes') ?? 2);
const DATES = ['2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'].slice(0, repeat);

/** The database with each transaction's statements timed by their first words. */
function timedDb(db: PgDatabase, times: Map<string, number>): Database {
  const key = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^WITH \w+ AS \( /, '')
      .slice(0, 40);
  const wrap = (sql: Sql): Sql => ({
    async query(text, params) {
      const t0 = performance.now();
      try {
        return await sql.query(text, params);
      } finally {
        const k = key(text);
        times.set(k, (times.get(k) ?? 0) + performance.now() - t0);
      }
    },
  });
  return {
    driver: 'postgres',
    query: (text, params) => wrap(db).query(text, params),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const server = await openServer(process.env.DATABASE_URL);
  const schema = await freshSchema(server.url, 'profile', 4);
  try {
    const invoices = Math.round(1_000_000 * scale);
    const due = Math.round(100_000 * scale);
    await seedCollection(
      schema.db,
      { invoices, tenants: 4, duePerRun: due, runDates: DATES, history: true },
      () => undefined,
    );
    for (const date of DATES) {
      await schema.db.query('CHECKPOINT');
      const b0 = await backendCpu(schema.db);
      const bt = performance.now();
      await runBaseline(schema.db, date);
      const baseWall = performance.now() - bt;
      const baseCpu = cpuSince(b0, await backendCpu(schema.db));
      await schema.db.query('CHECKPOINT');
      const times = new Map<string, number>();
      const clock = new ManualClock(calendarDate(date));
      const ctx = {
        uow: sqlUnitOfWork(timedDb(schema.db, times)),
        clock,
        ids: randomIds,
        keys: new Sha256KeyHasher(),
        operator: DEMO_OPERATOR,
      };
      const pg0 = await backendCpu(schema.db);
      const node0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await runCollection(ctx, calendarDate(date), {
        clockMode: 'manual',
        batchSize,
        concurrency: lanes,
      });
      const wall = performance.now() - t0;
      const node = process.cpuUsage(node0);
      const pg = cpuSince(pg0, await backendCpu(schema.db));
      if (!r.ok) throw new Error(r.error.detail);
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      console.log(
        `${date}: run ${s(wall)} (node cpu ${s((node.user + node.system) / 1000)}, pg cpu ${s(pg)}) ` +
          `baseline ${s(baseWall)} (pg cpu ${s(baseCpu)}); load ${load}; ` +
          `${r.value.notices + r.value.reminders + r.value.collectionDemands + r.value.decisionsDue} steps` +
          (r.value.blocked > 0
            ? `, blocked ${JSON.stringify(r.value.blockedReasons).slice(0, 300)}`
            : ''),
      );
      console.log(
        '   ' +
          [...times]
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${s(v)} ${k}`)
            .join('\n   '),
      );
    }
  } finally {
    if (flags.has('keep')) {
      console.log(`kept ${server.url} schema ${schema.schema}`);
      await schema.db.close();
    } else {
      await schema.drop();
      await server.drop();
    }
  }
}

await main();
