/**
 * Document payloads are stored as JSON. Amounts are bigint, which JSON cannot hold, so they are
 * tagged {"$bigint": "123"} on the way in and restored on the way out — unambiguous, unlike a
 * number-looking string that a row description could also be.
 */
export function encodePayload(value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Uint8Array) return undefined; // Binary parts (a logo) are not stored.
  if (Array.isArray(value)) return value.map(encodePayload);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const encoded = encodePayload(v);
      if (encoded !== undefined) out[k] = encoded;
    }
    return out;
  }
  return value;
}

export function decodePayload(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodePayload);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (
      entries.length === 1 &&
      entries[0]![0] === '$bigint' &&
      typeof entries[0]![1] === 'string'
    ) {
      return BigInt(entries[0]![1]);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, decodePayload(v)]));
  }
  return value;
}
