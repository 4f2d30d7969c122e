/**
 * Operator fees: the schedule's limits; count × price per kind, a half-up share and 25 % VAT
 * half-up; a fee that does not fit charges the oldest documents that fit and lowers the share,
 * never leaving the payout under 1 öre. Properties: never negative, net + fee + VAT = gross,
 * the charged documents are a prefix, and with room enough everything is charged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore, type Ore } from '../money.ts';
import { operatorFeeBooked } from './operator-fee-postings.ts';
import {
  computeOperatorFee,
  feeVat,
  NO_FEES,
  validateFeeSchedule,
  type FeeDocument,
  type FeeDocumentKind,
  type FeeSchedule,
} from './operator-fees.ts';
import { calendarDate } from '../calendar-date.ts';

const schedule = (overrides: Partial<FeeSchedule> = {}): FeeSchedule => ({
  perInvoice: ore(500n),
  perReminder: ore(1_000n),
  perCollectionDemand: ore(2_500n),
  collectedShareBasisPoints: 250n,
  ...overrides,
});
const docs = (...kinds: FeeDocumentKind[]): FeeDocument[] =>
  kinds.map((kind, i) => ({ documentId: `d${i}`, kind }));

describe('fee schedule limits', () => {
  it('accepts zero and the caps, refuses negatives and more, naming field and limit', () => {
    expect(validateFeeSchedule(NO_FEES)).toEqual([]);
    expect(
      validateFeeSchedule(
        schedule({
          perInvoice: ore(10_000_000n),
          perReminder: ore(0n),
          collectedShareBasisPoints: 10_000n,
        }),
      ),
    ).toEqual([]);
    const issues = validateFeeSchedule(
      schedule({
        perInvoice: ore(-1n),
        perCollectionDemand: ore(10_000_001n),
        collectedShareBasisPoints: 10_001n,
      }),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['perInvoice', 'must be 0 or more'],
      ['perCollectionDemand', 'must be at most 10000000 öre (100 000 kr)'],
      ['collectedShareBasisPoints', 'must be at most 10000 basis points (100 %)'],
    ]);
  });
});

describe('computeOperatorFee', () => {
  it('prices each kind count × price, adds the share and 25 % VAT', () => {
    const { charge, chargedDocumentIds } = computeOperatorFee({
      schedule: schedule(),
      gross: ore(100_000n),
      shareBase: ore(100_000n),
      documents: docs('invoice', 'invoice', 'reminder', 'collection_demand', 'invoice'),
    });
    expect(chargedDocumentIds).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    expect(charge.documents).toEqual([
      { kind: 'invoice', count: 3, unitPrice: 500n, amount: 1_500n },
      { kind: 'reminder', count: 1, unitPrice: 1_000n, amount: 1_000n },
      { kind: 'collection_demand', count: 1, unitPrice: 2_500n, amount: 2_500n },
    ]);
    expect(charge.share).toEqual({ basisPoints: 250n, base: 100_000n, amount: 2_500n });
    expect(charge.fee).toBe(7_500n);
    expect(charge.vat).toBe(1_875n);
    expect(charge.net).toBe(100_000n - 7_500n - 1_875n);
  });

  it('rounds the share and the VAT half-up to whole öre', () => {
    // 2.5 % of 1 234.50 kr = 30.8625 kr → 30.86; VAT 25 % of 30.86 = 7.715 → 7.72.
    const { charge } = computeOperatorFee({
      schedule: schedule({ perInvoice: ore(0n) }),
      gross: ore(123_450n),
      shareBase: ore(123_450n),
      documents: [],
    });
    expect(charge.share.amount).toBe(3_086n);
    expect(charge.vat).toBe(772n);
    expect(feeVat(ore(2n))).toBe(1n); // 0.5 öre rounds up
    expect(feeVat(ore(1n))).toBe(0n);
  });

  it('no schedule, no fee: the payout is the gross', () => {
    const { charge, chargedDocumentIds } = computeOperatorFee({
      schedule: NO_FEES,
      gross: ore(5_000n),
      shareBase: ore(5_000n),
      documents: docs('invoice'),
    });
    expect(charge.fee).toBe(0n);
    expect(charge.net).toBe(5_000n);
    // A free document is settled all the same: a later price never reaches back to it.
    expect(chargedDocumentIds).toEqual(['d0']);
  });

  it('charges the oldest documents that fit; the first that does not and later ones wait', () => {
    // Room: 3 000 − 1 = 2 999 öre with VAT. 500 + 1 000 = 1 500 (+375) fits; + 2 500 does not.
    const { charge, chargedDocumentIds } = computeOperatorFee({
      schedule: schedule({ collectedShareBasisPoints: 0n }),
      gross: ore(3_000n),
      shareBase: ore(3_000n),
      documents: docs('invoice', 'reminder', 'collection_demand', 'invoice'),
    });
    expect(chargedDocumentIds).toEqual(['d0', 'd1']);
    expect(charge.fee).toBe(1_500n);
    expect(charge.vat).toBe(375n);
    expect(charge.net).toBe(1_125n);
  });

  it('a share that does not fit is lowered so the payout keeps 1 öre', () => {
    const { charge, chargedDocumentIds } = computeOperatorFee({
      schedule: schedule({ collectedShareBasisPoints: 10_000n }),
      gross: ore(1_000n),
      shareBase: ore(1_000n),
      documents: docs('invoice'),
    });
    expect(chargedDocumentIds).toEqual([]);
    expect(charge.fee + charge.vat).toBeLessThanOrEqual(999n);
    expect(charge.share.amount).toBe(799n); // 799 + 200 = 999; 800 + 200 = 1 000 would not fit
    expect(charge.net).toBe(1n);
  });

  it('charges no share on a negative base (deductions took more than came in)', () => {
    const { charge } = computeOperatorFee({
      schedule: schedule(),
      gross: ore(1_000n),
      shareBase: ore(-500n),
      documents: [],
    });
    expect(charge.share).toEqual({ basisPoints: 250n, base: 0n, amount: 0n });
  });

  const amount = (max: bigint) => fc.bigInt({ min: 0n, max }).map(ore);
  const scheduleArb = fc.record({
    perInvoice: amount(10_000_000n),
    perReminder: amount(10_000_000n),
    perCollectionDemand: amount(10_000_000n),
    collectedShareBasisPoints: fc.bigInt({ min: 0n, max: 10_000n }),
  });
  const docsArb = fc
    .array(fc.constantFrom<FeeDocumentKind>('invoice', 'reminder', 'collection_demand'), {
      maxLength: 30,
    })
    .map((kinds) => docs(...kinds));

  it('never negative, net + fee + VAT = gross, net ≥ 1 öre, a prefix charged (property)', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        amount(100_000_000n).map((g) => ore(g + 1n)),
        fc.bigInt({ min: -1_000_000n, max: 100_000_000n }).map(ore),
        docsArb,
        (s, gross: Ore, shareBase: Ore, documents) => {
          const { charge, chargedDocumentIds } = computeOperatorFee({
            schedule: s,
            gross,
            shareBase,
            documents,
          });
          expect(charge.fee).toBeGreaterThanOrEqual(0n);
          expect(charge.vat).toBeGreaterThanOrEqual(0n);
          expect(charge.share.amount).toBeGreaterThanOrEqual(0n);
          expect(charge.net + charge.fee + charge.vat).toBe(gross);
          expect(charge.net).toBeGreaterThanOrEqual(1n);
          expect(charge.vat).toBe(feeVat(charge.fee));
          expect(chargedDocumentIds).toEqual(
            documents.slice(0, chargedDocumentIds.length).map((d) => d.documentId),
          );
          const lines = charge.documents.reduce((sum, d) => sum + d.amount, 0n);
          expect(lines + charge.share.amount).toBe(charge.fee);
          expect(charge.documents.reduce((n, d) => n + d.count, 0)).toBe(chargedDocumentIds.length);
        },
      ),
    );
  });

  it('with room enough every document and the whole share are charged (property)', () => {
    fc.assert(
      fc.property(scheduleArb, amount(1_000_000n), docsArb, (s, base, documents) => {
        const { charge, chargedDocumentIds } = computeOperatorFee({
          schedule: s,
          gross: ore(10n ** 12n),
          shareBase: base,
          documents,
        });
        expect(chargedDocumentIds).toHaveLength(documents.length);
        const half = (base * s.collectedShareBasisPoints * 2n + 10_000n) / 20_000n;
        expect(charge.share.amount).toBe(half);
      }),
    );
  });
});

describe('operatorFeeBooked', () => {
  it('debits 6590 the fee and 2641 its VAT, credits client funds', () => {
    const entry = operatorFeeBooked({
      payoutId: 'p1',
      bookingDate: calendarDate('2026-03-03'),
      fee: ore(7_500n),
      vat: ore(1_875n),
      operatorName: 'Reskontra Demo AB',
      accounts: { clientFunds: '1689', operatorFees: '6590', inputVat: '2641' },
    });
    expect(entry.causeKey).toBe('operator-fee:p1');
    expect(entry.postings).toEqual([
      { debitAccount: '6590', creditAccount: '1689', amount: 7_500n },
      { debitAccount: '2641', creditAccount: '1689', amount: 1_875n },
    ]);
  });
});
