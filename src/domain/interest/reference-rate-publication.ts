/**
 * The rules for the operator publishing a half-year's referensränta without a release: what may be
 * added, what may still be corrected, and what never changes. Pure: the use case supplies the
 * current table, the operator's rows, today and whether any interest was booked with the row.
 * Owns: these rules. Must not: read or store anything.
 */
import { addDays, type CalendarDate } from '../calendar-date.ts';
import { err, ok, type FieldIssue, type Result } from '../result.ts';
import {
  halfYearStart,
  lastKnownDate,
  nextHalfYearStart,
  REFERENCE_RATE_TABLE,
  type ReferenceRateRow,
  type ReferenceRates,
} from './reference-rate.ts';

/**
 * Riksbank fixes the rate from its policy rate at the end of the previous half-year (räntelagen
 * 9 §), so it is known only in the last days of June or December: a publication more than this many
 * days before the half-year starts is a mistake, not foresight.
 */
export const PUBLISH_AHEAD_DAYS = 14;
/** Sanity guard (−5 % … 20 %), not law: the rate has been between −0.50 % and 4.00 % since 2015. */
export const REFERENCE_RATE_BASIS_POINTS_MIN = -500n;
export const REFERENCE_RATE_BASIS_POINTS_MAX = 2_000n;
/** räntelagen 9 §: rounded up to the nearest half percentage point, so always a multiple of 50. */
export const REFERENCE_RATE_STEP_BASIS_POINTS = 50n;

export type PublicationInput = {
  /** The table in force: built-in rows followed by the operator's. */
  readonly rates: ReferenceRates;
  /** The operator's rows alone (a subset of rates.rows). */
  readonly published: readonly ReferenceRateRow[];
  readonly validFrom: CalendarDate;
  readonly referenceRateBasisPoints: bigint;
  readonly today: CalendarDate;
  /** Interest has been booked on some invoice for a day on or after validFrom. */
  readonly bookedFromValidFrom: boolean;
};

/** added: a new half-year; corrected: an unused operator row changed; unchanged: same value. */
export type PublicationOutcome = 'added' | 'corrected' | 'unchanged';

export type PublicationRefusal =
  | { readonly kind: 'invalid'; readonly issues: readonly FieldIssue[] }
  | { readonly kind: 'conflict'; readonly detail: string };

const lastBuiltIn = (): CalendarDate => REFERENCE_RATE_TABLE.at(-1)!.validFromDate;

function fieldIssues(input: PublicationInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (halfYearStart(input.validFrom) !== input.validFrom) {
    issues.push({
      path: 'validFrom',
      code: 'not_half_year_start',
      message: `validFrom ${input.validFrom} must be 1 January or 1 July (Riksbank sets the rate per calendar half-year)`,
    });
  }
  const bp = input.referenceRateBasisPoints;
  if (bp < REFERENCE_RATE_BASIS_POINTS_MIN || bp > REFERENCE_RATE_BASIS_POINTS_MAX) {
    issues.push({
      path: 'referenceRateBasisPoints',
      code: 'out_of_range',
      message: `referenceRateBasisPoints ${bp} is outside ${REFERENCE_RATE_BASIS_POINTS_MIN}..${REFERENCE_RATE_BASIS_POINTS_MAX} (sanity limit −5 %…20 %)`,
    });
  } else if (bp % REFERENCE_RATE_STEP_BASIS_POINTS !== 0n) {
    issues.push({
      path: 'referenceRateBasisPoints',
      code: 'not_half_percentage_point',
      message: `referenceRateBasisPoints ${bp} is not a multiple of 50 (räntelagen 9 §: the rate is rounded up to a half percentage point)`,
    });
  }
  return issues;
}

/**
 * Whether the operator may set `validFrom`'s rate to `referenceRateBasisPoints`:
 * - a built-in half-year never changes (it ships with the code and may have been used anywhere);
 * - a new row must be the half-year right after the table's last one (no gaps) and may be
 *   published at most PUBLISH_AHEAD_DAYS before it starts;
 * - an operator row may be corrected only while no interest has been booked for a day on or after
 *   its start: once a reminder, inkassokrav or payment booked interest at that rate, changing it
 *   would make the books and the letters disagree with the table. (The check counts any booking,
 *   statutory or fixed-rate: it errs on the safe side.)
 * The same value again is always fine (PUT is idempotent).
 */
export function checkPublication(
  input: PublicationInput,
): Result<PublicationOutcome, PublicationRefusal> {
  const issues = fieldIssues(input);
  if (issues.length > 0) return err({ kind: 'invalid', issues });
  const { validFrom } = input;
  const existing = input.published.find((r) => r.validFromDate === validFrom);
  if (existing === undefined && validFrom <= lastBuiltIn()) {
    return err({
      kind: 'conflict',
      detail: `the referensränta from ${validFrom} is built in (domain.md §1.2) and cannot be changed`,
    });
  }
  if (existing !== undefined) {
    if (existing.referenceRateBasisPoints === input.referenceRateBasisPoints)
      return ok('unchanged');
    if (input.bookedFromValidFrom) {
      return err({
        kind: 'conflict',
        detail: `the referensränta from ${validFrom} has been used: interest is booked for days from ${validFrom}, so it can no longer be corrected`,
      });
    }
    return ok('corrected');
  }
  const next = nextHalfYearStart(lastKnownDate(input.rates));
  if (validFrom !== next) {
    return err({
      kind: 'invalid',
      issues: [
        {
          path: 'validFrom',
          code: 'not_next_half_year',
          message: `the table ends ${lastKnownDate(input.rates)}: only the half-year from ${next} can be published next, not ${validFrom}`,
        },
      ],
    });
  }
  if (validFrom > addDays(input.today, PUBLISH_AHEAD_DAYS)) {
    return err({
      kind: 'invalid',
      issues: [
        {
          path: 'validFrom',
          code: 'not_yet_decided',
          message: `the referensränta from ${validFrom} is fixed at the end of the half-year before it; publish it at most ${PUBLISH_AHEAD_DAYS} days ahead (today is ${input.today})`,
        },
      ],
    });
  }
  return ok('added');
}
