/**
 * Where the BgMax import's time goes, for development (not part of `npm run bench`): seeds once,
 * then per repeat imports a fresh file of the benchmark's kind and measures the import's wall
 * time, this process's CPU, the CPU of the database's backends (read from /proc, so the server
 * must be local), the time of each kind of statement, and the time the database sat idle waiting
 * for Node before each kind of statement; then the raw-SQL baseline's wall and CPU time. CPU
 * figures are far less disturbed by other work on the machine than wall times.
 *
 *   node --import tsx bench/payments-profile.ts [--scale=0.1] [--repeat=3] [--chunk=5000] [--write=1000]
 *   (add node --cpu-prof --cpu-prof-dir=… for a Node profile)
 */
import { ManualClock } from '../src/adapters/clock/manual-clock.ts';
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';
import { sqlUnitOfWork } from '../src/adapters/db/unit-of-work.ts';
import { randomIds, Sha256KeyHasher } from '../src/adapters/security/key-hasher.ts';
import { importBankFile } from '../src/application/payments/import-bank-file.ts';
import { OPERATOR_SCOPE } from '../src/application/payments/payment-store.ts';
import type { Database, Sql } from '../src/application/ports.ts';
import { DEMO_OPERATOR } from '../src/cli/compose.ts';
import { calendarDate } from '../src/domain/calendar-date.ts';
import { freshSchema, openServer } from './bench-db.ts';
import { backendCpu, cpuSince, profileFlags } from './profile-support.ts';
import { seedCollection } from './collection-seed.ts';
import { baseline, bgmaxFor, PAYMENT_DATE, targets } from './payments.ts';

const flags = profileFlags();
const scale = Number(flags.get('scale') ?? 0.1);
const repeat = Number(flags.get('repeat') ?? 3);
const payments = Math.round(100_000 * scale);
const invoices = Math.max(10 * payments, Math.round(1_000_000 * scale));
const sizes = {
  ...(flags.has('chunk') ? { chunkSize: Number(flags.get('chunk')) } : {}),
  ...(flags.has('write') ? { writeBatch: Number(flags.get('write')) } : {}),
};

type Times = { statements: Map<string, number>; idle: Map<string, number> };

/**
 * The database with each transaction's statements timed by their first words, and the time no
 * statement was running charged to the statement that ended the wait.
 */
function timedDb(db: PgDatabase, times: Times, started: () => number): Database {
  let running = 0;
  let idleSince = 0;
  const add = (map: Map<string, number>, key: string, ms: number) =>
    map.set(key, (map.get(key) ?? 0) + ms);
  const timed = (tx: Sql): Sql => ({
    async query(text, params) {
      const key = text.trim().split('\n')[0]!.slice(0, 60);
      const t0 = performance.now();
      if (running === 0) add(times.idle, key, t0 - Math.max(idleSince, started()));
      running += 1;
      try {
        return await tx.query(text, params);
      } finally {
        running -= 1;
        idleSince = performance.now();
        add(times.statements, key, idleSince - t0);
      }
    },
  });
  return {
    driver: 'postgres',
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction((tx) => fn(timed(tx))),
    close: () => db.close(),
  };
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`  ${title}:`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    console.log(`    ${(ms / 1000).toFixed(2).padStart(7)} s  ${key}`);
  }
};

const server = await openServer(process.env.DATABASE_URL);
const schema = await freshSchema(server.url, 'payprofile', 4);
try {
  const log = (line: string) => console.log(line);
  await seedCollection(
    schema.db,
    { invoices, tenants: 4, duePerRun: 1, runDates: ['2026-06-02'], history: true, validOcr: true },
    log,
  );
  // Every backend of the pool exists before the first CPU reading.
  await Promise.all([1, 2, 3, 4].map(() => schema.db.query('SELECT pg_sleep(0.05)')));
  for (let rep = 0; rep < repeat; rep += 1) {
    const [mine, twin] = await targets(schema.db, payments);
    const bytes = bgmaxFor(mine, 1 + rep * payments);
    await schema.db.query('CHECKPOINT').catch(() => undefined);
    let before = await backendCpu(schema.db);
    const baseMs = await baseline(schema.db, twin, rep);
    const baseCpu = cpuSince(before, await backendCpu(schema.db));
    await schema.db.query('CHECKPOINT').catch(() => undefined);
    const times: Times = { statements: new Map(), idle: new Map() };
    let t0 = 0;
    const ctx = {
      uow: sqlUnitOfWork(timedDb(schema.db, times, () => t0)),
      clock: new ManualClock(calendarDate(PAYMENT_DATE)),
      ids: randomIds,
      keys: new Sha256KeyHasher(),
      operator: DEMO_OPERATOR,
    };
    before = await backendCpu(schema.db);
    const node0 = process.cpuUsage();
    const peak = { rss: 0, heap: 0 };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heap = Math.max(peak.heap, m.heapUsed);
    }, 20);
    t0 = performance.now();
    const result = await importBankFile(ctx, OPERATOR_SCOPE, bytes, 'text/plain', sizes);
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const node = process.cpuUsage(node0);
    const pgCpu = cpuSince(before, await backendCpu(schema.db));
    if (!result.ok) throw new Error(result.error.detail);
    console.log(
      `import ${payments} payments: ${(ms / 1000).toFixed(2)} s wall, database CPU ` +
        `${(pgCpu / 1000).toFixed(2)} s, Node CPU ${((node.user + node.system) / 1e6).toFixed(2)} s ` +
        `(matched ${result.value.matched}); baseline ${(baseMs / 1000).toFixed(2)} s wall, ` +
        `database CPU ${(baseCpu / 1000).toFixed(2)} s; peak RSS ${Math.round(peak.rss / 2 ** 20)} MB, ` +
        `peak heap used ${Math.round(peak.heap / 2 ** 20)} MB`,
    );
    print('statements', times.statements);
    print('database idle before', times.idle);
  }
} finally {
  await schema.drop();
  await server.drop();
}
