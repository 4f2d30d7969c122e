/**
 * Goal: förseningsersättning (1981:739 4 a §, domain.md vector 17) as the conservative reading
 * implements it: 450 kr from a company debtor, once, on the first reminder or inkassokrav on or
 * after the first interest day, in place of the 60/180 kr fees and never with them; never for a
 * person; off unless the client opts in. Method: the rule cases one by one through the engine,
 * then fast-check over random day-by-day runs with random policies, customers, payments and
 * policy changes (dates within the built-in rate table).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDate as d,
  fromEpochDay,
  toEpochDay,
  type CalendarDate,
} from '../calendar-date.ts';
import { ore } from '../money.ts';
import { BUILT_IN_REFERENCE_RATES } from '../interest/reference-rate.ts';
import { caseInterestStartDate } from './case-interest.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import type { Decision } from './decision.ts';
import { decideNextStep } from './engine.ts';
import {
  afterNotice,
  applyPayment,
  caseSnapshot,
  runCase,
  stepsOf,
  type RunEvent,
} from './engine-test-support.ts';
import { LATE_PAYMENT_COMPENSATION_ORE } from './fee-law.ts';
import { letterCosts } from './letter-costs.ts';
import {
  applyPolicyPatch,
  defaultPolicy,
  validatePolicy,
  type CollectionPolicy,
} from './policy.ts';

const optedIn: CollectionPolicy = { ...defaultPolicy, latePaymentCompensation: true };
const company = (over: Partial<CaseSnapshot> = {}) =>
  caseSnapshot({ customerKind: 'company', ...over });
const decide = (snapshot: CaseSnapshot, policy: CollectionPolicy, today: string) =>
  decideNextStep(snapshot, policy, d(today), BUILT_IN_REFERENCE_RATES);

/** The base case never paying, from sending to well after the demand's due date. */
const neverPaying = (snapshot: CaseSnapshot, policy: CollectionPolicy) =>
  stepsOf(
    runCase({ snapshot, policy, from: d('2026-01-15'), through: d('2026-06-30') }).entries,
  ).map((e) => ({
    date: e.date,
    kind: e.decision.kind,
    fee: 'fee' in e.decision ? e.decision.fee : undefined,
    lateCompensation: 'lateCompensation' in e.decision ? e.decision.lateCompensation : undefined,
  }));

