/**
 * Idempotency keys in SQL. claim() inserts a placeholder in the caller's transaction: a second
 * request with the same key waits on the unique index until the first commits or rolls back,
 * then sees its stored response (or claims the key itself if the first rolled back).
 */
import type { Sql } from '../../application/ports.ts';
import type { IdempotencyStore } from '../../application/stores.ts';

export function idempotencyStore(sql: Sql): IdempotencyStore {
  return {
    async claim(scope, key, requestHash, createdAt) {
      const inserted = await sql.query(
        `INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash, status_code, response_body, created_at)
         VALUES ($1, $2, $3, 0, '{}'::jsonb, $4) ON CONFLICT DO NOTHING RETURNING 1`,
        [scope, key, requestHash, createdAt],
      );
      if (inserted.length > 0) return { kind: 'claimed' };
      const rows = await sql.query(
        'SELECT request_hash, status_code, response_body FROM idempotency_record WHERE tenant_id = $1 AND idempotency_key = $2',
        [scope, key],
      );
      const first = rows[0];
      if (first === undefined || first.request_hash !== requestHash) return { kind: 'mismatch' };
      return { kind: 'replay', statusCode: Number(first.status_code), body: first.response_body };
    },
    async complete(scope, key, statusCode, body) {
      await sql.query(
        'UPDATE idempotency_record SET status_code = $3, response_body = $4 WHERE tenant_id = $1 AND idempotency_key = $2',
        [scope, key, statusCode, JSON.stringify(body)],
      );
    },
  };
}
