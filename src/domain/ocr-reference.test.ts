/**
 * Goal: OCR references match Bankgirot's rules. Method: domain.md §3 examples and §12 vectors 1-3
 * as table tests, then fast-check properties (every built OCR validates; any single-digit change
 * is caught).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasValidLuhn,
  luhnCheckDigit,
  makeOcr,
  ocrCheckDigit,
  ocrWithLength,
  parseOcr,
  validOcr,
} from './ocr-reference.ts';

describe('luhnCheckDigit', () => {
  it.each([
    ['12345', 5],
    ['1234567890', 3],
    ['4711', 8],
    ['202500001', 5],
    ['1', 8],
    ['811218987', 6],
    ['0', 0],
  ])('%s → %i', (payload, expected) => {
    expect(luhnCheckDigit(payload)).toBe(expected);
  });

  it('throws on a non-digit payload (a bug, not user input)', () => {
    expect(() => luhnCheckDigit('12a')).toThrow();
    expect(() => luhnCheckDigit('')).toThrow();
  });
});

describe('domain.md §12 vectors 1-3', () => {
  it('vector 1: ocrCheckDigit("12345") → 5', () => {
    expect(ocrCheckDigit('12345')).toBe(5);
    expect(makeOcr('12345', { lengthDigit: false })).toEqual({ ok: true, value: '123455' });
  });

  it('vector 2: ocrWithLength', () => {
    expect(ocrWithLength('12345')).toBe('1234574');
    expect(ocrWithLength('1234567890')).toBe('123456789023');
    expect(ocrWithLength('1')).toBe('133');
  });

  it('vector 3: validOcr', () => {
    expect(validOcr('655969', { lengthDigit: true })).toBe(true);
    expect(validOcr('89853')).toBe(false);
    expect(validOcr('123456789023', { lengthDigit: true })).toBe(true);
    expect(validOcr('123456789013', { lengthDigit: true })).toBe(false);
    expect(parseOcr('123456789013', { lengthDigit: true })).toEqual({
      ok: false,
      error: 'ocr_reference_length_digit',
    });
  });
});

describe('domain.md §3 examples', () => {
  it.each([
    ['12345', '123455', '1234574'],
    ['1234567890', '12345678903', '123456789023'],
    ['4711', '47118', '471169'],
    ['202500001', '2025000015', '20250000112'],
    ['1', '18', '133'],
  ])('%s → %s / %s', (payload, checkOnly, withLength) => {
    expect(makeOcr(payload, { lengthDigit: false })).toEqual({ ok: true, value: checkOnly });
    expect(makeOcr(payload, { lengthDigit: true })).toEqual({ ok: true, value: withLength });
    expect(validOcr(checkOnly)).toBe(true);
    expect(validOcr(withLength, { lengthDigit: true })).toBe(true);
  });

  it.each(['655969', '657866', '658765', '650861', '801266'])(
    'Bankgirot sample reference %s is valid with a length digit',
    (reference) => {
      expect(validOcr(reference, { lengthDigit: true })).toBe(true);
    },
  );
});

describe('parseOcr rejections, in check order', () => {
  it.each([
    ['', 'ocr_reference_format'],
    ['12 345', 'ocr_reference_format'],
    ['12345a', 'ocr_reference_format'],
    [' 123455', 'ocr_reference_format'],
    ['8', 'ocr_reference_length'],
    ['1'.repeat(26), 'ocr_reference_length'],
    ['123456789013', 'ocr_reference_check_digit'],
  ])('%j → %s (check digit only)', (text, code) => {
    expect(parseOcr(text)).toEqual({ ok: false, error: code });
  });

  it('with a length digit the minimum is 3 digits', () => {
    expect(parseOcr('18', { lengthDigit: true })).toEqual({
      ok: false,
      error: 'ocr_reference_length',
    });
    expect(validOcr('18')).toBe(true);
  });

  it('accepts 25 digits and refuses to build 26', () => {
    const built = makeOcr('1'.repeat(24), { lengthDigit: false });
    expect(built.ok && built.value.length).toBe(25);
    expect(built.ok && validOcr(built.value)).toBe(true);
    expect(makeOcr('1'.repeat(25), { lengthDigit: false })).toEqual({
      ok: false,
      error: 'ocr_reference_length',
    });
    expect(makeOcr('1'.repeat(24), { lengthDigit: true })).toEqual({
      ok: false,
      error: 'ocr_reference_length',
    });
    expect(makeOcr('12-3', { lengthDigit: true })).toEqual({
      ok: false,
      error: 'ocr_reference_format',
    });
  });
});

describe('properties', () => {
  const payloadWithLength = fc.stringMatching(/^\d{1,23}$/);
  const options = fc.boolean().map((lengthDigit) => ({ lengthDigit }));

  it('every generated OCR validates under the same options', () => {
    fc.assert(
      fc.property(payloadWithLength, options, (payload, opts) => {
        const built = makeOcr(payload, opts);
        expect(built.ok).toBe(true);
        if (built.ok) expect(validOcr(built.value, opts)).toBe(true);
      }),
    );
  });

  it('changing any single digit breaks the reference', () => {
    fc.assert(
      fc.property(
        payloadWithLength,
        options,
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, opts, at, delta) => {
          const built = makeOcr(payload, opts);
          if (!built.ok) throw new Error('unexpected');
          const i = at % built.value.length;
          const changed = String((Number(built.value[i]) + delta) % 10);
          const mutated = built.value.slice(0, i) + changed + built.value.slice(i + 1);
          expect(validOcr(mutated, opts)).toBe(false);
          expect(hasValidLuhn(mutated)).toBe(false);
        },
      ),
    );
  });

  it('the payload is kept verbatim as the prefix', () => {
    fc.assert(
      fc.property(payloadWithLength, options, (payload, opts) => {
        const built = makeOcr(payload, opts);
        expect(built.ok && built.value.startsWith(payload)).toBe(true);
        expect(built.ok && built.value.length).toBe(payload.length + (opts.lengthDigit ? 2 : 1));
      }),
    );
  });
});
