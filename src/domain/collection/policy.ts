/**
 * CollectionPolicy: one client's collection timetable, fees and interest terms as versioned data,
 * and the validation that keeps it inside the law (lag 1981:739, god inkassosed) and inside sense.
 * Owns: the defaults and every limit. Must not: decide anything about a particular invoice.
 */
import { ore, type Ore } from '../money.ts';
import { err, ok, type FieldIssue, type Result } from '../result.ts';
import { STATUTORY_MARGIN_BASIS_POINTS } from '../interest/reference-rate.ts';
import {
  COLLECTION_DEMAND_FEE_CAP_ORE,
  DEMAND_MIN_CALENDAR_DAYS,
  REMINDER_FEE_CAP_ORE,
} from './fee-law.ts';

export type InterestPolicy =
  /** räntelagen 6 §: each day's referensränta + margin (the law's margin is 8 pp = 800). */
  | { readonly kind: 'statutory'; readonly marginBasisPoints: bigint }
  /** A rate agreed with the customer (räntelagen 1 §: the law yields to an agreement). */
  | { readonly kind: 'fixed'; readonly rateBasisPoints: bigint };

/** What happens when an inkassokrav falls due unpaid: ask the client, or act automatically. */
export type AfterDemandAction = 'ask' | 'payment_order' | 'surveillance';
export const AFTER_DEMAND_ACTIONS: readonly AfterDemandAction[] = [
  'ask',
  'payment_order',
  'surveillance',
];

export type CollectionPolicy = {
  /** Starts at 1; every accepted change makes a new version, recorded on each event it decides. */
  readonly version: number;
  /** Overdue notice (no fee): days after the bank-day-adjusted due date. */
  readonly noticeDaysAfterDue: number;
  /** Reminder: days after the bank-day-adjusted due date. */
  readonly reminderDaysAfterDue: number;
  /** The reminder's own payment term, counted from the day it goes out. */
  readonly reminderTermsDays: number;
  /** Inkassokrav: days after the reminder's actual due date. */
  readonly demandDaysAfterReminderDue: number;
  /** The inkassokrav's payment term; demandDeadline() still enforces 8 days / 4 bank days. */
  readonly demandTermsDays: number;
  /** Charged only where the customer agreed to it when the debt arose (1981:739 2 §). */
  readonly reminderFee: Ore;
  readonly collectionFee: Ore;
  readonly interest: InterestPolicy;
  /** false: räntelagen 4 § (interest from sent date + 30); true: 3 § (from the due date). */
  readonly dueDatesAgreedInAdvance: boolean;
  /** 4 § needs the invoice to say interest will be charged; without it and without 3 §, none. */
  readonly interestNoticeOnInvoice: boolean;
  readonly afterDemand: AfterDemandAction;
  /** A residual after a payment below this is written off; 0 = never. */
  readonly writeOffBelow: Ore;
  /** Surveillance (efterbevakning): a new written demand this many months after the last. */
  readonly surveillanceIntervalMonths: number;
  /**
   * Förseningsersättning (1981:739 4 a §): 450 kr from a company debtor once interest is due, in
   * place of the reminder and collection fees (see letter-costs.ts). Never for a person. A policy
   * stored before the option existed reads as false.
   */
  readonly latePaymentCompensation: boolean;
};

/** flow.md's defaults: 2 / 10 / 10 / 5 / 10 days, 60 kr and 180 kr, the statutory rate. */
export const defaultPolicy: CollectionPolicy = {
  version: 1,
  noticeDaysAfterDue: 2,
  reminderDaysAfterDue: 10,
  reminderTermsDays: 10,
  demandDaysAfterReminderDue: 5,
  demandTermsDays: 10,
  reminderFee: ore(6_000n),
  collectionFee: ore(18_000n),
  interest: { kind: 'statutory', marginBasisPoints: STATUTORY_MARGIN_BASIS_POINTS },
  dueDatesAgreedInAdvance: false,
  interestNoticeOnInvoice: true,
  afterDemand: 'ask',
  writeOffBelow: ore(0n),
  surveillanceIntervalMonths: 6,
  latePaymentCompensation: false,
};

type DayLimit = { readonly min: number; readonly max: number; readonly why: string };

/**
 * The limits validatePolicy applies. Lower bounds of 1 day keep every step strictly after the
 * day before it (1981:739 covers only measures after the due date; a demand on the reminder's due
 * date would come while the debtor may still pay on time). Upper bounds are sanity guards against
 * typos, not law: 90 days keeps a case from sleeping for a quarter; 60-day terms are already long.
 */
export const POLICY_LIMITS = {
  noticeDaysAfterDue: { min: 1, max: 90, why: 'a notice before the day after due is not overdue' },
  reminderDaysAfterDue: { min: 1, max: 90, why: 'a reminder must come after the due date' },
  reminderTermsDays: { min: 1, max: 60, why: 'a reminder must leave time to pay' },
  demandDaysAfterReminderDue: {
    min: 1,
    max: 90,
    why: "a demand must come after the reminder's due date",
  },
  demandTermsDays: {
    min: DEMAND_MIN_CALENDAR_DAYS,
    max: 60,
    why: 'god inkassosed: at least 8 days from sending',
  },
  surveillanceIntervalMonths: {
    min: 1,
    max: 24,
    // Each written demand restarts the limitation period (3 years for consumers): 24 months
    // leaves a full year's margin even on the shortest period.
    why: 'a demand every 24 months at most keeps the 3-year limitation period from running out',
  },
} as const satisfies Record<string, DayLimit>;

