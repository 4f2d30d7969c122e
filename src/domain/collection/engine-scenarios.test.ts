/**
 * Goal: whole cases behave as flow.md tells the story, day by day, to the öre and the date.
 * Method: runCase steps the date like the daily job (events first, then the engine when the case
 * is due, probing every other day that nothing was due) and applies each decision to the snapshot.
 * All statutory interest stays in the first half of 2026, the last half-year with a known rate.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate, type CalendarDate } from '../calendar-date.ts';
import { ore } from '../money.ts';
import { accrueInterest } from './case-interest.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import type { Decision } from './decision.ts';
import {
  applyPayment,
  caseSnapshot,
  runCase,
  stepsOf,
  type RunEntry,
  type RunEvent,
} from './engine-test-support.ts';
import { defaultPolicy, type CollectionPolicy } from './policy.ts';
import { previewTimeline } from './schedule.ts';
import { BUILT_IN_REFERENCE_RATES } from '../interest/reference-rate.ts';

const d = (text: string): CalendarDate => calendarDate(text);

/** A compact, readable line per step: "date kind [channel] [fee] [interest from–to]". */
function describeStep({ date, decision }: RunEntry): string {
  const parts: string[] = [date, decision.kind];
  const detail = decision as Partial<Record<string, unknown>> & Decision;
  if (typeof detail.channel === 'string') parts.push(detail.channel);
  if (typeof detail.fee === 'bigint') parts.push(`fee ${detail.fee}`);
  const interest = detail.interest as { amount: bigint; fromDate: string; toDate: string } | null;
  if (interest !== null && typeof interest === 'object') {
    parts.push(`interest ${interest.amount} ${interest.fromDate}–${interest.toDate}`);
  }
  if (typeof detail.payByDate === 'string') parts.push(`pay by ${detail.payByDate}`);
  if (decision.kind === 'wait') parts.push(decision.reason);
  return parts.join(' ');
}

function run(options: {
  snapshot?: Partial<CaseSnapshot>;
  policy?: Partial<CollectionPolicy>;
  from?: string;
  through: string;
  events?: RunEvent;
}) {
  const result = runCase({
    snapshot: caseSnapshot(options.snapshot),
    policy: { ...defaultPolicy, ...options.policy },
    from: d(options.from ?? '2026-01-15'),
    through: d(options.through),
    ...(options.events === undefined ? {} : { events: options.events }),
    probe: true,
  });
  return { ...result, steps: stepsOf(result.entries).map(describeStep) };
}

/** An event on one day only: fields of the case that change that day. */
const on =
  (date: string, change: Partial<CaseSnapshot>): RunEvent =>
  (day, { snapshot }) =>
    day === date ? { snapshot: { ...snapshot, ...change } } : null;

describe('a person with e-mail who never pays (invoice 2026-01-15, due Sat 02-14)', () => {
  const result = run({ through: '2026-04-30' });

  it('notice → reminder 60 kr + interest → demand 180 kr + interest → decision', () => {
    expect(result.steps).toEqual([
      '2026-02-18 send_notice email',
      // 10 000 kr × 10 % (referensränta 2 % + 8) × 10 days / 365 = 27.40 kr.
      '2026-02-26 send_reminder email fee 6000 interest 2740 2026-02-17–2026-02-26 pay by 2026-03-09',
      // 18 days (02-27…03-16) = 49.32 kr; deadline 03-26 (10 days, 4 bank days after 03-18).
      '2026-03-16 send_collection_demand letter fee 18000 interest 4932 2026-02-27–2026-03-16 pay by 2026-03-26',
      '2026-03-27 await_decision',
    ]);
  });

  it('ends awaiting the client with 240 kr fees and 76.72 kr interest booked', () => {
    expect(result.snapshot).toMatchObject({
      stage: 'awaiting_decision',
      decisionTaskOpen: true,
      feesOpen: 24_000n,
      interestOpen: 7_672n,
      interestBookedThrough: '2026-03-16',
      principalOpen: 1_000_000n,
    });
    // The API's balance on 04-30: booked + 45 unbooked days (123.29 kr).
    expect(
      accrueInterest(result.snapshot, result.policy, d('2026-04-30'), BUILT_IN_REFERENCE_RATES)
        .total,
    ).toBe(20_001n);
  });

  it('the preview timeline promised the same dates', () => {
    const preview = previewTimeline(
      { dueDate: d('2026-02-14'), emailAtCreation: true },
      defaultPolicy,
    );
    expect(stepsOf(result.entries).map((e) => e.date)).toEqual(preview.map((e) => e.date));
  });
});

describe('a company without e-mail, invoiced by letter, no reminder fee agreed', () => {
  it('no notice; reminder by letter without fee; demand 180 kr; decision', () => {
    const result = run({
      snapshot: {
        customerKind: 'company',
        emailAtCreation: false,
        currentEmail: false,
        deliveryMethod: 'letter',
        reminderFeeAgreed: false,
      },
      through: '2026-04-30',
    });
    expect(result.steps).toEqual([
      '2026-02-26 send_reminder letter fee 0 interest 2740 2026-02-17–2026-02-26 pay by 2026-03-09',
      '2026-03-16 send_collection_demand letter fee 18000 interest 4932 2026-02-27–2026-03-16 pay by 2026-03-26',
      '2026-03-27 await_decision',
    ]);
  });
});

