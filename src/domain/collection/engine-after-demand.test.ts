/**
 * Goal: decideNextStep follows flow.md's rules from the demand's due date on (decision,
 * surveillance), and its cross-cutting rules (dispute, pause, catch-up, write-off), one table
 * row per rule. Method: as engine.test.ts, on the same base case.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate as d } from '../calendar-date.ts';
import { ore } from '../money.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import {
  afterDemand,
  afterNotice,
  decideRow,
  interestOf,
  type RuleRow,
} from './engine-test-support.ts';

const decisionRows: RuleRow[] = [
  {
    rule: "no decision on the demand's due date itself",
    snapshot: afterDemand,
    today: '2026-03-26',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-03-27' },
  },
  {
    rule: 'the demand fell due unpaid: a decide_after_demand task for the client',
    snapshot: afterDemand,
    today: '2026-03-27',
    expected: { kind: 'await_decision', task: 'decide_after_demand', nextReviewDate: null },
  },
  {
    rule: 'a demand due on Friday is decided on Monday',
    snapshot: { ...afterDemand, demandDueDate: d('2026-03-27') },
    today: '2026-03-28',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-03-30' },
  },
  {
    rule: 'afterDemand payment_order: applied without asking',
    snapshot: afterDemand,
    policy: { afterDemand: 'payment_order' },
    today: '2026-03-27',
    expected: { kind: 'apply_after_demand', action: 'payment_order', nextReviewDate: null },
  },
  {
    rule: 'afterDemand surveillance: applied; the next demand is 6 months after the last',
    snapshot: afterDemand,
    policy: { afterDemand: 'surveillance' },
    today: '2026-03-27',
    expected: { kind: 'apply_after_demand', action: 'surveillance', nextReviewDate: '2026-09-16' },
  },
  {
    rule: 'awaiting the decision: wait for the client',
    snapshot: { ...afterDemand, stage: 'awaiting_decision', decisionTaskOpen: true },
    today: '2026-04-15',
    expected: { kind: 'wait', reason: 'awaiting_client_decision', nextReviewDate: null },
  },
  {
    rule: 'awaiting the decision with no open task: the task is opened again',
    snapshot: { ...afterDemand, stage: 'awaiting_decision', decisionTaskOpen: false },
    today: '2026-04-15',
    expected: { kind: 'await_decision', task: 'decide_after_demand' },
  },
  {
    rule: "payment order: Kronofogden's events drive the case",
    snapshot: { ...afterDemand, stage: 'payment_order' },
    today: '2026-04-15',
    expected: { kind: 'wait', reason: 'payment_order_in_progress', nextReviewDate: null },
  },
];

const surveillance: Partial<CaseSnapshot> = {
  ...afterDemand,
  stage: 'surveillance',
  demandSentDate: d('2025-12-15'),
  demandDueDate: d('2025-12-29'),
  interestBookedThrough: d('2026-06-05'),
};

const surveillanceRows: RuleRow[] = [
  {
    rule: 'surveillance: waits until the interval after the last demand',
    snapshot: surveillance,
    today: '2026-06-12',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-06-15' },
  },
  {
    rule: 'surveillance: a new demand each interval, no fee, interest booked',
    snapshot: surveillance,
    today: '2026-06-15',
    expected: {
      kind: 'send_surveillance_demand',
      channel: 'letter',
      interest: interestOf(2_740n, '2026-06-06', '2026-06-15'),
      // 06-25 by 10 days; 4 bank days after receipt 06-17 (midsommarafton 06-19 skipped) is 06-24.
      payByDate: '2026-06-25',
      nextReviewDate: '2026-12-15',
    },
  },
];

const pauseAndCatchUpRows: RuleRow[] = [
  {
    rule: 'a dispute pauses every step; resumed when resolved',
    snapshot: { ...afterNotice, disputed: true },
    today: '2026-02-26',
    expected: { kind: 'wait', reason: 'disputed', nextReviewDate: null },
  },
  {
    rule: 'a pause with an end date waits until the day after it',
    snapshot: { ...afterNotice, pausedUntil: d('2026-03-01') },
    today: '2026-02-26',
    expected: { kind: 'wait', reason: 'paused', nextReviewDate: '2026-03-02' },
  },
  {
    rule: 'after a pause the overdue step goes out',
    snapshot: { ...afterNotice, pausedUntil: d('2026-03-01') },
    today: '2026-03-02',
    expected: { kind: 'send_reminder', payByDate: '2026-03-12', nextReviewDate: '2026-03-17' },
  },
  {
    rule: 'steps go out on bank days only: a Saturday catch-up waits for Monday',
    snapshot: afterNotice,
    today: '2026-02-28',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-03-02' },
  },
  {
    rule: 'catch-up: the earliest pending step first, the next one the following bank day',
    today: '2026-03-02',
    expected: { kind: 'send_notice', nextReviewDate: '2026-03-03' },
  },
  {
    rule: 'one document per invoice per bank day',
    snapshot: { stage: 'notice', noticeSentDate: d('2026-03-02') },
    today: '2026-03-02',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-03-03' },
  },
];

const writeOffRows: RuleRow[] = [
  {
    rule: 'a residual after a payment below writeOffBelow is written off',
    snapshot: {
      ...afterNotice,
      principalOpen: ore(400n),
      feesOpen: ore(100n),
      paymentsApplied: ore(999_600n),
    },
    policy: { writeOffBelow: ore(1_000n) },
    today: '2026-02-20',
    expected: {
      kind: 'write_off',
      principal: 400n,
      fees: 100n,
      interest: 0n,
      nextReviewDate: null,
    },
  },
  {
    rule: 'no write-off without a payment: a small invoice is still collected',
    snapshot: { principalOpen: ore(500n) },
    policy: { writeOffBelow: ore(1_000n) },
    today: '2026-02-18',
    expected: { kind: 'send_notice' },
  },
  {
    rule: 'a residual equal to writeOffBelow is not below it',
    snapshot: { principalOpen: ore(1_000n), paymentsApplied: ore(999_000n) },
    policy: { writeOffBelow: ore(1_000n) },
    today: '2026-02-18',
    expected: { kind: 'send_notice' },
  },
];

describe.each([
  ['step 6: decision', decisionRows],
  ['surveillance', surveillanceRows],
  ['dispute, pause and catch-up', pauseAndCatchUpRows],
  ['write-off', writeOffRows],
])('%s', (_group, rows) => {
  it.each(rows)('$rule', (row) => {
    expect(decideRow(row)).toMatchObject(row.expected);
  });
});
