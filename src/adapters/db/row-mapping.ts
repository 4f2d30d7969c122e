/**
 * Shared conversions between SQL rows and records. Both drivers already return int8 as bigint
 * and date as 'YYYY-MM-DD'; these helpers only narrow the types.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { ore, type Ore } from '../../domain/money.ts';

export function asOre(value: unknown): Ore {
  if (typeof value === 'bigint') return ore(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return ore(BigInt(value));
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return ore(BigInt(value));
  throw new TypeError(`expected an integer amount of öre, got ${typeof value}`);
}

export function asBigint(value: unknown): bigint {
  return asOre(value);
}

export function asDate(value: unknown): CalendarDate {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value as CalendarDate;
  throw new TypeError(`expected a calendar date, got ${typeof value}`);
}

export function asDateOrNull(value: unknown): CalendarDate | null {
  return value === null || value === undefined ? null : asDate(value);
}

export function asInstant(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError('expected a timestamp');
}

export function asStringOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  throw new TypeError(`expected text, got ${typeof value}`);
}

/** Opaque keyset cursor: base64url of the sort key of the last row of a page. */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string[] | null {
  if (cursor === undefined) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) return parts;
  } catch {
    // An unreadable cursor is treated as a bad request by the caller.
  }
  throw new CursorError();
}

export class CursorError extends Error {
  override readonly name = 'CursorError';
  constructor() {
    super('cursor is not one this API gave out');
  }
}