describe('an e-mail address added after the invoice was created', () => {
  it('brings no notice for this invoice, but the e-invoice reminder now goes by e-mail', () => {
    const result = run({
      snapshot: { emailAtCreation: false, currentEmail: false, deliveryMethod: 'einvoice' },
      through: '2026-03-01',
      events: on('2026-02-01', { currentEmail: true }),
    });
    expect(result.steps).toEqual([
      '2026-02-26 send_reminder email fee 6000 interest 2740 2026-02-17–2026-02-26 pay by 2026-03-09',
    ]);
  });
});

describe('a missing identity number', () => {
  // The client completes the number on Wednesday 03-25 (the task closes with it).
  const addNumber = on('2026-03-25', {
    identityNumberPresent: true,
    completeIdentityTaskOpen: false,
  });
  const result = run({
    snapshot: { identityNumberPresent: false },
    through: '2026-04-30',
    events: addNumber,
  });

  it('opens a task with the reminder; the demand waits, then goes out the day it is added', () => {
    expect(result.steps).toEqual([
      '2026-02-18 send_notice email',
      '2026-02-26 send_reminder email fee 6000 interest 2740 2026-02-17–2026-02-26 pay by 2026-03-09',
      // 27 days 02-27…03-25 = 73.97 kr. Deadline 04-04 (Sat) → past påsk to Tuesday 04-07.
      '2026-03-25 send_collection_demand letter fee 18000 interest 7397 2026-02-27–2026-03-25 pay by 2026-04-07',
      '2026-04-08 await_decision',
    ]);
    const reminder = stepsOf(result.entries)[1]?.decision;
    expect(reminder).toMatchObject({ openTasks: ['complete_identity_number'] });
  });

  it('on the demand date the case waits with no review date: only the change wakes it', () => {
    const waits = result.entries.filter((e) => e.date === '2026-03-16');
    expect(waits.map((e) => e.decision)).toEqual([
      { kind: 'wait', reason: 'awaiting_identity_number', nextReviewDate: null },
    ]);
  });
});

describe('a dispute mid-flow', () => {
  const dispute: RunEvent = (day, { snapshot }) => {
    if (day === '2026-03-10') return { snapshot: { ...snapshot, disputed: true } };
    if (day === '2026-03-20') return { snapshot: { ...snapshot, disputed: false } };
    return null;
  };

  it('pauses at the reminder stage and resumes with the overdue demand when resolved', () => {
    const result = run({ through: '2026-04-30', events: dispute });
    expect(result.steps).toEqual([
      '2026-02-18 send_notice email',
      '2026-02-26 send_reminder email fee 6000 interest 2740 2026-02-17–2026-02-26 pay by 2026-03-09',
      '2026-03-20 send_collection_demand letter fee 18000 interest 6027 2026-02-27–2026-03-20 pay by 2026-03-30',
      '2026-03-31 await_decision',
    ]);
    expect(result.entries.find((e) => e.date === '2026-03-10')?.decision).toEqual({
      kind: 'wait',
      reason: 'disputed',
      nextReviewDate: null,
    });
  });

  it('a pause with an end date resumes by itself the day after', () => {
    const result = run({
      through: '2026-03-31',
      events: on('2026-02-20', { pausedUntil: d('2026-03-04') }),
    });
    expect(result.entries.find((e) => e.date === '2026-02-20')?.decision).toEqual({
      kind: 'wait',
      reason: 'paused',
      nextReviewDate: '2026-03-05',
    });
    expect(result.steps.slice(1, 2)).toEqual([
      '2026-03-05 send_reminder email fee 6000 interest 4658 2026-02-17–2026-03-05 pay by 2026-03-16',
    ]);
  });
});

describe('a due date on midsommarafton (Friday 2026-06-19), fixed 8 % agreed', () => {
  it('counts from Monday 06-22 and runs into July on the agreed rate', () => {
    const result = run({
      snapshot: {
        invoiceDate: d('2026-05-20'),
        sentDate: d('2026-05-20'),
        dueDate: d('2026-06-19'),
      },
      policy: { interest: { kind: 'fixed', rateBasisPoints: 800n } },
      from: '2026-05-20',
      through: '2026-08-31',
    });
    expect(result.steps).toEqual([
      '2026-06-24 send_notice email',
      // Interest from 06-23 (day after the moved due date): 10 days at 8 % = 21.92 kr.
      '2026-07-02 send_reminder email fee 6000 interest 2192 2026-06-23–2026-07-02 pay by 2026-07-13',
      '2026-07-20 send_collection_demand letter fee 18000 interest 3945 2026-07-03–2026-07-20 pay by 2026-07-30',
      '2026-07-31 await_decision',
    ]);
  });
});

