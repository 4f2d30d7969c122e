/**
 * Riksbank's referensränta per calendar half-year (räntelagen 9 §) as data, and the statutory
 * late-payment rate derived from it (6 §: referensränta + 8 percentage points). Rates are bigint
 * basis points (100 = 1 %). The built-in rows ship with the code; later half-years are published
 * by the operator and passed in with them as a ReferenceRates value.
 * Owns: the table's shape and its lookup. Must not: guess an unpublished rate.
 */
import {
  addDays,
  calendarDate,
  dateParts,
  fromParts,
  type CalendarDate,
} from '../calendar-date.ts';
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
 * domain.md §1.2, built in. Later half-years are published by the operator without a release
 * (PUT /v1/operator/reference-rates/{validFrom}) and stored; see referenceRatesWith. 2024-07-01 onwards rest on a secondary source that
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

/**
 * The rate table an interest computation reads: the built-in rows followed by the rows the
 * operator published (see reference-rate-publication.ts), one per consecutive half-year. Passed in
 * as a value so that the domain never reads a module constant or a database.
 */
export type ReferenceRates = {
  readonly rows: readonly ReferenceRateRow[];
};

/** Only the built-in rows: what the service knows without any operator publication. */
export const BUILT_IN_REFERENCE_RATES: ReferenceRates = { rows: REFERENCE_RATE_TABLE };

/** 2026-01-01 → 4053: consecutive half-years get consecutive numbers. */
const halfYearIndex = (date: CalendarDate): number => {
  const { year, month } = dateParts(date);
  return year * 2 + (month <= 6 ? 0 : 1);
};

/** The first day of the half-year after the one containing `date`. */
export const nextHalfYearStart = (date: CalendarDate): CalendarDate =>
  addDays(halfYearEnd(date), 1);

/**
 * The built-in rows followed by `published` (any order). Every published row must continue the
 * table half-year by half-year and none may repeat a built-in one; the store only ever holds such
 * rows (publishReferenceRate checks them), so anything else is a broken invariant and throws.
 */
export function referenceRatesWith(published: readonly ReferenceRateRow[]): ReferenceRates {
  const rows = [...REFERENCE_RATE_TABLE];
  const sorted = [...published].sort((a, b) => (a.validFromDate < b.validFromDate ? -1 : 1));
  for (const row of sorted) {
    const expected = nextHalfYearStart(rows.at(-1)!.validFromDate);
    assert(
      row.validFromDate === expected,
      `published reference rate ${row.validFromDate} does not continue the table at ${expected}`,
    );
    rows.push(row);
  }
  return { rows };
}

/** räntelagen 6 §: the statutory late-payment rate is the reference rate + 8 percentage points. */
export const STATUTORY_MARGIN_BASIS_POINTS = 800n;

/** Thrown for a day outside the table: a rate that is not yet published must not be guessed. */
export class ReferenceRateUnknownError extends Error {
  override readonly name = 'ReferenceRateUnknownError';
  readonly code = 'reference_rate_not_published';
  /** The half-year whose rate is missing (1 January or 1 July): what the operator publishes. */
  readonly validFrom: CalendarDate;
  constructor(
    readonly date: CalendarDate,
    rates: ReferenceRates,
  ) {
    super(
      `no referensränta published for ${date} (table covers ${firstKnownDate(rates)}…${lastKnownDate(rates)}); ` +
        `the operator publishes the half-year from ${halfYearStart(date)}`,
    );
    this.validFrom = halfYearStart(date);
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

function firstKnownDate(rates: ReferenceRates): CalendarDate {
  const row = rates.rows[0];
  assert(row !== undefined, 'the reference-rate table is empty');
  return row.validFromDate;
}

/** The last day any row covers: the end of the last known half-year. */
export function lastKnownDate(rates: ReferenceRates): CalendarDate {
  const row = rates.rows.at(-1);
  assert(row !== undefined, 'the reference-rate table is empty');
  return halfYearEnd(row.validFromDate);
}

/**
 * The referensränta in force on `date`, in basis points. Throws `ReferenceRateUnknownError` for a
 * day outside the table.
 */
export function referensranta(rates: ReferenceRates, date: CalendarDate): bigint {
  if (date < firstKnownDate(rates) || date > lastKnownDate(rates))
    throw new ReferenceRateUnknownError(date, rates);
  // Rows are consecutive half-years, so the half-year's position is the row's index.
  const found = rates.rows[halfYearIndex(date) - halfYearIndex(firstKnownDate(rates))];
  // A missing row would silently stretch the previous rate: check the row is the half-year's.
  assert(
    found !== undefined && found.validFromDate === halfYearStart(date),
    `reference-rate table has no row for the half-year of ${date}`,
  );
  return found.referenceRateBasisPoints;
}

/** The statutory dröjsmålsränta on `date`: referensränta + 8 percentage points, in basis points. */
export function drojsmalsranta(rates: ReferenceRates, date: CalendarDate): bigint {
  return referensranta(rates, date) + STATUTORY_MARGIN_BASIS_POINTS;
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
