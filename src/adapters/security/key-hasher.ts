/**
 * API keys: 'rk_<tenantId>_<secret>'. The tenant id inside the key lets the lookup go by the
 * tenant's primary key (shard-friendly); only a SHA-256 of the whole key is stored.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newUuidV7 } from './uuid-v7.ts';
import type { IdSource, KeyHasher } from '../../application/ports.ts';

export class Sha256KeyHasher implements KeyHasher {
  newApiKey(tenantId: string): { key: string; hash: string } {
    const key = `rk_${tenantId.replaceAll('-', '')}_${randomBytes(24).toString('base64url')}`;
    return { key, hash: this.hash(key) };
  }
  hash(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }
  matches(secret: string, hash: string): boolean {
    const a = Buffer.from(this.hash(secret), 'hex');
    const b = Buffer.from(hash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

/** New ids: UUIDv7, time-ordered (see uuid-v7.ts for why). */
export const randomIds: IdSource = { newId: newUuidV7 };
