/**
 * Embedded PostgreSQL (PGlite), the default database. int8 comes back as bigint and date as
 * 'YYYY-MM-DD' text: PGlite's defaults (number / Date) would lose precision or shift days.
 */
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Row, Sql } from '../../application/ports.ts';

const parsers = {
  [types.INT8]: (text: string) => BigInt(text),
  [types.DATE]: (text: string) => text,
  [types.NUMERIC]: (text: string) => text,
};

export type PgliteOptions = {
  /** A folder to keep the data in; omit for in-memory. */
  dataDir?: string;
  /** A tarball from dumpDataDir to start from (tests clone a migrated database this way). */
  loadDataDir?: Blob;
};

export async function openPglite(options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const pg = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
    parsers,
  });
  return new PgliteDatabase(pg);
}

export class PgliteDatabase implements Database {
  readonly driver = 'pglite' as const;
  constructor(readonly pg: PGlite) {}

  async query<T extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.pg.query<T>(text, params as unknown[]);
    return result.rows;
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (tx) =>
      fn({
        query: async <R extends Row = Row>(text: string, params: readonly unknown[] = []) =>
          (await tx.query<R>(text, params as unknown[])).rows,
      }),
    );
  }

  /** A tarball of the whole database, to clone it cheaply (tests). */
  async dump(): Promise<Blob> {
    return await this.pg.dumpDataDir('none');
  }

  async close(): Promise<void> {
    await this.pg.close();
  }
}
