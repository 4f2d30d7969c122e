/**
 * Goal: a collection policy is accepted only within the law and sane limits, every issue is
 * reported at once in field order naming value and limit, and a patch makes a new version.
 * Method: one test per limit, a policy wrong everywhere, and patch cases.
 */
import { describe, expect, it } from 'vitest';
import { ore } from '../money.ts';
import {
  applyPolicyPatch,
  defaultPolicy,
  POLICY_FIELDS,
  validatePolicy,
  type CollectionPolicy,
  type PolicyPatch,
} from './policy.ts';

const withFields = (fields: Partial<CollectionPolicy>): CollectionPolicy => ({
  ...defaultPolicy,
  ...fields,
});
const codesOf = (policy: CollectionPolicy) =>
  validatePolicy(policy).map((i) => `${i.path}:${i.code}`);

describe('defaultPolicy', () => {
  it("is flow.md's defaults and valid", () => {
    expect(defaultPolicy).toMatchObject({
      version: 1,
      noticeDaysAfterDue: 2,
      reminderDaysAfterDue: 10,
      reminderTermsDays: 10,
      demandDaysAfterReminderDue: 5,
      demandTermsDays: 10,
      reminderFee: 6_000n,
      collectionFee: 18_000n,
      interest: { kind: 'statutory', marginBasisPoints: 800n },
      dueDatesAgreedInAdvance: false,
      interestNoticeOnInvoice: true,
      afterDemand: 'ask',
      writeOffBelow: 0n,
      surveillanceIntervalMonths: 6,
    });
    expect(validatePolicy(defaultPolicy)).toEqual([]);
  });
});

describe('validatePolicy: fees within lag 1981:739', () => {
  it('reminder fee above 60 kr is refused, naming value and cap', () => {
    const issues = validatePolicy(withFields({ reminderFee: ore(6_001n) }));
    expect(issues).toEqual([
      {
        path: 'reminderFee',
        code: 'exceeds_legal_cap',
        message: 'reminderFee 6001 öre exceeds 6000 öre (legal cap, lag 1981:739 4 § p.1)',
      },
    ]);
  });

  it('collection fee above 180 kr is refused; exactly 180 kr and 0 are fine', () => {
    expect(codesOf(withFields({ collectionFee: ore(18_001n) }))).toEqual([
      'collectionFee:exceeds_legal_cap',
    ]);
    expect(codesOf(withFields({ collectionFee: ore(18_000n), reminderFee: ore(0n) }))).toEqual([]);
  });

  it('a negative fee is refused', () => {
    expect(codesOf(withFields({ reminderFee: ore(-1n) }))).toEqual([
      'reminderFee:must_not_be_negative',
    ]);
  });
});

describe('validatePolicy: day counts', () => {
  it('demandTermsDays under 8 is refused (god inkassosed)', () => {
    const [issue] = validatePolicy(withFields({ demandTermsDays: 7 }));
    expect(issue?.code).toBe('out_of_range');
    expect(issue?.message).toContain('demandTermsDays 7 is outside 8..60 days');
  });

  it('a day count that is not a whole number is refused', () => {
    expect(codesOf(withFields({ reminderTermsDays: 2.5 }))).toEqual([
      'reminderTermsDays:must_be_whole_number',
    ]);
  });

  it('zero days for a reminder term or after the reminder due date is refused', () => {
    expect(codesOf(withFields({ reminderTermsDays: 0, demandDaysAfterReminderDue: 0 }))).toEqual([
      'reminderTermsDays:out_of_range',
      'demandDaysAfterReminderDue:out_of_range',
    ]);
  });

  it('more than 90 days before a step is refused', () => {
    expect(codesOf(withFields({ reminderDaysAfterDue: 91 }))).toEqual([
      'reminderDaysAfterDue:out_of_range',
    ]);
  });

  it('the reminder must come after the notice', () => {
    const issues = validatePolicy(withFields({ noticeDaysAfterDue: 10, reminderDaysAfterDue: 10 }));
    expect(issues).toEqual([
      {
        path: 'reminderDaysAfterDue',
        code: 'not_after_notice',
        message: 'reminderDaysAfterDue 10 must be greater than noticeDaysAfterDue 10',
      },
    ]);
  });

  it('surveillance more than 24 months apart is refused (limitation period)', () => {
    expect(codesOf(withFields({ surveillanceIntervalMonths: 25 }))).toEqual([
      'surveillanceIntervalMonths:out_of_range',
    ]);
  });
});

