/**
 * The port for the referensränta rows the operator publishes (the built-in ones live in the
 * domain). Implemented in src/adapters/db/reference-rate-store.ts.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { ReferenceRateRow } from '../domain/interest/reference-rate.ts';

export type PublishedReferenceRate = ReferenceRateRow & {
  /** Who published it: 'operator' (the operator token is the one operator identity). */
  readonly publishedBy: string;
  /** When it was published or last corrected. */
  readonly publishedAt: string;
  /** Where the figure came from, as the operator wrote it (e.g. the Riksbank notice). */
  readonly note: string | null;
  /** 1 when first published; +1 per correction. */
  readonly revision: number;
};

export interface ReferenceRateStore {
  /**
   * The published rows, oldest first. lock 'share' (inside a transaction that books interest):
   * a publication waits until the transaction ends, so no interest is booked at a rate that is
   * being corrected.
   */
  published(options: { lock: 'share' | 'none' }): Promise<PublishedReferenceRate[]>;
  /** Waits for every transaction that read the table with lock 'share', and keeps new ones out. */
  lockForPublication(): Promise<void>;
  /** Interest is booked on some invoice (any client) for a day on or after `date`. */
  interestBookedFrom(date: CalendarDate): Promise<boolean>;
  /** Inserts the row, or replaces the row of the same half-year. */
  save(row: PublishedReferenceRate): Promise<void>;
}