/** räntelagen 6 §'s margin. A higher margin is not the statutory rate: agree a fixed rate then. */
export const MARGIN_BASIS_POINTS_MAX = STATUTORY_MARGIN_BASIS_POINTS;
/**
 * 30 %: a guard against typing 2500 for 25 % as 25000, not a legal limit. A rate above the
 * statutory one must be agreed with the customer (räntelagen 1 §), and consumer credits are capped
 * at referensränta + 20 pp (prop. 2024/25:17); the client answers for that agreement.
 */
export const FIXED_RATE_BASIS_POINTS_MAX = 3_000n;
/** 500 kr: residuals are kronor, not hundreds; a larger figure is most likely a typo. */
export const WRITE_OFF_BELOW_MAX = ore(50_000n);

/** Field order: validation reports issues in this order, and patches may only name these. */
export const POLICY_FIELDS = [
  'version',
  'noticeDaysAfterDue',
  'reminderDaysAfterDue',
  'reminderTermsDays',
  'demandDaysAfterReminderDue',
  'demandTermsDays',
  'reminderFee',
  'collectionFee',
  'interest',
  'dueDatesAgreedInAdvance',
  'interestNoticeOnInvoice',
  'afterDemand',
  'writeOffBelow',
  'surveillanceIntervalMonths',
  'latePaymentCompensation',
] as const satisfies readonly (keyof CollectionPolicy)[];

const issue = (path: string, code: string, message: string): FieldIssue => ({
  path,
  code,
  message,
});
/** A check's single issue, as the list every check returns. */
const fail = (path: string, code: string, message: string): FieldIssue[] => [
  issue(path, code, message),
];

function checkWholeNumber(path: string, value: unknown, limit: DayLimit, unit: string) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return fail(
      path,
      'must_be_whole_number',
      `${path} must be a whole number of ${unit}; got ${String(value)}`,
    );
  }
  if (value < limit.min || value > limit.max) {
    return fail(
      path,
      'out_of_range',
      `${path} ${value} is outside ${limit.min}..${limit.max} ${unit} (${limit.why})`,
    );
  }
  return [];
}

function checkOre(path: string, value: unknown, max: Ore, why: string, capCode: string) {
  if (typeof value !== 'bigint') {
    return fail(
      path,
      'must_be_whole_ore',
      `${path} must be a whole number of öre; got ${String(value)}`,
    );
  }
  if (value < 0n) {
    return fail(path, 'must_not_be_negative', `${path} ${value} öre is negative; minimum 0`);
  }
  if (value > max) {
    return fail(path, capCode, `${path} ${value} öre exceeds ${max} öre (${why})`);
  }
  return [];
}

function checkBasisPoints(path: string, value: unknown, max: bigint, why: string) {
  if (typeof value !== 'bigint') {
    return fail(
      path,
      'must_be_whole_basis_points',
      `${path} must be whole basis points; got ${String(value)}`,
    );
  }
  if (value < 0n || value > max) {
    return fail(
      path,
      'out_of_range',
      `${path} ${value} is outside 0..${max} basis points (${why})`,
    );
  }
  return [];
}

function checkInterest(interest: unknown): FieldIssue[] {
  const kind = (interest as { kind?: unknown } | null)?.kind;
  if (kind === 'statutory') {
    const { marginBasisPoints } = interest as { marginBasisPoints?: unknown };
    return checkBasisPoints(
      'interest.marginBasisPoints',
      marginBasisPoints,
      MARGIN_BASIS_POINTS_MAX,
      'räntelagen 6 §: referensränta + at most 8 pp; agree a fixed rate for more',
    );
  }
  if (kind === 'fixed') {
    const { rateBasisPoints } = interest as { rateBasisPoints?: unknown };
    return checkBasisPoints(
      'interest.rateBasisPoints',
      rateBasisPoints,
      FIXED_RATE_BASIS_POINTS_MAX,
      'sanity limit 30 %',
    );
  }
  return fail(
    'interest.kind',
    'unknown_choice',
    `interest.kind ${String(kind)} is not 'statutory' or 'fixed'`,
  );
}

function checkBoolean(path: string, value: unknown): FieldIssue[] {
  return typeof value === 'boolean'
    ? []
    : fail(path, 'must_be_boolean', `${path} must be true or false; got ${String(value)}`);
}

type LoosePolicy = { readonly [K in keyof CollectionPolicy]: unknown };

function checkVersion(p: LoosePolicy): FieldIssue[] {
  const v = p.version;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1
    ? []
    : fail('version', 'out_of_range', `version ${String(v)} must be a whole number ≥ 1`);
}

