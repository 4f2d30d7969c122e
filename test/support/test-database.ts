/**
 * A fresh, migrated database for one test file: a clone of the migrated PGlite snapshot, or,
 * when DATABASE_URL is set, a new schema on that PostgreSQL server (dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { Database } from '../../src/application/ports.ts';
import { migrate } from '../../src/adapters/db/migrate.ts';
import { PgDatabase } from '../../src/adapters/db/pg-database.ts';
import { openPglite } from '../../src/adapters/db/pglite-database.ts';

export type TestDatabase = { db: Database; drop(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new PgDatabase({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const db = new PgDatabase({ connectionString: url, schema, max: 8 });
    await migrate(db);
    return {
      db,
      async drop() {
        await db.close();
        const cleanup = new PgDatabase({ connectionString: url, max: 1 });
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
        await cleanup.close();
      },
    };
  }
  const snapshot = inject('pgliteSnapshot');
  const db = snapshot
    ? await openPglite({ loadDataDir: new Blob([await readFile(snapshot)]) })
    : await openPglite();
  if (!snapshot) await migrate(db);
  return { db, drop: () => db.close() };
}
