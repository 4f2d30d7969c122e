/**
 * Swedish bank days (domain.md §9): Gregorian Easter, the public holidays of lag (1989:253) and
 * the eves that 5 § skuldebrevslagen treats as holidays, all as pure functions of the year.
 * Owns: "is this a bank day?" and moving a date onto one. Must not: read a clock.
 */
import { addDays, dateParts, fromParts, isoWeekday, type CalendarDate } from '../calendar-date.ts';
import { assert } from '../result.ts';

export type SwedishHoliday = { readonly date: CalendarDate; readonly name: string };

/**
 * The holiday rules coded here are those in force since 2005 (nationaldagen became a holiday and
 * annandag pingst stopped being one). Earlier years would be silently wrong, so they are refused.
 */
export const FIRST_SUPPORTED_YEAR = 2005;

/**
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Valid for any
 * Gregorian year; limited to the years a CalendarDate can hold (1900-9999).
 */
export function easterSunday(year: number): CalendarDate {
  assert(Number.isInteger(year) && year >= 1900 && year <= 9999, `year out of range: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromParts(year, month, day);
}

/** The first Saturday on or after the given day: midsommardagen and alla helgons dag. */
function saturdayFrom(year: number, month: number, day: number): CalendarDate {
  const start = fromParts(year, month, day);
  return addDays(start, (6 - isoWeekday(start) + 7) % 7);
}

function assertSupportedYear(year: number): void {
  assert(
    Number.isInteger(year) && year >= FIRST_SUPPORTED_YEAR,
    `Swedish holiday rules are coded from ${FIRST_SUPPORTED_YEAR}; got ${year}`,
  );
}

/**
 * The named public holidays of the year, sorted. Ordinary Sundays are holidays too (1989:253)
 * but are not listed; `isPublicHoliday` covers them.
 */
export function swedishPublicHolidays(year: number): readonly SwedishHoliday[] {
  assertSupportedYear(year);
  const easter = easterSunday(year);
  const holidays: SwedishHoliday[] = [
    { date: fromParts(year, 1, 1), name: 'nyårsdagen' },
    { date: fromParts(year, 1, 6), name: 'trettondedag jul' },
    { date: addDays(easter, -2), name: 'långfredagen' },
    { date: easter, name: 'påskdagen' },
    { date: addDays(easter, 1), name: 'annandag påsk' },
    { date: fromParts(year, 5, 1), name: 'första maj' },
    { date: addDays(easter, 39), name: 'Kristi himmelsfärdsdag' },
    { date: addDays(easter, 49), name: 'pingstdagen' },
    { date: fromParts(year, 6, 6), name: 'Sveriges nationaldag' },
    { date: saturdayFrom(year, 6, 20), name: 'midsommardagen' },
    { date: saturdayFrom(year, 10, 31), name: 'alla helgons dag' },
    { date: fromParts(year, 12, 25), name: 'juldagen' },
    { date: fromParts(year, 12, 26), name: 'annandag jul' },
  ];
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/**
 * The eves that are not public holidays but count as such for due dates (5 § 2 st.
 * skuldebrevslagen) and are not bank days. Påskafton and pingstafton are Saturdays anyway.
 */
export function swedishHolidayEves(year: number): readonly SwedishHoliday[] {
  assertSupportedYear(year);
  return [
    { date: addDays(saturdayFrom(year, 6, 20), -1), name: 'midsommarafton' },
    { date: fromParts(year, 12, 24), name: 'julafton' },
    { date: fromParts(year, 12, 31), name: 'nyårsafton' },
  ];
}

// Per-year sets of the named non-bank days. The content is a pure function of the year, so the
// cache only saves recomputation; it can never change an answer.
const holidayCache = new Map<number, ReadonlySet<string>>();
const evesCache = new Map<number, ReadonlySet<string>>();

function cachedDates(
  cache: Map<number, ReadonlySet<string>>,
  year: number,
  compute: (year: number) => readonly SwedishHoliday[],
): ReadonlySet<string> {
  let dates = cache.get(year);
  if (dates === undefined) {
    dates = new Set(compute(year).map((h) => h.date));
    cache.set(year, dates);
  }
  return dates;
}

/** A public holiday under 1989:253: a named holiday or any Sunday. */
export function isPublicHoliday(date: CalendarDate): boolean {
  const { year } = dateParts(date);
  return isoWeekday(date) === 7 || cachedDates(holidayCache, year, swedishPublicHolidays).has(date);
}

/** A bank day: Monday–Friday and neither a public holiday nor midsommar-, jul- or nyårsafton. */
export function isBankDay(date: CalendarDate): boolean {
  const { year } = dateParts(date);
  return (
    isoWeekday(date) <= 5 &&
    !cachedDates(holidayCache, year, swedishPublicHolidays).has(date) &&
    !cachedDates(evesCache, year, swedishHolidayEves).has(date)
  );
}

/**
 * The first bank day strictly AFTER `date`, whatever `date` is ("the next one"). For moving a
 * due date use `rollToBankDay`/`effectiveDueDate`, which keep a date that already is a bank day.
 * (domain.md vector 20 only uses non-bank days, where the two agree.)
 */
export function nextBankDay(date: CalendarDate): CalendarDate {
  let candidate = addDays(date, 1);
  // Runs of non-bank days are short (julafton to the following weekend is at most five days), so
  // the loop is too; the bound only stops a rule bug from turning into a hang.
  for (let guard = 0; !isBankDay(candidate); guard += 1) {
    assert(guard < 14, `no bank day within two weeks after ${date}`);
    candidate = addDays(candidate, 1);
  }
  return candidate;
}

/** `date` itself when it is a bank day, otherwise the next bank day. */
export function rollToBankDay(date: CalendarDate): CalendarDate {
  return isBankDay(date) ? date : nextBankDay(date);
}

/**
 * The day payment is actually due: 5 § skuldebrevslagen moves a due date that falls on a Sunday,
 * holiday, Saturday or midsommar-/jul-/nyårsafton to the next weekday that is none of those.
 * (Rent is moved the other way, 12:20 jordabalken; invoices never are.)
 */
export function effectiveDueDate(dueDate: CalendarDate): CalendarDate {
  return rollToBankDay(dueDate);
}

/**
 * The n-th bank day after `date` (n ≥ 0). Zero means `rollToBankDay(date)`, so the result is
 * always a bank day and never earlier than `date`.
 */
export function addBankDays(date: CalendarDate, bankDays: number): CalendarDate {
  assert(Number.isSafeInteger(bankDays) && bankDays >= 0, `bank days must be ≥ 0: ${bankDays}`);
  let result = rollToBankDay(date);
  // From a non-bank day, the first bank day reached by rolling already counts as the first step.
  let remaining = result === date ? bankDays : bankDays - 1;
  while (remaining > 0) {
    result = nextBankDay(result);
    remaining -= 1;
  }
  return result;
}
