/**
 * PostgreSQL server through node-postgres, used when DATABASE_URL is set. The pool gets its own
 * type parsers (int8 → bigint, date → text) instead of changing the pg module's global ones.
 */
import pg from 'pg';
import type { Database, Row, Sql } from '../../application/ports.ts';

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (text: string) => unknown {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === DATE || oid === NUMERIC) return (text: string) => text;
    return pg.types.getTypeParser(oid, format ?? 'text') as (text: string) => unknown;
  },
};

/** node-postgres cannot serialise bigint parameters: send them as text, PostgreSQL casts. */
function toParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'bigint' ? p.toString() : p));
}

export type PgOptions = { connectionString: string; schema?: string; max?: number };

export class PgDatabase implements Database {
  readonly driver = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(options: PgOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      types: typeParsers,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
  }

  async query<T extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(text, toParams(params));
    return result.rows as T[];
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn({
        query: async <R extends Row = Row>(text: string, params: readonly unknown[] = []) =>
          (await client.query(text, toParams(params))).rows as R[],
      });
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
