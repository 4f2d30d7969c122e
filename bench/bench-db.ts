/**
 * The benchmark's PostgreSQL: DATABASE_URL if given, else a fresh database on the local server
 * (created here, dropped at the end). Each benchmark phase gets its own migrated schema.
 */
import { randomBytes } from 'node:crypto';
import { migrate } from '../src/adapters/db/migrate.ts';
import { PgDatabase } from '../src/adapters/db/pg-database.ts';

export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchServer = { url: string; created: string | null; drop(): Promise<void> };

export async function openServer(databaseUrl: string | undefined): Promise<BenchServer> {
  if (databaseUrl !== undefined && databaseUrl !== '')
    return { url: databaseUrl, created: null, drop: async () => undefined };
  const name = `reskontra_bench_${randomBytes(4).toString('hex')}`;
  const admin = new PgDatabase({ connectionString: LOCAL_SERVER, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = LOCAL_SERVER.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    created: name,
    async drop() {
      const a = new PgDatabase({ connectionString: LOCAL_SERVER, max: 1 });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

export type BenchSchema = { db: PgDatabase; schema: string; drop(): Promise<void> };

/** A new schema with every migration applied; `max` connections for the code under test. */
export async function freshSchema(url: string, label: string, max = 4): Promise<BenchSchema> {
  const schema = `bench_${label}_${randomBytes(3).toString('hex')}`;
  const admin = new PgDatabase({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = new PgDatabase({ connectionString: url, schema, max });
  await migrate(db);
  return {
    db,
    schema,
    async drop() {
      await db.close();
      const a = new PgDatabase({ connectionString: url, max: 1 });
      await a.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    },
  };
}

/** "PostgreSQL 15.x" of the server behind `url`. */
export async function serverVersion(url: string): Promise<string> {
  const db = new PgDatabase({ connectionString: url, max: 1 });
  try {
    const rows = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${rows[0]!.v}`;
  } finally {
    await db.close();
  }
}

/**
 * A UUIDv7 made in SQL (48 bits of milliseconds, version 7, random bits), so that the baselines
 * write keys in time order as the application does (src/adapters/security/uuid-v7.ts).
 */
export const UUID_V7_SQL = `(lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::int8), 12, '0')
  || '7' || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;
