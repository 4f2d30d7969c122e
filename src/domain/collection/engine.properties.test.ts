/**
 * Goal: the engine's promises hold for any case, policy and date, not just the stories told in
 * the scenarios. Method: fast-check over (a) random snapshots at random stages and dates and
 * (b) random day-by-day runs with random events (disputes, pauses, payments, policy changes).
 * Dates stay within 2025-01-01…2026-06-30, where the statutory rate is published.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDate,
  fromEpochDay,
  minDate,
  toEpochDay,
  type CalendarDate,
} from '../calendar-date.ts';
import { isBankDay, nextBankDay } from '../calendar/swedish-bank-days.ts';
import { ore, sumOre } from '../money.ts';
import type { CaseSnapshot, CollectionStage } from './case-snapshot.ts';
import { isStepTaken, type Decision } from './decision.ts';
import { decideNextStep } from './engine.ts';
import { applyPayment, caseSnapshot, runCase, type RunEvent } from './engine-test-support.ts';
import { defaultPolicy, validatePolicy, type CollectionPolicy } from './policy.ts';
import { COLLECTION_DEMAND_FEE_CAP_ORE, REMINDER_FEE_CAP_ORE } from './fee-law.ts';
import { BUILT_IN_REFERENCE_RATES } from '../interest/reference-rate.ts';

const LAST_RATE_DAY = calendarDate('2026-06-30');
const dateBetween = (min: string, max: string) =>
  fc
    .integer({ min: toEpochDay(calendarDate(min)), max: toEpochDay(calendarDate(max)) })
    .map(fromEpochDay);

const policyArb: fc.Arbitrary<CollectionPolicy> = fc
  .record({
    noticeDaysAfterDue: fc.integer({ min: 1, max: 15 }),
    reminderGap: fc.integer({ min: 1, max: 20 }),
    reminderTermsDays: fc.integer({ min: 1, max: 30 }),
    demandDaysAfterReminderDue: fc.integer({ min: 1, max: 20 }),
    demandTermsDays: fc.integer({ min: 8, max: 30 }),
    reminderFee: fc.bigInt({ min: 0n, max: REMINDER_FEE_CAP_ORE }),
    collectionFee: fc.bigInt({ min: 0n, max: COLLECTION_DEMAND_FEE_CAP_ORE }),
    interest: fc.oneof(
      fc
        .bigInt({ min: 0n, max: 800n })
        .map((m) => ({ kind: 'statutory' as const, marginBasisPoints: m })),
      fc
        .bigInt({ min: 0n, max: 3_000n })
        .map((r) => ({ kind: 'fixed' as const, rateBasisPoints: r })),
    ),
    dueDatesAgreedInAdvance: fc.boolean(),
    interestNoticeOnInvoice: fc.boolean(),
    afterDemand: fc.constantFrom('ask' as const, 'payment_order' as const, 'surveillance' as const),
    writeOffBelow: fc.bigInt({ min: 0n, max: 5_000n }),
    surveillanceIntervalMonths: fc.integer({ min: 1, max: 24 }),
  })
  .map(({ reminderGap, reminderFee, collectionFee, writeOffBelow, ...rest }) => ({
    ...defaultPolicy,
    ...rest,
    reminderDaysAfterDue: rest.noticeDaysAfterDue + reminderGap,
    reminderFee: ore(reminderFee),
    collectionFee: ore(collectionFee),
    writeOffBelow: ore(writeOffBelow),
  }));

const STAGES: readonly CollectionStage[] = [
  'none',
  'notice',
  'reminder',
  'collection_demand',
  'awaiting_decision',
  'payment_order',
  'surveillance',
];
const STAGE_INDEX = (stage: CollectionStage) => STAGES.indexOf(stage);

/** A snapshot at any stage, its document dates filled in as the stage needs, and a run date. */
const snapshotAndDateArb = fc
  .record({
    sentDate: dateBetween('2025-01-01', '2026-03-31'),
    termsDays: fc.integer({ min: 0, max: 40 }),
    stage: fc.constantFrom(...STAGES),
    status: fc.oneof(
      { weight: 8, arbitrary: fc.constant<CaseSnapshot['status']>('sent') },
      {
        weight: 1,
        arbitrary: fc.constantFrom<CaseSnapshot['status']>('paid', 'credited', 'closed'),
      },
    ),
    flags: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    principal: fc.bigInt({ min: 0n, max: 5_000_000n }),
    fees: fc.bigInt({ min: 0n, max: 24_000n }),
    interest: fc.bigInt({ min: 0n, max: 50_000n }),
    paid: fc.bigInt({ min: 0n, max: 100_000n }),
    offsets: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 4, maxLength: 4 }),
    bookedOffset: fc.option(fc.integer({ min: 0, max: 150 })),
    // Mostly no pause; sometimes one ending anywhere around the run date.
    pauseOffset: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.integer({ min: -20, max: 150 }) },
    ),
    todayOffset: fc.integer({ min: -10, max: 200 }),
  })
  .map((r) => {
    const [
      email,
      current,
      idPresent,
      address,
      agreed,
      remFee,
      colFee,
      disputed,
      idTask,
      addrTask,
      decTask,
      person,
    ] = r.flags as [
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
    ];
    const [reminderAfterDue, reminderTerms, demandAfter, demandTerms] = r.offsets as [
      number,
      number,
      number,
      number,
    ];
    const dueDate = addDays(r.sentDate, r.termsDays);
    const at = (stage: CollectionStage) => STAGE_INDEX(r.stage) >= STAGE_INDEX(stage);
    const reminderSentDate = at('reminder') ? addDays(dueDate, reminderAfterDue) : null;
    const reminderDueDate = reminderSentDate && addDays(reminderSentDate, reminderTerms);
    const demandSentDate =
      reminderDueDate && at('collection_demand') ? addDays(reminderDueDate, demandAfter) : null;
    const today = minDate(addDays(dueDate, r.todayOffset), LAST_RATE_DAY);
    const snapshot = caseSnapshot({
      status: r.status,
      stage: r.stage,
      sentDate: r.sentDate,
      invoiceDate: r.sentDate,
      dueDate,
      customerKind: person ? 'person' : 'company',
      emailAtCreation: email,
      currentEmail: current,
      identityNumberPresent: idPresent,
      registeredAddressPresent: address,
      reminderFeeAgreed: agreed,
      reminderFeeCharged: remFee,
      collectionFeeCharged: colFee,
      disputed: disputed && r.todayOffset % 3 === 0,
      completeIdentityTaskOpen: idTask,
      completeAddressTaskOpen: addrTask,
      decisionTaskOpen: decTask,
      principalOpen: ore(r.principal),
      feesOpen: ore(r.fees),
      interestOpen: ore(r.interest),
      paymentsApplied: ore(r.paid),
      interestBookedThrough:
        r.bookedOffset === null ? null : minDate(addDays(dueDate, r.bookedOffset), today),
      noticeSentDate: at('notice') && email ? addDays(dueDate, 2) : null,
      reminderSentDate,
      reminderDueDate,
      demandSentDate,
      demandDueDate: demandSentDate && addDays(demandSentDate, demandTerms),
      pausedUntil: r.pauseOffset === null ? null : addDays(dueDate, r.pauseOffset),
    });
    return { snapshot, today };
  });