describe('validatePolicy: interest', () => {
  it('a statutory margin above 8 pp is refused', () => {
    expect(
      codesOf(withFields({ interest: { kind: 'statutory', marginBasisPoints: 801n } })),
    ).toEqual(['interest.marginBasisPoints:out_of_range']);
  });

  it('a fixed rate 0..30 % is accepted, above it refused', () => {
    expect(codesOf(withFields({ interest: { kind: 'fixed', rateBasisPoints: 3_000n } }))).toEqual(
      [],
    );
    expect(codesOf(withFields({ interest: { kind: 'fixed', rateBasisPoints: 3_001n } }))).toEqual([
      'interest.rateBasisPoints:out_of_range',
    ]);
  });

  it('an unknown interest kind is refused', () => {
    const interest = { kind: 'compound' } as unknown as CollectionPolicy['interest'];
    expect(codesOf(withFields({ interest }))).toEqual(['interest.kind:unknown_choice']);
  });
});

describe('validatePolicy: every issue, in field order', () => {
  it('a policy wrong in every field reports every issue in POLICY_FIELDS order', () => {
    const broken = {
      version: 0,
      noticeDaysAfterDue: 0,
      reminderDaysAfterDue: 0,
      reminderTermsDays: 61,
      demandDaysAfterReminderDue: 1.5,
      demandTermsDays: 5,
      reminderFee: ore(9_000n),
      collectionFee: 200,
      interest: { kind: 'fixed', rateBasisPoints: -1n },
      dueDatesAgreedInAdvance: 'yes',
      interestNoticeOnInvoice: null,
      afterDemand: 'sue',
      writeOffBelow: ore(50_001n),
      surveillanceIntervalMonths: 0,
      latePaymentCompensation: 1,
    } as unknown as CollectionPolicy;
    expect(codesOf(broken)).toEqual([
      'version:out_of_range',
      'noticeDaysAfterDue:out_of_range',
      'reminderDaysAfterDue:out_of_range',
      'reminderDaysAfterDue:not_after_notice',
      'reminderTermsDays:out_of_range',
      'demandDaysAfterReminderDue:must_be_whole_number',
      'demandTermsDays:out_of_range',
      'reminderFee:exceeds_legal_cap',
      'collectionFee:must_be_whole_ore',
      'interest.rateBasisPoints:out_of_range',
      'dueDatesAgreedInAdvance:must_be_boolean',
      'interestNoticeOnInvoice:must_be_boolean',
      'afterDemand:unknown_choice',
      'writeOffBelow:out_of_range',
      'surveillanceIntervalMonths:out_of_range',
      'latePaymentCompensation:must_be_boolean',
    ]);
    // The issue paths follow the documented field order.
    const order = validatePolicy(broken).map((i) =>
      POLICY_FIELDS.indexOf(i.path.split('.')[0] as (typeof POLICY_FIELDS)[number]),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('messages name the value and the limit', () => {
    for (const issue of validatePolicy(
      withFields({ demandTermsDays: 5, reminderFee: ore(7_000n) }),
    )) {
      expect(issue.message).toMatch(/\d/);
      expect(issue.message).toContain(issue.path);
    }
  });
});

describe('applyPolicyPatch', () => {
  it('applies the fields and makes the next version', () => {
    const result = applyPolicyPatch(defaultPolicy, {
      reminderDaysAfterDue: 14,
      afterDemand: 'surveillance',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        ...defaultPolicy,
        reminderDaysAfterDue: 14,
        afterDemand: 'surveillance',
        version: 2,
      },
    });
  });

  it('validates the combination and returns every issue', () => {
    const result = applyPolicyPatch(defaultPolicy, {
      noticeDaysAfterDue: 12,
      reminderFee: ore(10_000n),
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error.map((i) => i.code)).toEqual([
      'not_after_notice',
      'exceeds_legal_cap',
    ]);
  });

  it('ignores undefined fields and refuses unknown ones', () => {
    const loose = { reminderTermsDays: undefined, colour: 'red' } as unknown as PolicyPatch;
    const result = applyPolicyPatch(defaultPolicy, loose);
    expect(result.ok ? [] : result.error.map((i) => `${i.path}:${i.code}`)).toEqual([
      'colour:unknown_field',
    ]);
    const onlyUndefined = applyPolicyPatch(defaultPolicy, {
      reminderTermsDays: undefined,
    } as unknown as PolicyPatch);
    expect(onlyUndefined).toEqual({ ok: true, value: { ...defaultPolicy, version: 2 } });
  });

  it('cannot set the version through a patch', () => {
    const result = applyPolicyPatch(defaultPolicy, { version: 99 } as unknown as PolicyPatch);
    expect(result.ok).toBe(false);
  });
});