describe('förseningsersättning in the flow', () => {
  it('vector 17: a company debtor pays 450 kr once, with the reminder, and no 60 or 180 kr', () => {
    // Base case: interest from 02-17, so the reminder of 02-26 is the first letter after it.
    expect(neverPaying(company(), optedIn)).toEqual([
      { date: '2026-02-18', kind: 'send_notice', fee: undefined, lateCompensation: undefined },
      { date: '2026-02-26', kind: 'send_reminder', fee: 0n, lateCompensation: 45_000n },
      { date: '2026-03-16', kind: 'send_collection_demand', fee: 0n, lateCompensation: 0n },
      { date: '2026-03-27', kind: 'await_decision', fee: undefined, lateCompensation: undefined },
    ]);
  });

  it('vector 17: the same company without the option gets the 60 and 180 kr fees', () => {
    const steps = neverPaying(company(), defaultPolicy);
    expect(steps.map((s) => [s.kind, s.fee, s.lateCompensation])).toEqual([
      ['send_notice', undefined, undefined],
      ['send_reminder', 6_000n, 0n],
      ['send_collection_demand', 18_000n, 0n],
      ['await_decision', undefined, undefined],
    ]);
  });

  it('a person never pays it: the ordinary fees, option or not', () => {
    const steps = neverPaying(caseSnapshot({ customerKind: 'person' }), optedIn);
    expect(steps.map((s) => [s.kind, s.fee, s.lateCompensation])).toEqual([
      ['send_notice', undefined, undefined],
      ['send_reminder', 6_000n, 0n],
      ['send_collection_demand', 18_000n, 0n],
      ['await_decision', undefined, undefined],
    ]);
  });

  it('a reminder before the first interest day carries no fee; the demand then carries the 450', () => {
    // 10-day terms: due 01-25 (Sunday → 01-26), reminder 02-05; interest from 02-14 (sent + 30).
    const short = company({ dueDate: d('2026-01-25') });
    expect(caseInterestStartDate(short, optedIn)).toBe('2026-02-14');
    const steps = neverPaying(short, optedIn).filter((s) => s.kind.startsWith('send_'));
    expect(steps.slice(1).map((s) => [s.date, s.kind, s.fee, s.lateCompensation])).toEqual([
      ['2026-02-05', 'send_reminder', 0n, 0n],
      ['2026-02-23', 'send_collection_demand', 0n, 45_000n],
    ]);
  });

  it('an invoice that already carries a 60 kr fee stays on the ordinary fees', () => {
    const reminded = company({
      ...afterNotice,
      stage: 'reminder',
      reminderSentDate: d('2026-02-26'),
      reminderDueDate: d('2026-03-09'),
      reminderFeeCharged: true,
      feesOpen: ore(6_000n),
    });
    expect(decide(reminded, optedIn, '2026-03-16')).toMatchObject({
      kind: 'send_collection_demand',
      fee: 18_000n,
      lateCompensation: 0n,
    });
  });

  it('once charged, no fee follows even if the client turns the option off', () => {
    const compensated = company({
      ...afterNotice,
      stage: 'reminder',
      reminderSentDate: d('2026-02-26'),
      reminderDueDate: d('2026-03-09'),
      lateCompensationCharged: true,
      feesOpen: LATE_PAYMENT_COMPENSATION_ORE,
    });
    expect(decide(compensated, defaultPolicy, '2026-03-16')).toMatchObject({
      kind: 'send_collection_demand',
      fee: 0n,
      lateCompensation: 0n,
    });
  });

  it('a surveillance demand carries it when no earlier letter could (interest came later)', () => {
    const s = company({ dueDate: d('2026-01-25') });
    expect(letterCosts('surveillance_demand', s, optedIn, d('2026-02-13'))).toEqual({
      fee: 0n,
      lateCompensation: 0n,
    });
    expect(letterCosts('surveillance_demand', s, optedIn, d('2026-02-14'))).toEqual({
      fee: 0n,
      lateCompensation: 45_000n,
    });
    expect(letterCosts('surveillance_demand', s, defaultPolicy, d('2026-02-14'))).toEqual({
      fee: 0n,
      lateCompensation: 0n,
    });
  });
});

describe('the policy option', () => {
  it('is off by default and a boolean', () => {
    expect(defaultPolicy.latePaymentCompensation).toBe(false);
    expect(
      validatePolicy({ ...defaultPolicy, latePaymentCompensation: 'yes' as unknown as boolean }),
    ).toEqual([
      expect.objectContaining({ path: 'latePaymentCompensation', code: 'must_be_boolean' }),
    ]);
  });

  it('needs interest to become due: an agreed due date or the interest notice', () => {
    const result = applyPolicyPatch(defaultPolicy, {
      latePaymentCompensation: true,
      interestNoticeOnInvoice: false,
      dueDatesAgreedInAdvance: false,
    });
    expect(result).toEqual({
      ok: false,
      error: [expect.objectContaining({ path: 'latePaymentCompensation', code: 'needs_interest' })],
    });
    expect(applyPolicyPatch(defaultPolicy, { latePaymentCompensation: true }).ok).toBe(true);
  });

  it('a policy version stored before the option existed can still be changed', () => {
    const { latePaymentCompensation: _, ...stored } = defaultPolicy;
    const result = applyPolicyPatch(stored as CollectionPolicy, { reminderFee: ore(5_000n) });
    expect(result).toMatchObject({ ok: true, value: { latePaymentCompensation: false } });
  });
});

const dateBetween = (min: string, max: string) =>
  fc.integer({ min: toEpochDay(d(min)), max: toEpochDay(d(max)) }).map(fromEpochDay);

