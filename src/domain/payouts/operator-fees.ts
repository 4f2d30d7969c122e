/**
 * The operator's fee for one client's payout: a price per document the client had sent
 * (invoice, reminder, inkassokrav) plus a share of the money paid out, with 25 % VAT on top
 * (the operator's service), deducted from the payout. Owns: the fee schedule's limits, which
 * documents fit, the amounts and their rounding. Must not: choose the documents or the money
 * (the payout run does) or book anything.
 *
 * Rounding, per line, half-up to whole öre: the share (base × basis points / 10 000) and the VAT
 * (25 % of the whole fee excl. VAT). Document lines are count × price, exact.
 *
 * When the fee does not fit in the payout: the payout keeps at least 1 öre (a credit transfer of
 * 0 kr cannot be made). The share is charged first; if even it does not fit it is lowered to what
 * fits and the rest is waived (it is a share of this payout's money, not a debt carried over).
 * Then documents, oldest first, while each still fits with its VAT; the first that does not fit
 * and every later one stay uncharged and are offered again, in order, by the next payout.
 */
import {
  applyRateOre,
  addOre,
  divideRounded,
  ore,
  subtractOre,
  ZERO_ORE,
  type Ore,
} from '../money.ts';
import type { FieldIssue } from '../result.ts';

export type FeeDocumentKind = 'invoice' | 'reminder' | 'collection_demand';
export const FEE_DOCUMENT_KINDS: readonly FeeDocumentKind[] = [
  'invoice',
  'reminder',
  'collection_demand',
];

/** öre excl. VAT per document, and a share of the money collected in basis points. */
export type FeeSchedule = {
  readonly perInvoice: Ore;
  readonly perReminder: Ore;
  readonly perCollectionDemand: Ore;
  readonly collectedShareBasisPoints: bigint;
};

export const NO_FEES: FeeSchedule = {
  perInvoice: ZERO_ORE,
  perReminder: ZERO_ORE,
  perCollectionDemand: ZERO_ORE,
  collectedShareBasisPoints: 0n,
};

/** 100 000 kr per document: far above any real price, low enough to catch a typo in öre. */
export const MAX_DOCUMENT_FEE = ore(10_000_000n);
export const MAX_SHARE_BASIS_POINTS = 10_000n;
/** The operator's service carries Swedish VAT at the standard rate. */
export const OPERATOR_FEE_VAT_BASIS_POINTS = 2_500n;

export function validateFeeSchedule(s: FeeSchedule): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (path: string, value: bigint, max: bigint, unit: string) => {
    if (value < 0n) {
      issues.push({ path, code: 'fee_negative', message: 'must be 0 or more' });
    } else if (value > max) {
      issues.push({ path, code: 'fee_too_high', message: `must be at most ${max} ${unit}` });
    }
  };
  check('perInvoice', s.perInvoice, MAX_DOCUMENT_FEE, 'öre (100 000 kr)');
  check('perReminder', s.perReminder, MAX_DOCUMENT_FEE, 'öre (100 000 kr)');
  check('perCollectionDemand', s.perCollectionDemand, MAX_DOCUMENT_FEE, 'öre (100 000 kr)');
  check(
    'collectedShareBasisPoints',
    s.collectedShareBasisPoints,
    MAX_SHARE_BASIS_POINTS,
    'basis points (100 %)',
  );
  return issues;
}

export const hasFees = (s: FeeSchedule): boolean =>
  s.perInvoice > 0n ||
  s.perReminder > 0n ||
  s.perCollectionDemand > 0n ||
  s.collectedShareBasisPoints > 0n;

export function documentPrice(s: FeeSchedule, kind: FeeDocumentKind): Ore {
  if (kind === 'invoice') return s.perInvoice;
  if (kind === 'reminder') return s.perReminder;
  return s.perCollectionDemand;
}

export const feeVat = (fee: Ore): Ore => applyRateOre(fee, OPERATOR_FEE_VAT_BASIS_POINTS, 'halfUp');

export type FeeDocument = { readonly documentId: string; readonly kind: FeeDocumentKind };

export type DocumentFeeLine = {
  readonly kind: FeeDocumentKind;
  readonly count: number;
  readonly unitPrice: Ore;
  readonly amount: Ore;
};

/** One client's fee in one payout: what the settlement report prints and the ledger books. */
export type OperatorFeeCharge = {
  /** One line per kind, in FEE_DOCUMENT_KINDS order. */
  readonly documents: readonly DocumentFeeLine[];
  readonly share: { readonly basisPoints: bigint; readonly base: Ore; readonly amount: Ore };
  /** Excl. VAT: the document lines + the share. */
  readonly fee: Ore;
  readonly vat: Ore;
  /** What the client was owed before the fee, and what it is paid: gross − fee − VAT. */
  readonly gross: Ore;
  readonly net: Ore;
};

export type OperatorFeeResult = {
  readonly charge: OperatorFeeCharge;
  /** The documents charged now: a prefix of the input, in its order. */
  readonly chargedDocumentIds: readonly string[];
};

const fits = (fee: Ore, room: Ore): boolean => addOre(fee, feeVat(fee)) <= room;

/** The largest share s ≤ wanted with s + VAT(s) ≤ room (room ≥ 0). */
function fittingShare(wanted: Ore, room: Ore): Ore {
  if (fits(wanted, room)) return wanted;
  // s × 1.25 ≤ room roughly; start there and step to the exact bound (rounding moves it by 1).
  let s = ore(divideRounded(room * 10_000n, 10_000n + OPERATOR_FEE_VAT_BASIS_POINTS, 'down'));
  while (s < wanted && fits(ore(s + 1n), room)) s = ore(s + 1n);
  while (s > 0n && !fits(s, room)) s = ore(s - 1n);
  return s;
}

/**
 * gross: what the client is owed in this payout (> 0). shareBase: the money collected for it in
 * this payout (the allocation rows paid out; a negative base charges no share). documents: not
 * yet charged, oldest first.
 */
export function computeOperatorFee(input: {
  readonly schedule: FeeSchedule;
  readonly gross: Ore;
  readonly shareBase: Ore;
  readonly documents: readonly FeeDocument[];
}): OperatorFeeResult {
  const { schedule, gross } = input;
  const base = input.shareBase > 0n ? input.shareBase : ZERO_ORE;
  const room = gross > 1n ? ore(gross - 1n) : ZERO_ORE;
  const wantedShare = applyRateOre(base, schedule.collectedShareBasisPoints, 'halfUp');
  const share = fittingShare(wantedShare, room);
  let fee = share;
  const charged: string[] = [];
  const counts = new Map<FeeDocumentKind, number>();
  for (const d of input.documents) {
    const next = addOre(fee, documentPrice(schedule, d.kind));
    if (!fits(next, room)) break;
    fee = next;
    charged.push(d.documentId);
    counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  }
  const documents = FEE_DOCUMENT_KINDS.map((kind) => {
    const count = counts.get(kind) ?? 0;
    const unitPrice = documentPrice(schedule, kind);
    return { kind, count, unitPrice, amount: ore(unitPrice * BigInt(count)) };
  });
  const vat = feeVat(fee);
  return {
    charge: {
      documents,
      share: { basisPoints: schedule.collectedShareBasisPoints, base, amount: share },
      fee,
      vat,
      gross,
      net: subtractOre(gross, addOre(fee, vat)),
    },
    chargedDocumentIds: charged,
  };
}
