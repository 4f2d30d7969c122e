/**
 * Collection schemas: the policy as the API shows it (percent rates, öre fees), runs, and the
 * client's actions on an invoice.
 */
import { z } from 'zod';
import type { CollectionPolicy, PolicyPatch } from '../../domain/collection/policy.ts';
import { ore, oreToSafeNumber } from '../../domain/money.ts';
import { calendarDateText } from './common.ts';

const percent = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => /^\d+(\.\d{1,2})?$/.test(String(v)), 'at most two decimals');

export const policyPatchBody = z.strictObject({
  noticeDaysAfterDue: z.int().optional(),
  reminderDaysAfterDue: z.int().optional(),
  reminderTermsDays: z.int().optional(),
  demandDaysAfterReminderDue: z.int().optional(),
  demandTermsDays: z.int().optional(),
  reminderFee: z.int().optional().describe('öre; at most 6 000 (60 kr, 1981:739)'),
  collectionFee: z.int().optional().describe('öre; at most 18 000 (180 kr)'),
  interest: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('statutory'), marginPercent: percent.default(8) }),
      z.strictObject({ kind: z.literal('fixed'), ratePercent: percent }),
    ])
    .optional(),
  dueDatesAgreedInAdvance: z.boolean().optional(),
  interestNoticeOnInvoice: z.boolean().optional(),
  afterDemand: z.enum(['ask', 'payment_order', 'surveillance']).optional(),
  writeOffBelow: z.int().optional().describe('öre; a residual below it is written off (0 = never)'),
  surveillanceIntervalMonths: z.int().optional(),
  latePaymentCompensation: z
    .boolean()
    .optional()
    .describe(
      'förseningsersättning 450 kr (1981:739 4 a §) from company debtors once interest is due, in place of the reminder and collection fees; never for persons',
    ),
});

const basisPoints = (p: number) => BigInt(Math.round(p * 100));

export function toPolicyPatch(body: z.infer<typeof policyPatchBody>): PolicyPatch {
  const { interest, reminderFee, collectionFee, writeOffBelow, ...rest } = body;
  return {
    ...rest,
    ...(reminderFee === undefined ? {} : { reminderFee: ore(BigInt(reminderFee)) }),
    ...(collectionFee === undefined ? {} : { collectionFee: ore(BigInt(collectionFee)) }),
    ...(writeOffBelow === undefined ? {} : { writeOffBelow: ore(BigInt(writeOffBelow)) }),
    ...(interest === undefined
      ? {}
      : {
          interest:
            interest.kind === 'statutory'
              ? { kind: 'statutory', marginBasisPoints: basisPoints(interest.marginPercent) }
              : { kind: 'fixed', rateBasisPoints: basisPoints(interest.ratePercent) },
        }),
  } as PolicyPatch;
}

export function policyView(p: CollectionPolicy) {
  return {
    version: p.version,
    noticeDaysAfterDue: p.noticeDaysAfterDue,
    reminderDaysAfterDue: p.reminderDaysAfterDue,
    reminderTermsDays: p.reminderTermsDays,
    demandDaysAfterReminderDue: p.demandDaysAfterReminderDue,
    demandTermsDays: p.demandTermsDays,
    reminderFee: oreToSafeNumber(p.reminderFee),
    collectionFee: oreToSafeNumber(p.collectionFee),
    interest:
      p.interest.kind === 'statutory'
        ? { kind: 'statutory' as const, marginPercent: Number(p.interest.marginBasisPoints) / 100 }
        : { kind: 'fixed' as const, ratePercent: Number(p.interest.rateBasisPoints) / 100 },
    dueDatesAgreedInAdvance: p.dueDatesAgreedInAdvance,
    interestNoticeOnInvoice: p.interestNoticeOnInvoice,
    afterDemand: p.afterDemand,
    writeOffBelow: oreToSafeNumber(p.writeOffBelow),
    surveillanceIntervalMonths: p.surveillanceIntervalMonths,
    // A version stored before the option existed has no such field: off.
    latePaymentCompensation: p.latePaymentCompensation === true,
  };
}

export const runBody = z.strictObject({ date: calendarDateText });
export const previewQuery = z.object({ date: calendarDateText });
export const disputeBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const pauseBody = z.strictObject({
  until: calendarDateText,
  reason: z.string().trim().min(1).max(500),
});
export const decisionBody = z.strictObject({
  action: z.enum(['payment_order', 'surveillance', 'close']),
});
export const paymentOrderEventBody = z.strictObject({
  type: z
    .enum(['served', 'contested', 'decided', 'withdrawn'])
    .describe('served (delgiven), contested (bestriden), decided (utslag), withdrawn (återkallad)'),
  date: calendarDateText.describe('The date Kronofogden gives for the event'),
});
