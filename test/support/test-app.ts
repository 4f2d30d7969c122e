/**
 * The whole service in-process for integration tests: a fresh database, a manual clock, the
 * Fastify app driven with inject() (no port), and helpers that speak the public API.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/application/context.ts';
import type { Database } from '../../src/application/ports.ts';
import { ManualClock } from '../../src/adapters/clock/manual-clock.ts';
import { sqlUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { randomIds, Sha256KeyHasher } from '../../src/adapters/security/key-hasher.ts';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { buildApp } from '../../src/http/app.ts';
import { DEMO_OPERATOR } from '../../src/cli/compose.ts';
import { deliveryFromEnv } from '../../src/cli/delivery.ts';
import type { DeliveryDeps } from '../../src/application/deliver-outbox.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from './test-database.ts';

export const OPERATOR_TOKEN = 'rk_operator_test_token_0123456789';

export type Json = any;

export type TestApp = {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  ctx: AppContext;
  delivery: DeliveryDeps;
  /** Where the embedded channels drop their files: <outboxDir>/outbox/<channel>/. */
  outboxDir: string;
  request(
    method: string,
    url: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse & { json(): Json }>;
  createTenant(overrides?: Record<string, unknown>): Promise<{ id: string; apiKey: string }>;
  close(): Promise<void>;
};

export async function createTestApp(options: { today?: string } = {}): Promise<TestApp> {
  const { db, drop } = await createTestDatabase();
  const clock = new ManualClock(calendarDate(options.today ?? '2026-03-02'));
  const keys = new Sha256KeyHasher();
  const ctx: AppContext = {
    uow: sqlUnitOfWork(db),
    clock,
    ids: randomIds,
    keys,
    operator: DEMO_OPERATOR,
  };
  const outboxDir = await mkdtemp(join(tmpdir(), 'reskontra-outbox-'));
  const delivery = deliveryFromEnv(outboxDir, {});
  const app = await buildApp({
    ctx,
    delivery,
    operatorTokenHash: keys.hash(OPERATOR_TOKEN),
    collection: { clockMode: 'manual', advanceClock: (date) => clock.set(date) },
  });
  const request: TestApp['request'] = (method, url, opts = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(opts.key === undefined ? {} : { authorization: `Bearer ${opts.key}` }),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...opts.headers,
      },
      ...(opts.body === undefined ? {} : { payload: JSON.stringify(opts.body) }),
    });
  let tenantCount = 0;
  return {
    app,
    db,
    clock,
    ctx,
    delivery,
    outboxDir,
    request,
    async createTenant(overrides = {}) {
      tenantCount += 1;
      const res = await request('POST', '/v1/tenants', {
        key: OPERATOR_TOKEN,
        body: {
          name: `Testbolaget ${tenantCount} AB`,
          organisationNumber: '556036-0793',
          email: 'ekonomi@testbolaget.se',
          bankgiro: '5050-1055',
          address: { street: 'Testvägen 1', postalCode: '111 22', city: 'Stockholm' },
          ...overrides,
        },
      });
      if (res.statusCode !== 201) throw new Error(`tenant create failed: ${res.body}`);
      const body: { id: string; apiKey: string } = res.json();
      return { id: body.id, apiKey: body.apiKey };
    },
    async close() {
      await app.close();
      await drop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}

export const person = {
  name: 'Anna Andersson',
  kind: 'person',
  identityNumber: '19811218-9876',
  email: 'anna@example.se',
  address: { street: 'Storgatan 1', postalCode: '12345', city: 'Storåker' },
};

export const company = {
  name: 'Kalles Plåt AB',
  kind: 'company',
  identityNumber: '556036-0793',
  address: { street: 'Industrivägen 2', postalCode: '123 45', city: 'Storåker' },
  deliveryMethod: 'letter',
};
