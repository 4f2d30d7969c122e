/**
 * Composition root: reads the environment, opens the database (embedded PGlite or a PostgreSQL
 * server), migrates it, and wires adapters into the application context.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AppContext, OperatorProfile } from '../application/context.ts';
import type { Clock, Database } from '../application/ports.ts';
import { ManualClock } from '../adapters/clock/manual-clock.ts';
import { SystemClock } from '../adapters/clock/system-clock.ts';
import { migrate } from '../adapters/db/migrate.ts';
import { PgDatabase } from '../adapters/db/pg-database.ts';
import { openPglite } from '../adapters/db/pglite-database.ts';
import { sqlUnitOfWork } from '../adapters/db/unit-of-work.ts';
import { randomIds, Sha256KeyHasher } from '../adapters/security/key-hasher.ts';

export const DEMO_OPERATOR: OperatorProfile = {
  name: 'Reskontra Demo AB',
  organisationNumber: '5599000006',
  bankgiro: '50501055',
  email: 'inkasso@reskontra.example',
  address: { street: 'Box 100', postalCode: '111 20', city: 'Stockholm', country: 'SE' },
  licenceText: 'Demo installation: no collection licence from Finansinspektionen',
};

export function readOperatorProfile(env: NodeJS.ProcessEnv = process.env): OperatorProfile {
  const [street, postalCode, city] = (env.RESKONTRA_OPERATOR_ADDRESS ?? '')
    .split(';')
    .map((p) => p.trim());
  return {
    name: env.RESKONTRA_OPERATOR_NAME ?? DEMO_OPERATOR.name,
    organisationNumber: (env.RESKONTRA_OPERATOR_ORGNR ?? DEMO_OPERATOR.organisationNumber).replace(
      /\D/g,
      '',
    ),
    bankgiro: (env.RESKONTRA_BANKGIRO ?? DEMO_OPERATOR.bankgiro).replace(/\D/g, ''),
    email: env.RESKONTRA_OPERATOR_EMAIL ?? DEMO_OPERATOR.email,
    address:
      street && postalCode && city
        ? { street, postalCode, city, country: 'SE' }
        : DEMO_OPERATOR.address,
    licenceText:
      env.RESKONTRA_OPERATOR_LICENCE ??
      (env.RESKONTRA_OPERATOR_NAME ? undefined : DEMO_OPERATOR.licenceText),
  };
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  clock: 'system' | 'manual';
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clock = env.RESKONTRA_CLOCK ?? 'system';
  if (clock !== 'system' && clock !== 'manual') {
    throw new Error(`RESKONTRA_CLOCK must be 'system' or 'manual', not '${clock}'`);
  }
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is not a port: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.RESKONTRA_DATA ?? './data'),
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
    adminToken: env.RESKONTRA_ADMIN_TOKEN === '' ? undefined : env.RESKONTRA_ADMIN_TOKEN,
    clock,
  };
}

export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl !== undefined)
    return new PgDatabase({ connectionString: config.databaseUrl });
  await mkdir(config.dataDir, { recursive: true });
  return openPglite({ dataDir: resolve(config.dataDir, 'pglite') });
}

export type Composed = { db: Database; ctx: AppContext; clock: Clock };

export async function compose(config: Config): Promise<Composed> {
  const db = await openDatabase(config);
  await migrate(db);
  const clock =
    config.clock === 'manual' ? new ManualClock(new SystemClock().today()) : new SystemClock();
  const ctx: AppContext = {
    uow: sqlUnitOfWork(db),
    clock,
    ids: randomIds,
    keys: new Sha256KeyHasher(),
    operator: readOperatorProfile(),
  };
  return { db, ctx, clock };
}