const feeOf = (decision: Decision) =>
  decision.kind === 'send_reminder' || decision.kind === 'send_collection_demand'
    ? decision.fee
    : null;

describe('properties over random snapshots', () => {
  it('the generated policies are valid ones', () => {
    fc.assert(
      fc.property(policyArb, (policy) => {
        expect(validatePolicy(policy)).toEqual([]);
      }),
    );
  });

  it('decisions are deterministic: same input, same decision, even from a copy', () => {
    fc.assert(
      fc.property(snapshotAndDateArb, policyArb, ({ snapshot, today }, policy) => {
        const first = decideNextStep(snapshot, policy, today, BUILT_IN_REFERENCE_RATES);
        expect(
          decideNextStep(
            structuredClone(snapshot),
            structuredClone(policy),
            today,
            BUILT_IN_REFERENCE_RATES,
          ),
        ).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('never a second reminder fee or a second collection fee', () => {
    fc.assert(
      fc.property(snapshotAndDateArb, policyArb, ({ snapshot, today }, policy) => {
        const decision = decideNextStep(snapshot, policy, today, BUILT_IN_REFERENCE_RATES);
        if (decision.kind === 'send_reminder' && snapshot.reminderFeeCharged)
          expect(decision.fee).toBe(0n);
        if (decision.kind === 'send_reminder' && !snapshot.reminderFeeAgreed)
          expect(decision.fee).toBe(0n);
        if (decision.kind === 'send_collection_demand' && snapshot.collectionFeeCharged)
          expect(decision.fee).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  it('a step taken schedules its next review no earlier than the next bank day; a wait never today', () => {
    fc.assert(
      fc.property(snapshotAndDateArb, policyArb, ({ snapshot, today }, policy) => {
        const decision = decideNextStep(snapshot, policy, today, BUILT_IN_REFERENCE_RATES);
        if (decision.nextReviewDate === null) return;
        expect(decision.nextReviewDate > today).toBe(true);
        if (isStepTaken(decision)) expect(decision.nextReviewDate >= nextBankDay(today)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('documents go out on bank days only, and interest is never booked twice for a day', () => {
    fc.assert(
      fc.property(snapshotAndDateArb, policyArb, ({ snapshot, today }, policy) => {
        const decision = decideNextStep(snapshot, policy, today, BUILT_IN_REFERENCE_RATES);
        if (decision.kind.startsWith('send_')) expect(isBankDay(today)).toBe(true);
        const interest =
          'interest' in decision && typeof decision.interest === 'object'
            ? decision.interest
            : null;
        if (interest !== null && snapshot.interestBookedThrough !== null) {
          expect(interest.fromDate > snapshot.interestBookedThrough).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

type EventSpec =
  | { kind: 'dispute' | 'resolve' | 'identity' | 'address' | 'drop_email' }
  | { kind: 'pause'; days: number }
  | { kind: 'pay'; amount: bigint }
  | { kind: 'policy'; policy: CollectionPolicy };

const eventArb: fc.Arbitrary<EventSpec> = fc.oneof(
  fc
    .constantFrom(
      'dispute' as const,
      'resolve' as const,
      'identity' as const,
      'address' as const,
      'drop_email' as const,
    )
    .map((kind): EventSpec => ({ kind })),
  fc.integer({ min: 1, max: 30 }).map((days) => ({ kind: 'pause' as const, days })),
  fc.bigInt({ min: 1n, max: 3_000_000n }).map((amount) => ({ kind: 'pay' as const, amount })),
  policyArb.map((policy) => ({ kind: 'policy' as const, policy })),
);

function eventsFrom(start: CalendarDate, specs: readonly [number, EventSpec][]): RunEvent {
  return (day, { snapshot, policy }) => {
    const today = specs.filter(([offset]) => addDays(start, offset) === day).map(([, e]) => e);
    if (today.length === 0) return null;
    let s = snapshot;
    let p = policy;
    for (const event of today) {
      if (event.kind === 'dispute') s = { ...s, disputed: true };
      if (event.kind === 'resolve') s = { ...s, disputed: false };
      if (event.kind === 'identity')
        s = { ...s, identityNumberPresent: true, completeIdentityTaskOpen: false };
      if (event.kind === 'address')
        s = { ...s, registeredAddressPresent: true, completeAddressTaskOpen: false };
      if (event.kind === 'drop_email') s = { ...s, currentEmail: false };
      if (event.kind === 'pause') s = { ...s, pausedUntil: addDays(day, event.days) };
      if (event.kind === 'pay' && s.status === 'sent')
        s = applyPayment(s, p, ore(event.amount), day);
      if (event.kind === 'policy') p = { ...event.policy, version: p.version + 1 };
    }
    return { snapshot: s, policy: p };
  };
}

const runArb = fc.record({
  sentDate: dateBetween('2025-01-01', '2026-01-31'),
  termsDays: fc.integer({ min: 0, max: 30 }),
  policy: policyArb,
  flags: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  delivery: fc.constantFrom('email' as const, 'letter' as const, 'einvoice' as const),
  principal: fc.bigInt({ min: 1n, max: 5_000_000n }),
  events: fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), eventArb), { maxLength: 6 }),
});

describe('properties over random day-by-day runs', () => {
  it('one reminder fee and one collection fee at most, one document a bank day, reviews honest', () => {
    fc.assert(
      fc.property(runArb, (r) => {
        const [email, current, idPresent, address, agreed, person] = r.flags as [
          boolean,
          boolean,
          boolean,
          boolean,
          boolean,
          boolean,
        ];
        const dueDate = addDays(r.sentDate, r.termsDays);
        const result = runCase({
          snapshot: caseSnapshot({
            sentDate: r.sentDate,
            invoiceDate: r.sentDate,
            dueDate,
            customerKind: person ? 'person' : 'company',
            emailAtCreation: email,
            currentEmail: current,
            deliveryMethod: r.delivery,
            identityNumberPresent: idPresent,
            registeredAddressPresent: address,
            reminderFeeAgreed: agreed,
            principalOpen: ore(r.principal),
          }),
          policy: r.policy,
          from: r.sentDate,
          through: minDate(addDays(r.sentDate, 250), LAST_RATE_DAY),
          events: eventsFrom(r.sentDate, r.events),
          probe: true, // throws if a step was due on a day the case was not up for review
        });
        const decisions = result.entries.map((e) => e.decision);
        const reminderFees = decisions.filter((d) => d.kind === 'send_reminder').map(feeOf);
        const demandFees = decisions.filter((d) => d.kind === 'send_collection_demand').map(feeOf);
        expect(reminderFees.filter((fee) => fee !== null && fee > 0n).length).toBeLessThanOrEqual(
          1,
        );
        expect(demandFees.filter((fee) => fee !== null && fee > 0n).length).toBeLessThanOrEqual(1);
        expect(sumOre(reminderFees.map((f) => f ?? ore(0n)))).toBeLessThanOrEqual(
          REMINDER_FEE_CAP_ORE,
        );
        expect(decisions.filter((d) => d.kind === 'send_reminder').length).toBeLessThanOrEqual(1);
        expect(
          decisions.filter((d) => d.kind === 'send_collection_demand').length,
        ).toBeLessThanOrEqual(1);
        const documentDays = result.entries
          .filter((e) => e.decision.kind.startsWith('send_'))
          .map((e) => e.date);
        expect(new Set(documentDays).size).toBe(documentDays.length);
        expect(documentDays.every(isBankDay)).toBe(true);
        for (const { date, decision } of result.entries) {
          if (isStepTaken(decision) && decision.nextReviewDate !== null) {
            expect(decision.nextReviewDate >= addDays(date, 1)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
