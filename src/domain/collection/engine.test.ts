/**
 * Goal: decideNextStep follows every rule of flow.md up to the inkassokrav, one table row per
 * rule, named after it. Method: a base case (a person with e-mail, invoice 2026-01-15, due
 * Saturday 2026-02-14, so effective due Monday 02-16), a few fields changed per row, and the
 * decision matched. engine-after-demand.test.ts holds the rows from the decision on.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate as d } from '../calendar-date.ts';
import { ore } from '../money.ts';
import { InvariantError } from '../result.ts';
import { BUILT_IN_REFERENCE_RATES, ReferenceRateUnknownError } from '../interest/reference-rate.ts';
import { decideNextStep } from './engine.ts';
import {
  afterNotice,
  afterReminder,
  caseSnapshot,
  decideRow,
  interestOf,
  type RuleRow,
} from './engine-test-support.ts';
import { defaultPolicy } from './policy.ts';

const closedAndOwed: RuleRow[] = [
  {
    rule: 'a paid invoice is not collected',
    snapshot: { status: 'paid' },
    today: '2026-02-26',
    expected: { kind: 'wait', reason: 'closed', nextReviewDate: null },
  },
  {
    rule: 'a credited invoice is not collected',
    snapshot: { status: 'credited' },
    today: '2026-02-26',
    expected: { kind: 'wait', reason: 'closed', nextReviewDate: null },
  },
  {
    rule: 'nothing owed (principal + fees + interest = 0): nothing to do',
    snapshot: { principalOpen: ore(0n) },
    today: '2026-02-26',
    expected: { kind: 'wait', reason: 'nothing_owed', nextReviewDate: null },
  },
  {
    rule: 'only fees left: the flow continues for them',
    snapshot: { ...afterNotice, principalOpen: ore(0n), feesOpen: ore(100n) },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', interest: null },
  },
];

const noticeRows: RuleRow[] = [
  {
    rule: 'before the notice date the case waits until it',
    today: '2026-02-16',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-02-18' },
  },
  {
    rule: 'notice at effective due date + 2 by e-mail, no fee; next review is the reminder date',
    today: '2026-02-18',
    expected: { kind: 'send_notice', channel: 'email', nextReviewDate: '2026-02-26' },
  },
  {
    rule: 'no e-mail at creation: the notice is skipped and the reminder is next',
    snapshot: { emailAtCreation: false, currentEmail: false, deliveryMethod: 'letter' },
    today: '2026-02-18',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-02-26' },
  },
  {
    rule: 'an e-mail added after the invoice was created does not bring a notice',
    snapshot: { emailAtCreation: false, currentEmail: true },
    today: '2026-02-18',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-02-26' },
  },
];

const reminderRows: RuleRow[] = [
  {
    rule: 'reminder at effective due date + 10 with the agreed fee and interest to its date',
    snapshot: afterNotice,
    today: '2026-02-26',
    expected: {
      kind: 'send_reminder',
      channel: 'email',
      fee: 6_000n,
      // 10 000 kr × 10 % × 10 days (02-17…02-26) / 365 = 27.397… kr.
      interest: interestOf(2_740n, '2026-02-17', '2026-02-26'),
      payByDate: '2026-03-09', // 02-26 + 10 = Sunday 03-08 → Monday
      openTasks: [],
      nextReviewDate: '2026-03-16', // 03-09 + 5 = Saturday 03-14 → Monday
    },
  },
  {
    rule: 'vector 16: no reminder fee unless agreed',
    snapshot: { ...afterNotice, reminderFeeAgreed: false },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', fee: 0n },
  },
  {
    rule: 'vector 16: one reminder fee per invoice',
    snapshot: { ...afterNotice, reminderFeeCharged: true },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', fee: 0n },
  },
  {
    rule: "reminder by the invoice's delivery method: letter",
    snapshot: { ...afterNotice, deliveryMethod: 'letter' },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', channel: 'letter' },
  },
  {
    rule: "an e-invoice's reminder goes by e-mail where there is one",
    snapshot: { ...afterNotice, deliveryMethod: 'einvoice', currentEmail: true },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', channel: 'email' },
  },
  {
    rule: "an e-invoice's reminder goes by letter without an e-mail",
    snapshot: { ...afterNotice, deliveryMethod: 'einvoice', currentEmail: false },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', channel: 'letter' },
  },
  {
    rule: 'räntelagen 4 §: no interest before sent date + 30',
    snapshot: {
      ...afterNotice,
      invoiceDate: d('2026-02-05'),
      sentDate: d('2026-02-05'),
      dueDate: d('2026-02-15'),
    },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', interest: null },
  },
  {
    rule: 'räntelagen 3 §: due dates agreed in advance bear interest from the day after due',
    snapshot: {
      ...afterNotice,
      invoiceDate: d('2026-02-05'),
      sentDate: d('2026-02-05'),
      dueDate: d('2026-02-15'),
    },
    policy: { dueDatesAgreedInAdvance: true },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', interest: interestOf(2_740n, '2026-02-17', '2026-02-26') },
  },
  {
    rule: 'räntelagen 4 §: no interest without the interest notice on the invoice',
    snapshot: afterNotice,
    policy: { interestNoticeOnInvoice: false },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', interest: null },
  },
  {
    rule: 'interest only for the days not yet booked',
    snapshot: { ...afterNotice, interestBookedThrough: d('2026-02-20'), interestOpen: ore(1n) },
    today: '2026-02-26',
    // 6 days (02-21…02-26): 16.438… kr.
    expected: { kind: 'send_reminder', interest: interestOf(1_644n, '2026-02-21', '2026-02-26') },
  },
  {
    rule: 'interest on the principal only, never on fees',
    snapshot: { ...afterNotice, feesOpen: ore(50_000n) },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', interest: interestOf(2_740n, '2026-02-17', '2026-02-26') },
  },
  {
    rule: 'a fixed agreed rate replaces the statutory one',
    snapshot: afterNotice,
    policy: { interest: { kind: 'fixed', rateBasisPoints: 1_200n } },
    today: '2026-02-26',
    // 10 000 kr × 12 % × 10 / 365 = 32.876… kr.
    expected: { kind: 'send_reminder', interest: interestOf(3_288n, '2026-02-17', '2026-02-26') },
  },
  {
    rule: 'identity number missing at the reminder: task complete_identity_number',
    snapshot: { ...afterNotice, identityNumberPresent: false },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', openTasks: ['complete_identity_number'] },
  },
  {
    rule: 'identity task already open: not opened twice',
    snapshot: { ...afterNotice, identityNumberPresent: false, completeIdentityTaskOpen: true },
    today: '2026-02-26',
    expected: { kind: 'send_reminder', openTasks: [] },
  },
];

const demandRows: RuleRow[] = [
  {
    rule: 'before the demand date the case waits until it',
    snapshot: afterReminder,
    today: '2026-03-13',
    expected: { kind: 'wait', reason: 'not_due', nextReviewDate: '2026-03-16' },
  },
  {
    rule: "demand at the reminder's due date + 5 by letter with 180 kr and interest to its date",
    snapshot: afterReminder,
    today: '2026-03-16',
    expected: {
      kind: 'send_collection_demand',
      channel: 'letter',
      fee: 18_000n,
      // 18 days (02-27…03-16): 49.315… kr.
      interest: interestOf(4_932n, '2026-02-27', '2026-03-16'),
      payByDate: '2026-03-26',
      nextReviewDate: '2026-03-27',
    },
  },
  {
    rule: 'one collection fee per invoice',
    snapshot: { ...afterReminder, collectionFeeCharged: true },
    today: '2026-03-16',
    expected: { kind: 'send_collection_demand', fee: 0n },
  },
  {
    rule: 'vector 17: a company gets the 180 kr fee, no förseningsersättning by default',
    snapshot: { ...afterReminder, customerKind: 'company' },
    today: '2026-03-16',
    expected: { kind: 'send_collection_demand', fee: 18_000n },
  },
  {
    rule: 'demand without identity number: the task is opened',
    snapshot: { ...afterReminder, identityNumberPresent: false },
    today: '2026-03-16',
    expected: { kind: 'open_task', task: 'complete_identity_number', nextReviewDate: null },
  },
  {
    rule: 'demand without identity number and the task open: wait for it, review on change',
    snapshot: { ...afterReminder, identityNumberPresent: false, completeIdentityTaskOpen: true },
    today: '2026-03-16',
    expected: { kind: 'wait', reason: 'awaiting_identity_number', nextReviewDate: null },
  },
  {
    rule: 'demand without registered address: the task is opened',
    snapshot: { ...afterReminder, registeredAddressPresent: false },
    today: '2026-03-16',
    expected: { kind: 'open_task', task: 'complete_registered_address', nextReviewDate: null },
  },
  {
    rule: 'demand without registered address and the task open: wait for it',
    snapshot: { ...afterReminder, registeredAddressPresent: false, completeAddressTaskOpen: true },
    today: '2026-03-16',
    expected: { kind: 'wait', reason: 'awaiting_registered_address', nextReviewDate: null },
  },
  {
    rule: 'vector 19: the demand deadline keeps 8 days and 4 bank days after receipt',
    snapshot: {
      ...afterReminder,
      invoiceDate: d('2025-10-15'),
      sentDate: d('2025-10-15'),
      dueDate: d('2025-11-14'),
      noticeSentDate: d('2025-11-18'),
      interestBookedThrough: null,
      reminderSentDate: d('2025-12-01'),
      reminderDueDate: d('2025-12-12'),
    },
    policy: { demandDaysAfterReminderDue: 6, demandTermsDays: 8, interestNoticeOnInvoice: false },
    today: '2025-12-18',
    expected: {
      kind: 'send_collection_demand',
      payByDate: '2026-01-02',
      nextReviewDate: '2026-01-05',
    },
  },
];

describe.each([
  ['status and balance', closedAndOwed],
  ['step 3: overdue notice', noticeRows],
  ['step 4: reminder', reminderRows],
  ['step 5: collection demand', demandRows],
])('%s', (_group, rows) => {
  it.each(rows)('$rule', (row) => {
    expect(decideRow(row)).toMatchObject(row.expected);
  });
});

describe('refusals', () => {
  it('statutory interest in an unpublished half-year throws rather than guesses', () => {
    expect(() =>
      decideNextStep(
        caseSnapshot(afterNotice),
        defaultPolicy,
        d('2026-07-02'),
        BUILT_IN_REFERENCE_RATES,
      ),
    ).toThrow(ReferenceRateUnknownError);
  });

  it('a case at the reminder stage without its due date is a broken invariant', () => {
    const broken = caseSnapshot({ ...afterReminder, reminderDueDate: null });
    expect(() =>
      decideNextStep(broken, defaultPolicy, d('2026-03-16'), BUILT_IN_REFERENCE_RATES),
    ).toThrow(InvariantError);
  });
});
