/**
 * Goal: calendar arithmetic is exact over centuries. Method: fixed examples (leap years,
 * weekdays) and fast-check properties against the epoch-day round trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDate,
  daysBetween,
  fromEpochDay,
  isOverdue,
  isoWeekday,
  parseCalendarDate,
  toEpochDay,
} from './calendar-date.ts';

describe('parseCalendarDate', () => {
  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-4-01', '20260401', '1899-12-31'])(
    'refuses %s',
    (text) => {
      expect(parseCalendarDate(text).ok).toBe(false);
    },
  );
  it('accepts a leap day', () => {
    expect(parseCalendarDate('2024-02-29').ok).toBe(true);
    expect(parseCalendarDate('2000-02-29').ok).toBe(true);
    expect(parseCalendarDate('1900-02-29').ok).toBe(false);
  });
});

describe('arithmetic', () => {
  it('counts days and weekdays', () => {
    expect(toEpochDay(calendarDate('1970-01-01'))).toBe(0);
    expect(addDays(calendarDate('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(calendarDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(daysBetween(calendarDate('2021-01-01'), calendarDate('2021-04-20'))).toBe(109);
    expect(isoWeekday(calendarDate('2026-06-19'))).toBe(5); // midsommarafton 2026 is a Friday
    expect(isoWeekday(calendarDate('2025-11-01'))).toBe(6);
  });

  it('round-trips epoch days and keeps addDays/daysBetween consistent (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20_000, max: 60_000 }),
        fc.integer({ min: -4000, max: 4000 }),
        (day, delta) => {
          const date = fromEpochDay(day);
          expect(toEpochDay(date)).toBe(day);
          expect(daysBetween(date, addDays(date, delta))).toBe(delta);
          expect(addDays(date, delta) > date).toBe(delta > 0);
        },
      ),
    );
  });

  it('is overdue only after the due date', () => {
    const due = calendarDate('2026-03-31');
    expect(isOverdue(due, calendarDate('2026-03-31'))).toBe(false);
    expect(isOverdue(due, calendarDate('2026-04-01'))).toBe(true);
  });
});
