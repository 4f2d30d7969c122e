/**
 * The collection timetable: the day each step of flow.md falls on, counted from the dates the
 * earlier documents actually went out, under the policy in force, moved onto bank days (§9).
 * Owns: every "when". Must not: look at balances, disputes or the customer (that is the engine's).
 */
import {
  addDays,
  dateParts,
  daysInMonth,
  fromParts,
  maxDate,
  type CalendarDate,
} from '../calendar-date.ts';
import { effectiveDueDate, nextBankDay, rollToBankDay } from '../calendar/swedish-bank-days.ts';
import { demandDeadline } from './fee-law.ts';
import type { CollectionPolicy } from './policy.ts';

/** Overdue notice: the bank-day-adjusted due date + noticeDaysAfterDue, on a bank day. */
export function noticeDate(dueDate: CalendarDate, policy: CollectionPolicy): CalendarDate {
  return rollToBankDay(addDays(effectiveDueDate(dueDate), policy.noticeDaysAfterDue));
}

/** Reminder: the bank-day-adjusted due date + reminderDaysAfterDue, on a bank day. */
export function reminderDate(dueDate: CalendarDate, policy: CollectionPolicy): CalendarDate {
  return rollToBankDay(addDays(effectiveDueDate(dueDate), policy.reminderDaysAfterDue));
}

/** The reminder's payable-by date: its sending day + reminderTermsDays, on a bank day. */
export function reminderPayByDate(sentDate: CalendarDate, policy: CollectionPolicy): CalendarDate {
  return rollToBankDay(addDays(sentDate, policy.reminderTermsDays));
}

/** Inkassokrav: the reminder's actual payable-by date + demandDaysAfterReminderDue, on a bank day. */
export function demandDate(reminderDueDate: CalendarDate, policy: CollectionPolicy): CalendarDate {
  return rollToBankDay(addDays(reminderDueDate, policy.demandDaysAfterReminderDue));
}

/** The inkassokrav's payable-by date: demandTermsDays, but never under 8 days / 4 bank days. */
export function demandPayByDate(sentDate: CalendarDate, policy: CollectionPolicy): CalendarDate {
  return demandDeadline(sentDate, policy.demandTermsDays);
}

/** The decision: the first bank day after the demand's payable-by date passed unpaid. */
export function decisionDate(demandDueDate: CalendarDate): CalendarDate {
  return nextBankDay(demandDueDate);
}

/**
 * `months` calendar months after `date`, clamped to the month's last day (31 Aug + 6 → 28/29 Feb),
 * so that an interval never overshoots into the month after.
 */
export function addMonthsClamped(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return fromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Surveillance: a new written demand surveillanceIntervalMonths after the last, on a bank day. */
export function surveillanceDemandDate(
  lastDemandDate: CalendarDate,
  policy: CollectionPolicy,
): CalendarDate {
  return rollToBankDay(addMonthsClamped(lastDemandDate, policy.surveillanceIntervalMonths));
}

/**
 * A step's date once the case's last document is considered: never the same bank day as the
 * previous document, so a catch-up sends one document a day and never two on one day.
 */
export function notBeforeNextDocument(
  scheduled: CalendarDate,
  lastDocumentDate: CalendarDate | null,
): CalendarDate {
  return lastDocumentDate === null ? scheduled : maxDate(scheduled, nextBankDay(lastDocumentDate));
}

export type TimelineEntry =
  | { readonly step: 'notice'; readonly date: CalendarDate }
  | {
      readonly step: 'reminder' | 'collection_demand';
      readonly date: CalendarDate;
      readonly payByDate: CalendarDate;
    }
  | { readonly step: 'decision'; readonly date: CalendarDate };

/**
 * The timetable shown to a client as a preview of the policy: when each step would happen for an
 * invoice due on `dueDate` that is never paid, if every document goes out on its day. The engine
 * uses the same functions, so the preview and the real run agree (a test holds them to it).
 */
export function previewTimeline(
  input: { readonly dueDate: CalendarDate; readonly emailAtCreation: boolean },
  policy: CollectionPolicy,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let last: CalendarDate | null = null;
  if (input.emailAtCreation) {
    last = noticeDate(input.dueDate, policy);
    entries.push({ step: 'notice', date: last });
  }
  const reminder = notBeforeNextDocument(reminderDate(input.dueDate, policy), last);
  const reminderDue = reminderPayByDate(reminder, policy);
  entries.push({ step: 'reminder', date: reminder, payByDate: reminderDue });
  const demand = notBeforeNextDocument(demandDate(reminderDue, policy), reminder);
  const demandDue = demandPayByDate(demand, policy);
  entries.push({ step: 'collection_demand', date: demand, payByDate: demandDue });
  entries.push({ step: 'decision', date: decisionDate(demandDue) });
  return entries;
}
