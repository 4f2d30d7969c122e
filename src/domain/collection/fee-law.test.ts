/**
 * Goal: the fee caps are the statutory amounts in öre, and an inkassokrav deadline satisfies
 * both parts of god inkassosed (domain.md §2.1, vector 19). Method: constants against §2/§8,
 * vector 19 part by part, and fast-check properties of demandDeadline.
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
import { addBankDays, isBankDay } from '../calendar/swedish-bank-days.ts';
import {
  AMORTISATION_PLAN_FEE_CAP_ORE,
  assumedReceiptDate,
  COLLECTION_DEMAND_FEE_CAP_ORE,
  demandDeadline,
  demandDeadlineByCalendarDays,
  KRONOFOGDEN_AGENT_FEE_CAP_ORE,
  KRONOFOGDEN_APPLICATION_FEE_ORE,
  LATE_PAYMENT_COMPENSATION_ORE,
  REMINDER_FEE_CAP_ORE,
} from './fee-law.ts';

const d = calendarDate;

describe('statutory amounts (domain.md §2, §8)', () => {
  it('caps in öre', () => {
    expect(REMINDER_FEE_CAP_ORE).toBe(6_000n);
    expect(COLLECTION_DEMAND_FEE_CAP_ORE).toBe(18_000n);
    expect(AMORTISATION_PLAN_FEE_CAP_ORE).toBe(17_000n);
    expect(LATE_PAYMENT_COMPENSATION_ORE).toBe(45_000n);
    expect(KRONOFOGDEN_APPLICATION_FEE_ORE).toBe(30_000n);
    expect(KRONOFOGDEN_AGENT_FEE_CAP_ORE).toBe(38_000n);
  });

  it('vector 18: a betalningsföreläggande adds 300 + 380 = 680 kr', () => {
    expect(KRONOFOGDEN_APPLICATION_FEE_ORE + KRONOFOGDEN_AGENT_FEE_CAP_ORE).toBe(68_000n);
  });
});

describe('domain.md §12 vector 19: inkassokrav sent Thursday 2025-12-18', () => {
  it('vector 19: the 8-day part → 12-26 (annandag jul) rolled to Monday 2025-12-29', () => {
    expect(demandDeadlineByCalendarDays(d('2025-12-18'), 8)).toBe('2025-12-29');
    expect(demandDeadlineByCalendarDays(d('2025-12-18'), 0)).toBe('2025-12-29');
  });

  it('vector 19: the 4-bank-day check moves it to 2026-01-02 (receipt Monday 12-22)', () => {
    expect(assumedReceiptDate(d('2025-12-18'))).toBe('2025-12-22');
    // Bank days after 12-22: 12-23, 12-29, 12-30, 2026-01-02 (julafton to 12-28, 12-31 and 01-01
    // are not bank days). 12-29 would leave the debtor only two.
    expect(demandDeadline(d('2025-12-18'), 8)).toBe('2026-01-02');
  });

  it('e-mail (delivery 0 bank days) leaves the 8-day date standing', () => {
    expect(demandDeadline(d('2025-12-18'), 8, { deliveryBankDays: 0 })).toBe('2025-12-29');
  });
});

describe('demandDeadline in ordinary weeks', () => {
  it.each([
    ['2025-03-03', '2025-03-11'],
    ['2025-03-04', '2025-03-12'],
    ['2025-03-05', '2025-03-13'],
    ['2025-03-06', '2025-03-14'],
    ['2025-03-07', '2025-03-17'],
    ['2025-03-08', '2025-03-17'],
  ])('sent %s with 8-day terms → %s', (sent, expected) => {
    expect(demandDeadline(d(sent), 8)).toBe(expected);
  });

  it('longer terms win when they are later', () => {
    expect(demandDeadline(d('2025-03-03'), 30)).toBe('2025-04-02');
    expect(demandDeadline(d('2025-03-01'), 30)).toBe('2025-03-31');
  });

  it('refuses negative terms', () => {
    expect(() => demandDeadline(d('2025-03-03'), -1)).toThrow();
  });
});

describe('properties (2005-2100)', () => {
  const dates = fc
    .integer({ min: toEpochDay(d('2005-01-01')), max: toEpochDay(d('2100-12-01')) })
    .map(fromEpochDay);
  const terms = fc.integer({ min: 0, max: 60 });

  it('the deadline is a bank day, ≥ terms and ≥ 8 days, and ≥ 4 bank days after receipt', () => {
    fc.assert(
      fc.property(dates, terms, (sent, termsDays) => {
        const deadline = demandDeadline(sent, termsDays);
        expect(isBankDay(deadline)).toBe(true);
        expect(daysBetween(sent, deadline)).toBeGreaterThanOrEqual(Math.max(termsDays, 8));
        const receipt = assumedReceiptDate(sent);
        let bankDaysAfterReceipt = 0;
        for (let day = addDays(receipt, 1); day <= deadline; day = addDays(day, 1)) {
          if (isBankDay(day)) bankDaysAfterReceipt += 1;
        }
        expect(bankDaysAfterReceipt).toBeGreaterThanOrEqual(4);
      }),
    );
  });

  it('it is the earliest such day: the bank day before it breaks a rule', () => {
    fc.assert(
      fc.property(dates, terms, (sent, termsDays) => {
        const deadline = demandDeadline(sent, termsDays);
        let previous = addDays(deadline, -1);
        while (!isBankDay(previous)) previous = addDays(previous, -1);
        const tooFewDays = daysBetween(sent, previous) < Math.max(termsDays, 8);
        const tooFewBankDays = previous < addBankDays(assumedReceiptDate(sent), 4);
        expect(tooFewDays || tooFewBankDays).toBe(true);
      }),
    );
  });

  it('with 2-day post and no holiday near, the 4-bank-day rule never moves the 8-day date', () => {
    const quietWeeks = dates.filter((sent) => {
      for (let day = sent; day <= addDays(sent, 14); day = addDays(day, 1)) {
        if (!isBankDay(day) && isoWeekday(day) <= 5) return false;
      }
      return true;
    });
    fc.assert(
      fc.property(quietWeeks, (sent) => {
        expect(demandDeadline(sent, 8)).toBe(demandDeadlineByCalendarDays(sent, 8));
      }),
    );
  });
});
