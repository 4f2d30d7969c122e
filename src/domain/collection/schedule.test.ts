/**
 * Goal: each step's date follows flow.md (counted from the actual earlier dates, on bank days),
 * and the preview timeline is what the engine does. Method: hand-checked 2026 dates, month
 * clamping, the stage each decision leads to, and the preview against a day-by-day run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDate as d } from '../calendar-date.ts';
import { isBankDay } from '../calendar/swedish-bank-days.ts';
import { stageAfter } from './decision.ts';
import { caseSnapshot, runCase, stepsOf } from './engine-test-support.ts';
import { defaultPolicy } from './policy.ts';
import {
  addMonthsClamped,
  decisionDate,
  demandDate,
  noticeDate,
  previewTimeline,
  reminderDate,
  reminderPayByDate,
} from './schedule.ts';

describe('step dates (default policy)', () => {
  it('due Saturday 2026-02-14 counts from Monday 02-16: notice 02-18, reminder 02-26', () => {
    expect(noticeDate(d('2026-02-14'), defaultPolicy)).toBe('2026-02-18');
    expect(reminderDate(d('2026-02-14'), defaultPolicy)).toBe('2026-02-26');
  });

  it('reminder due 03-09 (03-08 is a Sunday); demand 03-16 (03-14 is a Saturday)', () => {
    expect(reminderPayByDate(d('2026-02-26'), defaultPolicy)).toBe('2026-03-09');
    expect(demandDate(d('2026-03-09'), defaultPolicy)).toBe('2026-03-16');
  });

  it('the decision is the first bank day after the demand is due', () => {
    expect(decisionDate(d('2026-03-26'))).toBe('2026-03-27');
    expect(decisionDate(d('2026-04-02'))).toBe('2026-04-07'); // påsk: 04-03 … 04-06
  });
});

describe('addMonthsClamped', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonthsClamped(d('2026-03-16'), 6)).toBe('2026-09-16');
    expect(addMonthsClamped(d('2026-08-31'), 6)).toBe('2027-02-28');
    expect(addMonthsClamped(d('2027-08-31'), 6)).toBe('2028-02-29');
    expect(addMonthsClamped(d('2026-12-15'), 1)).toBe('2027-01-15');
  });
});

describe('stageAfter', () => {
  it('maps each step to the stage it leads to; waits and tasks keep the stage', () => {
    expect(
      stageAfter(
        { kind: 'send_notice', channel: 'email', nextReviewDate: d('2026-02-26') },
        'none',
      ),
    ).toBe('notice');
    expect(stageAfter({ kind: 'wait', reason: 'disputed', nextReviewDate: null }, 'reminder')).toBe(
      'reminder',
    );
    expect(
      stageAfter(
        { kind: 'open_task', task: 'complete_identity_number', nextReviewDate: null },
        'reminder',
      ),
    ).toBe('reminder');
    expect(
      stageAfter(
        { kind: 'apply_after_demand', action: 'payment_order', nextReviewDate: null },
        'collection_demand',
      ),
    ).toBe('payment_order');
  });
});

describe('previewTimeline', () => {
  it('the default timetable for an invoice due 2026-02-14 with e-mail', () => {
    expect(
      previewTimeline({ dueDate: d('2026-02-14'), emailAtCreation: true }, defaultPolicy),
    ).toEqual([
      { step: 'notice', date: '2026-02-18' },
      { step: 'reminder', date: '2026-02-26', payByDate: '2026-03-09' },
      { step: 'collection_demand', date: '2026-03-16', payByDate: '2026-03-26' },
      { step: 'decision', date: '2026-03-27' },
    ]);
  });

  it('property: every preview date is a bank day, in order, and equals a never-paying run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 10, max: 20 }),
        (offset, email, noticeDays, reminderDays) => {
          const dueDate = addDays(d('2025-09-01'), offset);
          const policy = {
            ...defaultPolicy,
            noticeDaysAfterDue: noticeDays,
            reminderDaysAfterDue: reminderDays,
            interestNoticeOnInvoice: false, // dates only: keep the run inside the rate table
          };
          const preview = previewTimeline({ dueDate, emailAtCreation: email }, policy);
          const dates = preview.map((entry) => entry.date);
          expect(dates.every(isBankDay)).toBe(true);
          expect([...dates].sort()).toEqual(dates);
          expect(new Set(dates).size).toBe(dates.length);
          const run = runCase({
            snapshot: caseSnapshot({
              dueDate,
              sentDate: addDays(dueDate, -30),
              invoiceDate: addDays(dueDate, -30),
              emailAtCreation: email,
            }),
            policy,
            from: addDays(dueDate, -30),
            through: addDays(dueDate, 120),
          });
          expect(stepsOf(run.entries).map((e) => e.date)).toEqual(dates);
        },
      ),
      { numRuns: 60 },
    );
  });
});
