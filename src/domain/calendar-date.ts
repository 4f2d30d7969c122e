/**
 * CalendarDate: a Swedish calendar day as 'YYYY-MM-DD'. Sorts as text, maps 1:1 to SQL `date`.
 * Owns: parsing, day arithmetic (via epoch-day integers), weekday. Must not: read a clock.
 */
import { err, ok, type Result } from './result.ts';

export type CalendarDate = string & { readonly __kind: 'CalendarDate' };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function parseCalendarDate(text: string): Result<CalendarDate, 'invalid_date'> {
  const match = DATE_PATTERN.exec(text);
  if (!match) return err('invalid_date');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return err('invalid_date');
  }
  return ok(text as CalendarDate);
}

/** For literals in code and tests; throws on an impossible date. */
export function calendarDate(text: string): CalendarDate {
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new RangeError(`not a calendar date: ${text}`);
  return parsed.value;
}

export function fromParts(year: number, month: number, day: number): CalendarDate {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return calendarDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

export function dateParts(date: CalendarDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

/** Days since 1970-01-01 (proleptic Gregorian), from Howard Hinnant's days_from_civil. */
export function toEpochDay(date: CalendarDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromEpochDay(epochDay: number): CalendarDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return fromParts(year, month, day);
}

export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  fromEpochDay(toEpochDay(date) + days);

/** Whole days from `from` to `to` (to − from); negative when `to` is earlier. */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  toEpochDay(to) - toEpochDay(from);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const d = (toEpochDay(date) + 3) % 7; // 1970-01-01 was a Thursday (ISO 4).
  return (d < 0 ? d + 7 : d) + 1;
}

export const minDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b);
export const maxDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a > b ? a : b);

/**
 * Overdue means: today is after the due date. Paying on the due date is on time.
 * The one answer to "overdue on the due date or from the day after?".
 */
export const isOverdue = (dueDate: CalendarDate, today: CalendarDate): boolean => today > dueDate;
