import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newUuidV7, uuidV7 } from './uuid-v7.ts';

const SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('matches the example of RFC 9562 appendix A.6', () => {
    // 2022-02-22 19:22:22 UTC = 0x017F22E279B0 ms; the example's random bits.
    const random = Uint8Array.from([0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]);
    expect(uuidV7(0x017f22e279b0, random)).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
  });

  it('always has version 7 and variant 10, and sorts by its time', () => {
    const ms = fc.integer({ min: 0, max: 2 ** 48 - 1 });
    const bytes = fc.uint8Array({ minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(ms, ms, bytes, bytes, (t1, t2, r1, r2) => {
        const a = uuidV7(t1, r1);
        const b = uuidV7(t2, r2);
        expect(a).toMatch(SHAPE);
        if (t1 < t2) expect(a < b).toBe(true);
      }),
    );
  });

  it('refuses a time outside 48 bits and too few random bytes', () => {
    expect(() => uuidV7(-1, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidV7(2 ** 48, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidV7(0, new Uint8Array(9))).toThrow(RangeError);
  });

  it('makes distinct ids in time order, across refills of the random pool', () => {
    const ids = Array.from({ length: 2000 }, () => newUuidV7());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(SHAPE);
    const now = Date.now();
    const first = parseInt(ids[0]!.replaceAll('-', '').slice(0, 12), 16);
    expect(Math.abs(now - first)).toBeLessThan(60_000);
    // Ids of a later millisecond sort after all ids of an earlier one.
    const stamps = ids.map((id) => id.slice(0, 13));
    for (let i = 1; i < stamps.length; i += 1) expect(stamps[i]! >= stamps[i - 1]!).toBe(true);
  });
});
