/**
 * UUID version 7 (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then 74 random bits.
 * Ids made later sort later, so a new row's key lands at the right edge of its primary-key
 * index instead of on a random page: the write-heavy jobs (the daily run, the bank-file import)
 * dirty a few index pages per thousand rows instead of one per few rows. 74 random bits keep
 * ids unguessable; what they add is the time the id was made, which every row also stores.
 */
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The id for a moment and 10 random bytes (of which 74 bits are used); pure, for tests. */
export function uuidV7(unixMs: number, random: Uint8Array): string {
  if (!Number.isSafeInteger(unixMs) || unixMs < 0 || unixMs >= 2 ** 48)
    throw new RangeError(`uuidV7: time ${unixMs} is not a 48-bit millisecond count`);
  if (random.length < 10) throw new RangeError('uuidV7: needs 10 random bytes');
  const b = new Uint8Array(16);
  let t = unixMs;
  for (let i = 5; i >= 0; i -= 1) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b.set(random.subarray(0, 10), 6);
  b[6] = 0x70 | (b[6]! & 0x0f); // version 7
  b[8] = 0x80 | (b[8]! & 0x3f); // variant 10
  const h = Array.from(b, (x) => HEX[x]!);
  return (
    `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-` +
    `${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`
  );
}

// Random bytes are drawn 4 KB at a time: one call into OpenSSL per ~400 ids.
const pool = new Uint8Array(4096);
let used = pool.length;

/** A new UUIDv7 for now. */
export function newUuidV7(): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const id = uuidV7(Date.now(), pool.subarray(used, used + 10));
  used += 10;
  return id;
}
