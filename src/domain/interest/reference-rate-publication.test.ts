/**
 * Goal: the operator can publish the next half-year's referensränta and correct an unused row,
 * and nothing else: built-in rows never change, used rows never change, no gaps, no guesses far
 * ahead, and only rates Riksbank can set (multiples of 50 bp). Method: one case per rule.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate as d } from '../calendar-date.ts';
import { checkPublication, type PublicationInput } from './reference-rate-publication.ts';
import { referenceRatesWith, type ReferenceRateRow } from './reference-rate.ts';

const july: ReferenceRateRow = { validFromDate: d('2026-07-01'), referenceRateBasisPoints: 200n };

function input(over: Partial<PublicationInput> & { published?: ReferenceRateRow[] } = {}) {
  const published = over.published ?? [];
  return {
    rates: referenceRatesWith(published),
    published,
    validFrom: d('2026-07-01'),
    referenceRateBasisPoints: 150n,
    today: d('2026-07-15'),
    bookedFromValidFrom: false,
    ...over,
  };
}

describe('checkPublication', () => {
  it('adds the half-year right after the table', () => {
    expect(checkPublication(input())).toEqual({ ok: true, value: 'added' });
  });

  it('refuses a date that is not 1 January or 1 July, and a rate Riksbank cannot set', () => {
    const result = checkPublication(
      input({ validFrom: d('2026-07-02'), referenceRateBasisPoints: 175n }),
    );
    expect(result.ok).toBe(false);
    if (result.ok || result.error.kind !== 'invalid') throw new Error('expected invalid');
    expect(result.error.issues.map((i) => [i.path, i.code])).toEqual([
      ['validFrom', 'not_half_year_start'],
      ['referenceRateBasisPoints', 'not_half_percentage_point'],
    ]);
    const tooHigh = checkPublication(input({ referenceRateBasisPoints: 2_050n }));
    expect(!tooHigh.ok && tooHigh.error.kind === 'invalid' && tooHigh.error.issues[0]?.code).toBe(
      'out_of_range',
    );
  });

  it('a negative rate in half points is fine (2016-2019 had −0.50 %)', () => {
    expect(checkPublication(input({ referenceRateBasisPoints: -50n })).ok).toBe(true);
  });

  it('never changes a built-in half-year', () => {
    const result = checkPublication(input({ validFrom: d('2026-01-01') }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('refuses a gap: only the next half-year can be added', () => {
    const result = checkPublication(input({ validFrom: d('2027-01-01'), today: d('2027-01-02') }));
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid', issues: [{ path: 'validFrom', code: 'not_next_half_year' }] },
    });
  });

  it('refuses a half-year more than 14 days ahead, accepts it 14 days ahead', () => {
    expect(checkPublication(input({ today: d('2026-06-16') }))).toMatchObject({
      ok: false,
      error: { kind: 'invalid', issues: [{ code: 'not_yet_decided' }] },
    });
    expect(checkPublication(input({ today: d('2026-06-17') })).ok).toBe(true);
  });

  it('corrects an operator row while no interest is booked with it', () => {
    expect(checkPublication(input({ published: [july] }))).toEqual({
      ok: true,
      value: 'corrected',
    });
  });

  it('never corrects an operator row once interest was booked for its days', () => {
    expect(checkPublication(input({ published: [july], bookedFromValidFrom: true }))).toMatchObject(
      { ok: false, error: { kind: 'conflict' } },
    );
  });

  it('the same value again is unchanged, used or not (PUT is idempotent)', () => {
    expect(
      checkPublication(
        input({ published: [july], referenceRateBasisPoints: 200n, bookedFromValidFrom: true }),
      ),
    ).toEqual({ ok: true, value: 'unchanged' });
  });
});
