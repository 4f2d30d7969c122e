/**
 * Ports: what the use cases need from the outside world, declared here by their consumer.
 * Adapters in src/adapters implement them; only the composition roots wire the two together.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';

/** Row values as the drivers return them: int8 → bigint, date → 'YYYY-MM-DD', json → objects. */
export type SqlValue = string | number | bigint | boolean | null | Date | object;
export type Row = Record<string, unknown>;

/** One connection's worth of SQL: inside a transaction, or a single autocommit statement. */
export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Sql {
  /** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  readonly driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface Clock {
  /** An instant, RFC 3339 UTC: for audit fields only. */
  now(): string;
  /** Today's Swedish calendar date (Europe/Stockholm). */
  today(): CalendarDate;
}

/** Identifiers and secrets: randomness lives behind this port, never in the core. */
export interface IdSource {
  newId(): string;
}

export interface KeyHasher {
  newApiKey(tenantId: string): { key: string; hash: string };
  hash(secret: string): string;
  /** Constant-time comparison of a presented secret with a stored hash. */
  matches(secret: string, hash: string): boolean;
}
