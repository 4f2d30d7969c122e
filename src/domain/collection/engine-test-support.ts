/**
 * Test support for the collection engine: a snapshot builder, a tiny pure "apply" that does to a
 * snapshot what the use case does to the database, and a day-by-day driver like the daily job.
 * Used by the engine's tests only. Must not: grow rules of its own; it only mirrors decisions.
 */
import { addDays, calendarDate, type CalendarDate } from '../calendar-date.ts';
import { addOre, minOre, ore, subtractOre, ZERO_ORE, type Ore } from '../money.ts';
import { assertNever } from '../result.ts';
import { interestToBook, type InterestCharge } from './case-interest.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { isStepTaken, stageAfter, type Decision } from './decision.ts';
import { decideNextStep } from './engine.ts';
import { defaultPolicy, type CollectionPolicy } from './policy.ts';
import { BUILT_IN_REFERENCE_RATES } from '../interest/reference-rate.ts';

/** A person with e-mail, invoiced 2026-01-15 (sent the same day), due Saturday 2026-02-14. */
export function caseSnapshot(overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    invoiceId: 'inv-1',
    status: 'sent',
    stage: 'none',
    invoiceDate: calendarDate('2026-01-15'),
    sentDate: calendarDate('2026-01-15'),
    dueDate: calendarDate('2026-02-14'),
    customerKind: 'person',
    emailAtCreation: true,
    currentEmail: true,
    deliveryMethod: 'email',
    identityNumberPresent: true,
    registeredAddressPresent: true,
    reminderFeeAgreed: true,
    principalOpen: ore(1_000_000n),
    feesOpen: ZERO_ORE,
    interestOpen: ZERO_ORE,
    interestBookedThrough: null,
    paymentsApplied: ZERO_ORE,
    reminderFeeCharged: false,
    collectionFeeCharged: false,
    lateCompensationCharged: false,
    noticeSentDate: null,
    reminderSentDate: null,
    reminderDueDate: null,
    demandSentDate: null,
    demandDueDate: null,
    disputed: false,
    pausedUntil: null,
    completeIdentityTaskOpen: false,
    completeAddressTaskOpen: false,
    decisionTaskOpen: false,
    ...overrides,
  };
}

/* Cases standing at each stage of the base case's never-paying run (engine-scenarios.test.ts). */

/** The case after the notice (02-18): the reminder is next, due 02-26. */
export const afterNotice: Partial<CaseSnapshot> = {
  stage: 'notice',
  noticeSentDate: calendarDate('2026-02-18'),
};
/** The case after the reminder of 02-26 (60 kr, interest through 02-26, payable by 03-09). */
export const afterReminder: Partial<CaseSnapshot> = {
  ...afterNotice,
  stage: 'reminder',
  reminderSentDate: calendarDate('2026-02-26'),
  reminderDueDate: calendarDate('2026-03-09'),
  reminderFeeCharged: true,
  feesOpen: ore(6_000n),
  interestOpen: ore(2_740n),
  interestBookedThrough: calendarDate('2026-02-26'),
};
/** The case after the demand of 03-16 (180 kr, payable by 03-26). */
export const afterDemand: Partial<CaseSnapshot> = {
  ...afterReminder,
  stage: 'collection_demand',
  demandSentDate: calendarDate('2026-03-16'),
  demandDueDate: calendarDate('2026-03-26'),
  collectionFeeCharged: true,
};

/** One row of the engine's rule table: the base case with some fields changed, on a date. */
export type RuleRow = {
  readonly rule: string;
  readonly snapshot?: Partial<CaseSnapshot>;
  readonly policy?: Partial<CollectionPolicy>;
  readonly today: string;
  readonly expected: Record<string, unknown>;
};

export const decideRow = (row: RuleRow): Decision =>
  decideNextStep(
    caseSnapshot(row.snapshot),
    { ...defaultPolicy, ...row.policy },
    calendarDate(row.today),
    BUILT_IN_REFERENCE_RATES,
  );

/** The interest part of an expected decision on the base case's 10 000 kr principal. */
export const interestOf = (amount: bigint, fromDate: string, toDate: string) => ({
  amount,
  fromDate,
  toDate,
  principal: 1_000_000n,
});

function bookInterest(snapshot: CaseSnapshot, interest: InterestCharge | null): CaseSnapshot {
  if (interest === null) return snapshot;
  return {
    ...snapshot,
    interestOpen: addOre(snapshot.interestOpen, interest.amount),
    interestBookedThrough: interest.toDate,
  };
}

const chargeFee = (snapshot: CaseSnapshot, fee: Ore, lateCompensation: Ore): CaseSnapshot => ({
  ...snapshot,
  feesOpen: addOre(snapshot.feesOpen, fee, lateCompensation),
  lateCompensationCharged: snapshot.lateCompensationCharged || lateCompensation > 0n,
});

