/**
 * The referensränta table as the service uses it: the built-in rows plus those the operator
 * published, and the operator's publication of the next half-year (or the correction of an unused
 * row). Every interest computation gets its table from referenceRatesIn.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import {
  checkPublication,
  type PublicationOutcome,
} from '../domain/interest/reference-rate-publication.ts';
import {
  lastKnownDate,
  nextHalfYearStart,
  REFERENCE_RATE_TABLE,
  referenceRatesWith,
  type ReferenceRates,
} from '../domain/interest/reference-rate.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { runUseCase, type AppContext } from './context.ts';
import { invalidInput, useCaseError, type UseCaseError } from './errors.ts';
import type { PublishedReferenceRate } from './reference-rate-store.ts';
import type { Stores } from './stores.ts';

/**
 * The table in force. lock 'share' inside a transaction that books interest: a publication then
 * waits for that transaction, so a row is never corrected under a booking that used it.
 */
export async function referenceRatesIn(
  stores: Pick<Stores, 'referenceRates'>,
  lock: 'share' | 'none',
): Promise<ReferenceRates> {
  return referenceRatesWith(await stores.referenceRates.published({ lock }));
}

export type ReferenceRateEntry = {
  readonly validFrom: CalendarDate;
  readonly validTo: CalendarDate;
  readonly referenceRateBasisPoints: bigint;
  readonly source: 'built_in' | 'operator';
  readonly publishedBy: string | null;
  readonly publishedAt: string | null;
  readonly note: string | null;
  readonly revision: number | null;
};

export type ReferenceRateTable = {
  readonly rows: readonly ReferenceRateEntry[];
  /** The last day with a known rate: interest for later days is refused until published. */
  readonly knownThrough: CalendarDate;
  /** The only half-year that can be published next. */
  readonly nextValidFrom: CalendarDate;
};

export async function listReferenceRates(ctx: AppContext): Promise<ReferenceRateTable> {
  const published = await ctx.uow.read.referenceRates.published({ lock: 'none' });
  const rates = referenceRatesWith(published);
  const byDate = new Map(published.map((p) => [p.validFromDate, p]));
  const rows = rates.rows.map((row): ReferenceRateEntry => {
    const p = byDate.get(row.validFromDate);
    return {
      validFrom: row.validFromDate,
      validTo: lastKnownDate({ rows: [row] }),
      referenceRateBasisPoints: row.referenceRateBasisPoints,
      source: p === undefined ? 'built_in' : 'operator',
      publishedBy: p?.publishedBy ?? null,
      publishedAt: p?.publishedAt ?? null,
      note: p?.note ?? null,
      revision: p?.revision ?? null,
    };
  });
  const knownThrough = lastKnownDate(rates);
  return { rows, knownThrough, nextValidFrom: nextHalfYearStart(knownThrough) };
}

export type PublishInput = {
  readonly validFrom: CalendarDate;
  readonly referenceRateBasisPoints: bigint;
  readonly note?: string | null | undefined;
};

/**
 * Publishes (or corrects) one half-year's referensränta; the rules are checkPublication's. Takes
 * the table's publication lock first, so bookings in flight finish before the check, and runs
 * started later read the new row: a run blocked for want of the rate goes on at its next day.
 */
export async function publishReferenceRate(
  ctx: AppContext,
  input: PublishInput,
  publishedBy: string,
): Promise<Result<{ outcome: PublicationOutcome; table: ReferenceRateTable }, UseCaseError>> {
  const result = await runUseCase(ctx.uow, async (stores) => {
    await stores.referenceRates.lockForPublication();
    const published = await stores.referenceRates.published({ lock: 'none' });
    const rates = referenceRatesWith(published);
    const checked = checkPublication({
      rates,
      published,
      validFrom: input.validFrom,
      referenceRateBasisPoints: input.referenceRateBasisPoints,
      today: ctx.clock.today(),
      bookedFromValidFrom:
        input.validFrom > REFERENCE_RATE_TABLE.at(-1)!.validFromDate &&
        (await stores.referenceRates.interestBookedFrom(input.validFrom)),
    });
    if (!checked.ok) {
      const refusal = checked.error;
      return err(
        refusal.kind === 'invalid'
          ? invalidInput(refusal.issues)
          : useCaseError('conflict', refusal.detail),
      );
    }
    if (checked.value !== 'unchanged') {
      const previous = published.find((p) => p.validFromDate === input.validFrom);
      const row: PublishedReferenceRate = {
        validFromDate: input.validFrom,
        referenceRateBasisPoints: input.referenceRateBasisPoints,
        note: input.note ?? null,
        publishedBy,
        publishedAt: ctx.clock.now(),
        revision: (previous?.revision ?? 0) + 1,
      };
      await stores.referenceRates.save(row);
    }
    return ok(checked.value);
  });
  if (!result.ok) return result;
  return ok({ outcome: result.value, table: await listReferenceRates(ctx) });
}
