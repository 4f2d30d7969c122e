/**
 * `npm run bench`: runs the benchmarks and prints one table per benchmark (figure, target, raw
 * baseline measured in the same run, ratio). Options: see usage() below; docs/performance.md.
 */
import os from 'node:os';
import { openServer, serverVersion } from './bench-db.ts';
import { benchCollection } from './collection.ts';
import { benchDocuments } from './documents.ts';
import { benchPayments } from './payments.ts';

const ALL = ['collection', 'documents', 'payments'] as const;
type Name = (typeof ALL)[number];

function usage(): string {
  return `usage: npm run bench -- [collection] [documents] [payments] [--scale=F] [--repeat=N] [--no-tenfold]
  env: DATABASE_URL (else a fresh database on ${'postgres://postgres@127.0.0.1:5432'}, dropped at the end),
       BENCH_SCALE (default 1: the issues' sizes), BENCH_REPEAT (default 3), BENCH_TENFOLD (default 1), BENCH_TENFOLD_SCALE (default 0.5),
       BENCH_TENANTS (default 4), BENCH_BATCH (default 1000), BENCH_LANES (default: the run's own), BENCH_PAYMENTS (default 100000 × scale)`;
}

function parse(argv: readonly string[]) {
  const flags = new Map<string, string>();
  const names: Name[] = [];
  for (const a of argv) {
    if (a === '--help' || a === '-h') {
      console.log(usage());
      process.exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m !== null) flags.set(m[1]!, m[2] ?? 'true');
    else if ((ALL as readonly string[]).includes(a)) names.push(a as Name);
    else throw new Error(`unknown argument ${a}\n${usage()}`);
  }
  const num = (flag: string, env: string, fallback: number) => {
    const v = Number(flags.get(flag) ?? process.env[env] ?? fallback);
    if (!Number.isFinite(v) || v <= 0)
      throw new Error(`--${flag}/${env} must be a positive number`);
    return v;
  };
  return {
    names: names.length === 0 ? [...ALL] : names,
    scale: num('scale', 'BENCH_SCALE', 1),
    repeat: Math.min(4, Math.round(num('repeat', 'BENCH_REPEAT', 3))),
    tenfold: !flags.has('no-tenfold') && process.env.BENCH_TENFOLD !== '0',
    tenfoldScale: Math.min(1, num('tenfold-scale', 'BENCH_TENFOLD_SCALE', 0.5)),
    tenants: Math.round(num('tenants', 'BENCH_TENANTS', 4)),
    batchSize: Math.round(num('batch', 'BENCH_BATCH', 1000)),
    lanes:
      flags.has('lanes') || process.env.BENCH_LANES !== undefined
        ? Math.round(num('lanes', 'BENCH_LANES', 2))
        : undefined,
    payments:
      flags.has('payments') || process.env.BENCH_PAYMENTS !== undefined
        ? Math.round(num('payments', 'BENCH_PAYMENTS', 100_000))
        : undefined,
  };
}

async function main() {
  const o = parse(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  const started = performance.now();
  console.log(
    `Reskontra benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `${os.cpus().length} cores, scale ${o.scale}, ${o.repeat} run(s) per measurement`,
  );
  const server = await openServer(process.env.DATABASE_URL);
  const version = await serverVersion(server.url);
  log(
    `${version}${server.created === null ? '' : ` (database ${server.created}, dropped at the end)`}`,
  );
  try {
    for (const name of o.names) {
      if (name === 'collection')
        await benchCollection({
          url: server.url,
          invoices: Math.round(1_000_000 * o.scale),
          due: Math.round(100_000 * o.scale),
          tenants: o.tenants,
          repeat: o.repeat,
          tenfold: o.tenfold,
          tenfoldScale: o.tenfoldScale,
          batchSize: o.batchSize,
          ...(o.lanes === undefined ? {} : { lanes: o.lanes }),
          log,
        });
      if (name === 'documents')
        await benchDocuments({ url: server.url, scale: o.scale, repeat: o.repeat, log });
      if (name === 'payments')
        await benchPayments({
          url: server.url,
          scale: o.scale,
          repeat: o.repeat,
          log,
          ...(o.payments === undefined ? {} : { payments: o.payments }),
        });
    }
  } finally {
    await server.drop();
  }
  log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
