/**
 * Riksbank's referensränta per calendar half-year (räntelagen 9 §) as data, and the statutory
 * late-payment rate derived from it (6 §: referensränta + 8 percentage points). Rates are bigint
 * basis points (100 = 1 %). Owns: the table and its lookup. Must not: guess an unpublished rate.
 */
import { calendarDate, dateParts, fromParts, type CalendarDate } from '../calendar-date.ts';
import { assert } from '../result.ts';

export type ReferenceRateRow = {
  /** Always 1 January or 1 July: Riksbank sets the rate per calendar half-year. */
  readonly validFromDate: CalendarDate;
  readonly referenceRateBasisPoints: bigint;
};

const row = (validFrom: string, referenceRateBasisPoints: bigint): ReferenceRateRow => ({
  validFromDate: calendarDate(validFrom),
  referenceRateBasisPoints,
});

/**
 * domain.md §1.2. Add a row every 1 January and 1 July once Riksbank has published it; the table
 * then covers six more months automatically. 2024-07-01 onwards rest on a secondary source that
 * agrees with the round-up rule (see `referensFromPolicyRate`).
 */
export const REFERENCE_RATE_TABLE: readonly ReferenceRateRow[] = [
  row('2015-01-01', 0n),
  row('2015-07-01', 0n),
  row('2016-01-01', 0n),
  row('2016-07-01', -50n),
  row('2017-01-01', -50n),
  row('2017-07-01', -50n),
  row('2018-01-01', -50n),
  row('2018-07-01', -50n),
  row('2019-01-01', -50n),
  row('2019-07-01', 0n),
  row('2020-01-01', 0n),
  row('2020-07-01', 0n),
  row('2021-01-01', 0n),
  row('2021-07-01', 0n),
  row('2022-01-01', 0n),
  row('2022-07-01', 50n),
  row('2023-01-01', 250n),
  row('2023-07-01', 350n),
  row('2024-01-01', 400n),
  row('2024-07-01', 400n),
  row('2025-01-01', 300n),
  row('2025-07-01', 200n),
  row('2026-01-01', 200n),
];

/** räntelagen 6 §: the statutory late-payment rate is the reference rate + 8 percentage points. */
export const STATUTORY_MARGIN_BASIS_POINTS = 800n;

/** Thrown for a day outside the table: a rate that is not yet published must not be guessed. */
export class ReferenceRateUnknownError extends Error {
  override readonly name = 'ReferenceRateUnknownError';
  readonly code = 'reference_rate_not_published';
  constructor(readonly date: CalendarDate) {
    super(
      `no referensränta known for ${date} (table covers ${firstKnownDate()}…${lastKnownDate()})`,
    );
  }
}

/** The first day of the half-year containing `date` (1 January or 1 July). */
export function halfYearStart(date: CalendarDate): CalendarDate {
  const { year, month } = dateParts(date);
  return fromParts(year, month <= 6 ? 1 : 7, 1);
}

/** The last day of the half-year containing `date` (30 June or 31 December). */
export function halfYearEnd(date: CalendarDate): CalendarDate {
  const { year, month } = dateParts(date);
  return month <= 6 ? fromParts(year, 6, 30) : fromParts(year, 12, 31);
}

function lastRow(): ReferenceRateRow {
  const row = REFERENCE_RATE_TABLE.at(-1);
  assert(row !== undefined, 'the reference-rate table is empty');
  return row;
}

function firstKnownDate(): CalendarDate {
  const row = REFERENCE_RATE_TABLE[0];
  assert(row !== undefined, 'the reference-rate table is empty');
  return row.validFromDate;
}

/** The last day any row covers: the end of the last published half-year (2026-06-30 today). */
export function lastKnownDate(): CalendarDate {
  return halfYearEnd(lastRow().validFromDate);
}

/** The referensränta in force on `date`, in basis points. Throws `ReferenceRateUnknownError`. */
export function referensranta(date: CalendarDate): bigint {
  if (date < firstKnownDate() || date > lastKnownDate()) throw new ReferenceRateUnknownError(date);
  // The table is sorted by date, so the last row starting on or before `date` is the one.
  let found: ReferenceRateRow | undefined;
  for (const row of REFERENCE_RATE_TABLE) {
    if (row.validFromDate <= date) found = row;
  }
  assert(found !== undefined, `reference-rate lookup failed for ${date}`);
  // Rows are contiguous half-years; a missing row would silently stretch the previous rate.
  assert(
    found.validFromDate === halfYearStart(date),
    `reference-rate table has no row for the half-year of ${date}`,
  );
  return found.referenceRateBasisPoints;
}

/** The statutory dröjsmålsränta on `date`: referensränta + 8 percentage points, in basis points. */
export function drojsmalsranta(date: CalendarDate): bigint {
  return referensranta(date) + STATUTORY_MARGIN_BASIS_POINTS;
}

/**
 * räntelagen 9 §: the reference rate is Riksbank's policy rate at the end of the previous
 * half-year, rounded UP (if needed) to the nearest half percentage point (50 basis points).
 */
export function referensFromPolicyRate(policyRateBasisPoints: bigint): bigint {
  const step = 50n;
  // bigint division truncates toward zero, which is the ceiling for negatives already.
  const quotient = policyRateBasisPoints / step;
  const ceiling =
    policyRateBasisPoints > 0n && policyRateBasisPoints % step !== 0n ? quotient + 1n : quotient;
  return ceiling * step;
}