describe('a policy change mid-flow', () => {
  const v2 = { ...defaultPolicy, version: 2, reminderDaysAfterDue: 14 };
  const v3 = { ...v2, version: 3, demandDaysAfterReminderDue: 10, collectionFee: ore(15_000n) };
  const change: RunEvent = (day) => {
    if (day === '2026-02-20') return { policy: v2 };
    if (day === '2026-03-05') return { policy: v3 };
    return null;
  };

  it('applies the new intervals and fee to the steps still to come', () => {
    const result = run({ through: '2026-04-30', events: change });
    expect(result.steps).toEqual([
      '2026-02-18 send_notice email',
      // v2: 02-16 + 14 = Monday 03-02; pay by 03-12.
      '2026-03-02 send_reminder email fee 6000 interest 3836 2026-02-17–2026-03-02 pay by 2026-03-12',
      // v3: 03-12 + 10 = Sunday 03-22 → Monday 03-23; fee 150 kr.
      '2026-03-23 send_collection_demand letter fee 15000 interest 5753 2026-03-03–2026-03-23 pay by 2026-04-02',
      '2026-04-07 await_decision',
    ]);
  });
});

describe('a missed week caught up', () => {
  it('sends one step a bank day, the earliest first, and counts later steps from actual dates', () => {
    const before = run({ through: '2026-02-16' });
    expect(before.steps).toEqual([]);
    // No runs 02-17…03-01: on Monday 03-02 the notice and the reminder are both overdue.
    const after = runCase({
      snapshot: before.snapshot,
      policy: defaultPolicy,
      from: d('2026-03-02'),
      through: d('2026-04-30'),
      probe: true,
    });
    expect(stepsOf(after.entries).map(describeStep)).toEqual([
      '2026-03-02 send_notice email',
      '2026-03-03 send_reminder email fee 6000 interest 4110 2026-02-17–2026-03-03 pay by 2026-03-13',
      // Counted from the reminder's actual due date (03-13 + 5 = 03-18), not from the schedule.
      '2026-03-18 send_collection_demand letter fee 18000 interest 4110 2026-03-04–2026-03-18 pay by 2026-03-30',
      '2026-03-31 await_decision',
    ]);
  });
});

describe('payments', () => {
  it('paid in full (with the interest accrued) before the reminder: no reminder, case paid', () => {
    // On 02-24 the payment first books 8 days' interest (02-17…02-24: 21.92 kr).
    const pay: RunEvent = (day, { snapshot, policy }) =>
      day === '2026-02-24'
        ? { snapshot: applyPayment(snapshot, policy, ore(1_002_192n), day) }
        : null;
    const result = run({ through: '2026-04-30', events: pay });
    expect(result.steps).toEqual(['2026-02-18 send_notice email']);
    expect(result.snapshot).toMatchObject({ status: 'paid', principalOpen: 0n, interestOpen: 0n });
  });

  it('paid the invoice amount only: interest comes first, so the rest is still collected', () => {
    const pay: RunEvent = (day, { snapshot, policy }) =>
      day === '2026-02-24'
        ? { snapshot: applyPayment(snapshot, policy, ore(1_000_000n), day) }
        : null;
    const result = run({ through: '2026-03-01', events: pay });
    // 10 000 kr paid 21.92 kr interest and 9 978.08 kr principal; 21.92 kr principal remains.
    expect(result.snapshot).toMatchObject({ status: 'sent', principalOpen: 2_192n });
    expect(result.steps.at(-1)).toBe(
      '2026-02-26 send_reminder email fee 6000 interest 1 2026-02-25–2026-02-26 pay by 2026-03-09',
    );
  });

  it('a partial payment: the demand shows the rest, interest on the reduced principal', () => {
    const pay: RunEvent = (day, { snapshot, policy }) =>
      day === '2026-03-04'
        ? { snapshot: applyPayment(snapshot, policy, ore(506_000n), day) }
        : null;
    const result = run({ through: '2026-04-30', events: pay });
    // 03-04: 6 more days booked (16.44 kr); 5 060 kr pays the fee 60, interest 43.84 and
    // principal 4 956.16, leaving 5 043.84 kr: 12 days at 10 % = 16.58 kr.
    expect(result.steps.slice(2, 3)).toEqual([
      '2026-03-16 send_collection_demand letter fee 18000 interest 1658 2026-03-05–2026-03-16 pay by 2026-03-26',
    ]);
  });

  it('a residual below writeOffBelow after a payment is written off and the case closes', () => {
    const pay: RunEvent = (day, { snapshot, policy }) =>
      day === '2026-03-04'
        ? { snapshot: applyPayment(snapshot, policy, ore(1_010_000n), day) }
        : null;
    const result = run({
      through: '2026-04-30',
      events: pay,
      policy: { writeOffBelow: ore(1_000n) },
    });
    expect(result.steps.at(-1)).toBe('2026-03-04 write_off');
    expect(result.snapshot).toMatchObject({ status: 'closed', principalOpen: 0n });
  });
});