/** The notice announces the overdue invoice before the reminder; after it, it only delays it. */
function checkReminderAfterNotice(p: LoosePolicy): FieldIssue[] {
  const notice = p.noticeDaysAfterDue;
  const reminder = p.reminderDaysAfterDue;
  if (typeof notice !== 'number' || typeof reminder !== 'number' || reminder > notice) return [];
  return fail(
    'reminderDaysAfterDue',
    'not_after_notice',
    `reminderDaysAfterDue ${reminder} must be greater than noticeDaysAfterDue ${notice}`,
  );
}

/**
 * Förseningsersättning arises only once late-payment interest is due (1981:739 4 a §). Without an
 * agreed due date (3 §) or the interest notice on the invoice (4 §) interest never becomes due
 * here, so the option would silently drop the 60/180 kr fees and charge nothing instead.
 */
function checkCompensationNeedsInterest(p: LoosePolicy): FieldIssue[] {
  if (p.latePaymentCompensation !== true) return [];
  if (p.dueDatesAgreedInAdvance === true || p.interestNoticeOnInvoice === true) return [];
  return fail(
    'latePaymentCompensation',
    'needs_interest',
    'latePaymentCompensation needs late-payment interest to become due (1981:739 4 a §): set dueDatesAgreedInAdvance or interestNoticeOnInvoice',
  );
}

const days =
  (field: keyof typeof POLICY_LIMITS, unit = 'days') =>
  (p: LoosePolicy) =>
    checkWholeNumber(field, p[field], POLICY_LIMITS[field], unit);

/** One checker per field, in POLICY_FIELDS order; each reports all of its own issues. */
const FIELD_CHECKS: readonly ((p: LoosePolicy) => FieldIssue[])[] = [
  checkVersion,
  days('noticeDaysAfterDue'),
  days('reminderDaysAfterDue'),
  checkReminderAfterNotice,
  days('reminderTermsDays'),
  days('demandDaysAfterReminderDue'),
  days('demandTermsDays'),
  (p) =>
    checkOre(
      'reminderFee',
      p.reminderFee,
      REMINDER_FEE_CAP_ORE,
      'legal cap, lag 1981:739 4 § p.1',
      'exceeds_legal_cap',
    ),
  (p) =>
    checkOre(
      'collectionFee',
      p.collectionFee,
      COLLECTION_DEMAND_FEE_CAP_ORE,
      'legal cap, lag 1981:739 4 § p.2',
      'exceeds_legal_cap',
    ),
  (p) => checkInterest(p.interest),
  (p) => checkBoolean('dueDatesAgreedInAdvance', p.dueDatesAgreedInAdvance),
  (p) => checkBoolean('interestNoticeOnInvoice', p.interestNoticeOnInvoice),
  (p) =>
    AFTER_DEMAND_ACTIONS.includes(p.afterDemand as AfterDemandAction)
      ? []
      : fail(
          'afterDemand',
          'unknown_choice',
          `afterDemand ${String(p.afterDemand)} is not one of ${AFTER_DEMAND_ACTIONS.join(', ')}`,
        ),
  (p) =>
    checkOre(
      'writeOffBelow',
      p.writeOffBelow,
      WRITE_OFF_BELOW_MAX,
      'sanity limit 500 kr',
      'out_of_range',
    ),
  days('surveillanceIntervalMonths', 'months'),
  (p) => checkBoolean('latePaymentCompensation', p.latePaymentCompensation),
  checkCompensationNeedsInterest,
];

/**
 * Every issue with the policy, in POLICY_FIELDS order (empty = valid). Checks the types too, since
 * a policy may come from JSON or the database rather than from typed code.
 */
export function validatePolicy(policy: CollectionPolicy): FieldIssue[] {
  const loose: LoosePolicy = policy;
  return FIELD_CHECKS.flatMap((check) => check(loose));
}

/** Any subset of the policy's fields except the version, which applyPolicyPatch sets. */
export type PolicyPatch = {
  readonly [K in Exclude<keyof CollectionPolicy, 'version'>]?: CollectionPolicy[K];
};

/**
 * The policy after a change: the patch's fields over the current ones, version + 1, validated as a
 * whole (so a cross-field rule sees the combination). Fields absent or undefined in the patch keep
 * their current value; a field the policy does not have is an issue, not silently dropped.
 */
export function applyPolicyPatch(
  current: CollectionPolicy,
  patch: PolicyPatch,
): Result<CollectionPolicy, FieldIssue[]> {
  const known = new Set<string>(POLICY_FIELDS.filter((field) => field !== 'version'));
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
  const unknown = entries.filter(([key]) => !known.has(key));
  if (unknown.length > 0) {
    return err(
      unknown.map(([key]) =>
        issue(
          key,
          'unknown_field',
          `${key} is not a policy field (allowed: ${[...known].join(', ')})`,
        ),
      ),
    );
  }
  // defaultPolicy first: a version stored before a field existed gets that field's default.
  const next = {
    ...defaultPolicy,
    ...current,
    ...(Object.fromEntries(entries) as PolicyPatch),
    version: current.version + 1,
  };
  const issues = validatePolicy(next);
  return issues.length > 0 ? err(issues) : ok(next);
}
