/**
 * The operator-fee part of the payments port: each client's fee schedule, the documents not yet
 * charged, and what a payout charged. Implemented in src/adapters/db/operator-fee-store.ts.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type {
  FeeDocument,
  FeeSchedule,
  OperatorFeeCharge,
} from '../../domain/payouts/operator-fees.ts';

export type FeeScheduleRecord = FeeSchedule & { readonly updatedAt: string | null };

export interface OperatorFeeQueries {
  /**
   * The client's schedule; null when the operator never set one (no fees). forUpdate locks it
   * until the transaction ends: two payout runs then charge a client's documents one at a time.
   */
  feeSchedule(
    tenantId: string,
    options?: { forUpdate?: boolean },
  ): Promise<FeeScheduleRecord | null>;
  /** Inserts or replaces the schedule; the first one also fixes from when documents count. */
  putFeeSchedule(tenantId: string, schedule: FeeSchedule, now: string): Promise<void>;
  /**
   * Invoices, reminders and inkassokrav of the client dated on or before the date, created since
   * it first had a schedule and not yet charged, oldest first. Replacements of a bounced or
   * returned document are not the client's sending and never count.
   */
  unchargedFeeDocuments(tenantId: string, throughDate: CalendarDate): Promise<FeeDocument[]>;
  /**
   * Moves the client's scan start to its oldest uncharged document, or to an hour before `now`
   * when that is earlier or there is none; later calls of unchargedFeeDocuments read from there.
   */
  advanceFeeScan(tenantId: string, now: string): Promise<void>;
  /** Records the charge and stamps its documents (each at most once: the key refuses twice). */
  insertFeeCharge(
    tenantId: string,
    payoutId: string,
    charge: OperatorFeeCharge,
    documents: readonly (FeeDocument & { readonly price: bigint })[],
  ): Promise<void>;
  feeChargeOfPayout(tenantId: string, payoutId: string): Promise<OperatorFeeCharge | null>;
}
