/**
 * Goal: the Swedish holiday calendar and bank-day moves match domain.md §9 and vectors 20-21.
 * Method: the 2025/2026 lists from §9 compared whole, known Easter dates, the vectors by number,
 * then fast-check properties over 2005-2100 (results are bank days, never earlier than the input).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDate,
  daysBetween,
  fromEpochDay,
  isoWeekday,
  toEpochDay,
} from '../calendar-date.ts';
import {
  addBankDays,
  easterSunday,
  effectiveDueDate,
  isBankDay,
  isPublicHoliday,
  nextBankDay,
  rollToBankDay,
  swedishHolidayEves,
  swedishPublicHolidays,
} from './swedish-bank-days.ts';

const d = calendarDate;

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('domain.md §9 holiday lists', () => {
  it('2025 holidays and eves', () => {
    expect(swedishPublicHolidays(2025).map((h) => h.date)).toEqual(
      [
        '01-01',
        '01-06',
        '04-18',
        '04-20',
        '04-21',
        '05-01',
        '05-29',
        '06-06',
        '06-08',
        '06-21',
        '11-01',
        '12-25',
        '12-26',
      ].map((md) => `2025-${md}`),
    );
    expect(swedishHolidayEves(2025).map((h) => h.date)).toEqual([
      '2025-06-20',
      '2025-12-24',
      '2025-12-31',
    ]);
  });

  it('2026 holidays and eves', () => {
    expect(swedishPublicHolidays(2026).map((h) => h.date)).toEqual(
      [
        '01-01',
        '01-06',
        '04-03',
        '04-05',
        '04-06',
        '05-01',
        '05-14',
        '05-24',
        '06-06',
        '06-20',
        '10-31',
        '12-25',
        '12-26',
      ].map((md) => `2026-${md}`),
    );
    expect(swedishHolidayEves(2026).map((h) => h.date)).toEqual([
      '2026-06-19',
      '2026-12-24',
      '2026-12-31',
    ]);
  });

  it('2027: Easter, Ascension, midsommarafton, alla helgons dag', () => {
    const byName = new Map(
      [...swedishPublicHolidays(2027), ...swedishHolidayEves(2027)].map((h) => [h.name, h.date]),
    );
    expect(byName.get('påskdagen')).toBe('2027-03-28');
    expect(byName.get('långfredagen')).toBe('2027-03-26');
    expect(byName.get('annandag påsk')).toBe('2027-03-29');
    expect(byName.get('Kristi himmelsfärdsdag')).toBe('2027-05-06');
    expect(byName.get('midsommarafton')).toBe('2027-06-25');
    expect(byName.get('alla helgons dag')).toBe('2027-11-06');
  });

  it('annandag pingst is a bank day (not a holiday since 2005)', () => {
    expect(isBankDay(d('2025-06-09'))).toBe(true);
    expect(isBankDay(d('2026-05-25'))).toBe(true);
  });

  it('Sundays are public holidays; Saturdays and eves are only non-bank days', () => {
    expect(isPublicHoliday(d('2025-03-09'))).toBe(true);
    expect(isPublicHoliday(d('2025-03-08'))).toBe(false);
    expect(isPublicHoliday(d('2025-12-24'))).toBe(false);
    expect(isBankDay(d('2025-12-24'))).toBe(false);
    expect(isBankDay(d('2025-03-08'))).toBe(false);
    expect(isBankDay(d('2025-03-07'))).toBe(true);
  });

  it('refuses years before the 2005 rules', () => {
    expect(() => swedishPublicHolidays(2004)).toThrow();
  });
});

describe('domain.md §12 vectors 20-21', () => {
  it.each([
    ['2025-12-31', '2026-01-02'],
    ['2026-06-19', '2026-06-22'],
    ['2025-04-18', '2025-04-22'],
    ['2026-12-24', '2026-12-28'],
    ['2025-06-06', '2025-06-09'],
    ['2025-05-29', '2025-05-30'],
  ])('vector 20: nextBankDay(%s) → %s (rollToBankDay agrees on non-bank days)', (from, to) => {
    expect(nextBankDay(d(from))).toBe(to);
    expect(rollToBankDay(d(from))).toBe(to);
  });

  it('vector 21: effectiveDueDate(2025-11-01, Saturday) → 2025-11-03', () => {
    expect(effectiveDueDate(d('2025-11-01'))).toBe('2025-11-03');
  });

  it('on a bank day: nextBankDay moves on, rollToBankDay and effectiveDueDate stay', () => {
    expect(nextBankDay(d('2025-11-03'))).toBe('2025-11-04');
    expect(rollToBankDay(d('2025-11-03'))).toBe('2025-11-03');
    expect(effectiveDueDate(d('2025-11-07'))).toBe('2025-11-07');
    expect(nextBankDay(d('2025-11-07'))).toBe('2025-11-10');
  });
});

describe('addBankDays', () => {
  it.each([
    ['2025-12-18', 0, '2025-12-18'],
    ['2025-12-18', 2, '2025-12-22'],
    ['2025-12-22', 4, '2026-01-02'],
    ['2025-12-27', 0, '2025-12-29'],
    ['2025-12-27', 1, '2025-12-29'],
    ['2025-12-27', 2, '2025-12-30'],
    ['2025-04-17', 1, '2025-04-22'],
  ])('addBankDays(%s, %i) → %s', (from, n, to) => {
    expect(addBankDays(d(from), n)).toBe(to);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addBankDays(d('2025-01-02'), -1)).toThrow();
    expect(() => addBankDays(d('2025-01-02'), 1.5)).toThrow();
  });
});

describe('properties (2005-2100)', () => {
  const dates = fc
    .integer({ min: toEpochDay(d('2005-01-01')), max: toEpochDay(d('2100-12-31')) })
    .map(fromEpochDay);

  it('rollToBankDay and nextBankDay land on a bank day, never earlier, at most 7 days later', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const rolled = rollToBankDay(date);
        const next = nextBankDay(date);
        expect(isBankDay(rolled) && isBankDay(next)).toBe(true);
        expect(rolled >= date && next > date).toBe(true);
        expect(daysBetween(date, next)).toBeLessThanOrEqual(7);
        // Nothing in between is a bank day.
        for (let day = addDays(date, 1); day < next; day = addDays(day, 1)) {
          expect(isBankDay(day)).toBe(false);
        }
      }),
    );
  });

  it('addBankDays lands on a bank day and counts exactly n bank days', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 40 }), (date, n) => {
        const result = addBankDays(date, n);
        expect(isBankDay(result)).toBe(true);
        expect(result >= date).toBe(true);
        let counted = 0;
        for (let day = addDays(date, 1); day <= result; day = addDays(day, 1)) {
          if (isBankDay(day)) counted += 1;
        }
        // From a bank day the count is n; from a non-bank day the rolled-to day is the first.
        expect(counted).toBe(isBankDay(date) ? n : Math.max(n, 1));
      }),
    );
  });

  it('a weekday is a bank day unless it is a named holiday or eve', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const year = Number(date.slice(0, 4));
        const named = [...swedishPublicHolidays(year), ...swedishHolidayEves(year)].some(
          (h) => h.date === date,
        );
        expect(isBankDay(date)).toBe(isoWeekday(date) <= 5 && !named);
      }),
    );
  });

  it('Easter is a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(isoWeekday(easter)).toBe(7);
        const monthDay = easter.slice(5);
        expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
      }),
    );
  });
});
