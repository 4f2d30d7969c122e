/**
 * The statutory fee caps (lag 1981:739, 48 § lag 1990:746, Kronofogden's fee) as öre constants,
 * and the earliest payable-by date an inkassokrav may state under god inkassosed.
 * Owns: these numbers and the deadline rule. Must not: decide whether a fee may be charged.
 */
import { addDays, maxDate, type CalendarDate } from '../calendar-date.ts';
import { ore } from '../money.ts';
import { assert } from '../result.ts';
import { addBankDays, rollToBankDay } from '../calendar/swedish-bank-days.ts';

/** 1981:739 4 § p.1: written payment reminder, once per invoice, only if agreed when the debt arose. */
export const REMINDER_FEE_CAP_ORE = ore(6_000n);
/** 1981:739 4 § p.2: inkassokrav that meets 5 § inkassolagen. */
export const COLLECTION_DEMAND_FEE_CAP_ORE = ore(18_000n);
/** 1981:739 4 § p.3: a written amortisation (instalment) plan for the whole remaining debt. */
export const AMORTISATION_PLAN_FEE_CAP_ORE = ore(17_000n);
/** 1981:739 4 a §: fixed B2B late-payment compensation once interest is due (replaces 60/180). */
export const LATE_PAYMENT_COMPENSATION_ORE = ore(45_000n);
/** Kronofogden's application fee for betalningsföreläggande. */
export const KRONOFOGDEN_APPLICATION_FEE_ORE = ore(30_000n);
/** 48 § lag (1990:746): the applicant's own or an agent's work in a betalningsföreläggande case. */
export const KRONOFOGDEN_AGENT_FEE_CAP_ORE = ore(38_000n);

/** God inkassosed (IMY, Svensk Inkasso): at least 8 days counted from the day of sending. */
export const DEMAND_MIN_CALENDAR_DAYS = 8;
/** ... and at least 4 bank days to pay or object after the debtor can be assumed to have it. */
export const DEMAND_MIN_BANK_DAYS_AFTER_RECEIPT = 4;
/**
 * Assumed post delivery: 2 bank days after sending. Ordinary Swedish letters are no longer
 * expected the next day, so one day would be optimistic. This is our assumption (UNVERIFIED),
 * not a figure from IMY or FI; a slower channel (B-post) passes a larger `deliveryBankDays`.
 */
export const POSTAL_DELIVERY_BANK_DAYS = 2;

export type DemandDeadlineOptions = {
  /** Override for a channel that arrives faster (e-mail: 0) or slower (B-post). */
  readonly deliveryBankDays?: number;
};

/** The day the debtor is assumed to have the letter: `deliveryBankDays` bank days after sending. */
export function assumedReceiptDate(
  sentDate: CalendarDate,
  options: DemandDeadlineOptions = {},
): CalendarDate {
  return addBankDays(sentDate, options.deliveryBankDays ?? POSTAL_DELIVERY_BANK_DAYS);
}

/**
 * The calendar-day part alone: sentDate + max(termsDays, 8), moved to a bank day (5 §
 * skuldebrevslagen applies to a payment period's last day too). domain.md vector 19 states this
 * part: sent 2025-12-18 → 2025-12-26 (juldagen…) → 2025-12-29.
 */
export function demandDeadlineByCalendarDays(
  sentDate: CalendarDate,
  termsDays: number,
): CalendarDate {
  assert(Number.isSafeInteger(termsDays) && termsDays >= 0, `terms must be ≥ 0 days: ${termsDays}`);
  return rollToBankDay(addDays(sentDate, Math.max(termsDays, DEMAND_MIN_CALENDAR_DAYS)));
}

/**
 * The earliest payable-by date an inkassokrav may state: the later of the calendar-day rule and
 * the 4th bank day after assumed receipt. "4 bank days after receipt" counts bank days strictly
 * after the receipt day, the deadline being the 4th. With 2-day post this coincides with the
 * 8-day rule in any week without holidays (Mon–Fri sending alike) and only bites around long
 * holidays, which is what IMY asks for ("detsamma gäller om kravet skickas i samband med en
 * långhelg"). Example: sent Thursday 2025-12-18 → received 12-22 → 2026-01-02, not 12-29.
 */
export function demandDeadline(
  sentDate: CalendarDate,
  termsDays: number,
  options: DemandDeadlineOptions = {},
): CalendarDate {
  const byCalendarDays = demandDeadlineByCalendarDays(sentDate, termsDays);
  const byReceipt = addBankDays(
    assumedReceiptDate(sentDate, options),
    DEMAND_MIN_BANK_DAYS_AFTER_RECEIPT,
  );
  return maxDate(byCalendarDays, byReceipt);
}
