/**
 * The operator token: taken from RESKONTRA_ADMIN_TOKEN, or generated once at first start and
 * shown then; only its hash is kept (in operator_setting).
 */
import type { KeyHasher, Sql } from './ports.ts';

export async function ensureOperatorToken(
  sql: Sql,
  keys: KeyHasher,
  fromEnv: string | undefined,
): Promise<{ hash: string; generated: string | null }> {
  if (fromEnv !== undefined) return { hash: keys.hash(fromEnv), generated: null };
  const found = await sql.query<{ value: string }>(
    "SELECT value FROM operator_setting WHERE name = 'operator_token_hash'",
  );
  if (found[0] !== undefined) return { hash: found[0].value, generated: null };
  const { key } = keys.newApiKey('00000000-0000-0000-0000-000000000000');
  const token = key.replace(/^rk_0+_/, 'rk_operator_');
  const hash = keys.hash(token);
  const inserted = await sql.query(
    "INSERT INTO operator_setting (name, value) VALUES ('operator_token_hash', $1) ON CONFLICT DO NOTHING RETURNING 1",
    [hash],
  );
  if (inserted.length === 0) return ensureOperatorToken(sql, keys, fromEnv); // Another process won.
  return { hash, generated: token };
}