/** The snapshot after the use case has applied `decision` on `today` (documents, entries, tasks). */
export function applyDecision(
  snapshot: CaseSnapshot,
  decision: Decision,
  today: CalendarDate,
): CaseSnapshot {
  const s: CaseSnapshot = { ...snapshot, stage: stageAfter(decision, snapshot.stage) };
  switch (decision.kind) {
    case 'wait':
    case 'apply_after_demand':
      return s;
    case 'send_notice':
      return { ...s, noticeSentDate: today };
    case 'send_reminder':
      return bookInterest(
        chargeFee(
          {
            ...s,
            reminderSentDate: today,
            reminderDueDate: decision.payByDate,
            reminderFeeCharged: s.reminderFeeCharged || decision.fee > 0n,
            completeIdentityTaskOpen:
              s.completeIdentityTaskOpen || decision.openTasks.includes('complete_identity_number'),
          },
          decision.fee,
          decision.lateCompensation,
        ),
        decision.interest,
      );
    case 'send_collection_demand':
      return bookInterest(
        chargeFee(
          {
            ...s,
            demandSentDate: today,
            demandDueDate: decision.payByDate,
            collectionFeeCharged: s.collectionFeeCharged || decision.fee > 0n,
          },
          decision.fee,
          decision.lateCompensation,
        ),
        decision.interest,
      );
    case 'send_surveillance_demand':
      return bookInterest(
        chargeFee(
          { ...s, demandSentDate: today, demandDueDate: decision.payByDate },
          ZERO_ORE,
          decision.lateCompensation,
        ),
        decision.interest,
      );
    case 'open_task':
      return decision.task === 'complete_identity_number'
        ? { ...s, completeIdentityTaskOpen: true }
        : { ...s, completeAddressTaskOpen: true };
    case 'await_decision':
      return { ...s, decisionTaskOpen: true };
    case 'write_off':
      return {
        ...s,
        status: 'closed',
        principalOpen: ZERO_ORE,
        feesOpen: ZERO_ORE,
        interestOpen: ZERO_ORE,
      };
    default:
      return assertNever(decision);
  }
}

/**
 * A payment on `date`: interest accrued to that day is booked first (so no booking spans two
 * principals), then the money goes to fees, interest, principal in that order (flow.md).
 */
export function applyPayment(
  snapshot: CaseSnapshot,
  policy: CollectionPolicy,
  amount: Ore,
  date: CalendarDate,
): CaseSnapshot {
  const s = bookInterest(
    snapshot,
    interestToBook(snapshot, policy, date, BUILT_IN_REFERENCE_RATES),
  );
  let left = amount;
  const take = (open: Ore): Ore => {
    const paid = minOre(open, left);
    left = subtractOre(left, paid);
    return subtractOre(open, paid);
  };
  const feesOpen = take(s.feesOpen);
  const interestOpen = take(s.interestOpen);
  const principalOpen = take(s.principalOpen);
  const settled = addOre(feesOpen, interestOpen, principalOpen) === 0n;
  return {
    ...s,
    feesOpen,
    interestOpen,
    principalOpen,
    paymentsApplied: addOre(s.paymentsApplied, subtractOre(amount, left)),
    status: settled ? 'paid' : s.status,
  };
}

export type RunEntry = { readonly date: CalendarDate; readonly decision: Decision };
/** A change to the case on a day (a payment, a dispute, a policy change ...), or null. */
export type RunEvent = (
  date: CalendarDate,
  state: { readonly snapshot: CaseSnapshot; readonly policy: CollectionPolicy },
) => { readonly snapshot?: CaseSnapshot; readonly policy?: CollectionPolicy } | null;

export type RunResult = {
  readonly entries: readonly RunEntry[];
  readonly snapshot: CaseSnapshot;
  readonly policy: CollectionPolicy;
};

/**
 * The daily job for one case from `from` through `through`: each day, events first (and any event
 * makes the case due for review that day, as the use cases do), then the engine only if the case's
 * review date has come. With `probe`, the engine is also asked on every other day and must then
 * answer "wait": that is what makes skipping cases that are not due safe.
 */
export function runCase(options: {
  readonly snapshot: CaseSnapshot;
  readonly policy: CollectionPolicy;
  readonly from: CalendarDate;
  readonly through: CalendarDate;
  readonly events?: RunEvent;
  readonly probe?: boolean;
}): RunResult {
  let { snapshot, policy } = options;
  let reviewDate: CalendarDate | null = options.from;
  const entries: RunEntry[] = [];
  for (let date = options.from; date <= options.through; date = addDays(date, 1)) {
    const change = options.events?.(date, { snapshot, policy }) ?? null;
    if (change !== null) {
      snapshot = change.snapshot ?? snapshot;
      policy = change.policy ?? policy;
      reviewDate = date;
    }
    if (reviewDate === null || date < reviewDate) {
      if (
        options.probe === true &&
        isStepTaken(decideNextStep(snapshot, policy, date, BUILT_IN_REFERENCE_RATES))
      ) {
        throw new Error(`a step was due on ${date} but the review date was ${String(reviewDate)}`);
      }
      continue;
    }
    const decision = decideNextStep(snapshot, policy, date, BUILT_IN_REFERENCE_RATES);
    entries.push({ date, decision });
    snapshot = applyDecision(snapshot, decision, date);
    reviewDate = decision.nextReviewDate;
  }
  return { entries, snapshot, policy };
}

/** The steps of a run, without the waits: what a reader of the timeline would see. */
export const stepsOf = (entries: readonly RunEntry[]): RunEntry[] =>
  entries.filter((entry) => isStepTaken(entry.decision));
