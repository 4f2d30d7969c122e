/**
 * What the development profilers (collection-profile.ts, payments-profile.ts) share: their
 * `--name=value` flags and the CPU time of the database's backends, read from /proc (so the
 * server must be local). CPU figures are far less disturbed by other work than wall times.
 */
import { readFileSync } from 'node:fs';
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';

/** `--name=value` (or `--name`, meaning 'true') arguments of this process. */
export const profileFlags = (): Map<string, string> =>
  new Map(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=');
      return [k!, v ?? 'true'] as const;
    }),
  );

/** utime + stime of a process in ms (clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU ms so far of every backend connected to the database, by pid. */
export async function backendCpu(db: PgDatabase): Promise<Map<number, number>> {
  const rows = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return new Map(rows.map((r) => [r.pid, cpuOf(r.pid)]));
}

/** The backends' CPU ms between two readings of backendCpu. */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}