const policyArb: fc.Arbitrary<CollectionPolicy> = fc
  .record({
    latePaymentCompensation: fc.boolean(),
    dueDatesAgreedInAdvance: fc.boolean(),
    interestNoticeOnInvoice: fc.boolean(),
    reminderDaysAfterDue: fc.integer({ min: 3, max: 25 }),
    reminderTermsDays: fc.integer({ min: 1, max: 20 }),
    demandDaysAfterReminderDue: fc.integer({ min: 1, max: 15 }),
    afterDemand: fc.constantFrom('ask' as const, 'surveillance' as const),
    surveillanceIntervalMonths: fc.integer({ min: 1, max: 3 }),
  })
  .map((p) => ({
    ...defaultPolicy,
    ...p,
    // The option needs interest to become due (validatePolicy).
    interestNoticeOnInvoice: p.interestNoticeOnInvoice || p.latePaymentCompensation,
  }));

type Event = { offset: number } & (
  { kind: 'pay'; amount: bigint } | { kind: 'policy'; policy: CollectionPolicy }
);
const eventArb: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    offset: fc.integer({ min: 0, max: 150 }),
    kind: fc.constant('pay' as const),
    amount: fc.bigInt({ min: 1n, max: 400_000n }),
  }),
  fc.record({
    offset: fc.integer({ min: 0, max: 150 }),
    kind: fc.constant('policy' as const),
    policy: policyArb,
  }),
);

const runArb = fc.record({
  sentDate: dateBetween('2025-01-01', '2025-12-31'),
  termsDays: fc.integer({ min: 0, max: 30 }),
  customerKind: fc.constantFrom('person' as const, 'company' as const),
  reminderFeeAgreed: fc.boolean(),
  policy: policyArb,
  events: fc.array(eventArb, { maxLength: 4 }),
});

const costsOf = (decision: Decision) => ({
  fee: 'fee' in decision ? decision.fee : 0n,
  lateCompensation: 'lateCompensation' in decision ? decision.lateCompensation : 0n,
});

describe('properties over random runs', () => {
  it('never twice, never with a 60/180 kr fee on the same invoice, never for a person, never before interest', () => {
    fc.assert(
      fc.property(runArb, (r) => {
        const snapshot = caseSnapshot({
          sentDate: r.sentDate,
          invoiceDate: r.sentDate,
          dueDate: addDays(r.sentDate, r.termsDays),
          customerKind: r.customerKind,
          reminderFeeAgreed: r.reminderFeeAgreed,
        });
        const events: RunEvent = (day, state) => {
          const todays = r.events.filter((e) => addDays(r.sentDate, e.offset) === day);
          if (todays.length === 0) return null;
          let { snapshot: s, policy: p } = state;
          for (const e of todays) {
            if (e.kind === 'pay' && s.status === 'sent') s = applyPayment(s, p, ore(e.amount), day);
            if (e.kind === 'policy') p = { ...e.policy, version: p.version + 1 };
          }
          return { snapshot: s, policy: p };
        };
        const through: CalendarDate = addDays(r.sentDate, 180);
        const result = runCase({ snapshot, policy: r.policy, from: r.sentDate, through, events });
        const steps = stepsOf(result.entries).map((e) => ({
          date: e.date,
          ...costsOf(e.decision),
        }));
        const compensations = steps.filter((s) => s.lateCompensation > 0n);
        const fees = steps.filter((s) => s.fee > 0n);
        expect(compensations.length).toBeLessThanOrEqual(1);
        if (compensations.length > 0) {
          expect(fees).toEqual([]);
          expect(r.customerKind).toBe('company');
          expect(compensations[0]!.lateCompensation).toBe(LATE_PAYMENT_COMPENSATION_ORE);
          expect(result.snapshot.lateCompensationCharged).toBe(true);
        }
        if (r.customerKind === 'person') expect(compensations).toEqual([]);
        // Policies change mid-run; no policy starts interest before the day after due (3 §).
        for (const c of compensations) {
          const start = caseInterestStartDate(snapshot, {
            ...defaultPolicy,
            dueDatesAgreedInAdvance: true,
          });
          expect(start === null || c.date >= start).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
