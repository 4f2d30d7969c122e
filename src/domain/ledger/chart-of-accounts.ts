/**
 * Chart of accounts: the BAS accounts Reskontra books on by default, their Swedish names and kinds,
 * and the AccountMap a client may override. Owns: codes, names, kinds. Must not: post anything.
 */
import type { VatRate } from '../invoicing/invoice-totals.ts';
import { assert, type FieldIssue } from '../result.ts';
import type { AccountCode } from './journal-entry.ts';

/** The kind decides the sign of a balance: assets and expenses are debit-normal, the rest credit. */
export type AccountKind = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

export type Account = {
  readonly code: AccountCode;
  readonly name: string;
  readonly kind: AccountKind;
};

/**
 * Names as in the BAS kontoplan (checked against domain.md §6 and a real SIE 4 export). The chart
 * holds only what Reskontra books on, plus 1515 for clients who move doubtful debts there by hand.
 */
export const DEFAULT_ACCOUNTS: readonly Account[] = [
  { code: '1510', name: 'Kundfordringar', kind: 'asset' },
  { code: '1515', name: 'Osäkra kundfordringar', kind: 'asset' },
  // 1689: money Reskontra has collected and holds for the client until the payout. BAS has no
  // account for "receivable from a collection agent", so it is the catch-all short-term
  // receivable; flow.md calls it "Fordran på Reskontra". The client may rename it in their books.
  { code: '1689', name: 'Övriga kortfristiga fordringar', kind: 'asset' },
  { code: '1930', name: 'Företagskonto/checkkonto/affärskonto', kind: 'asset' },
  // 2420: an overpayment is a debt to the customer until refunded or applied to the next
  // invoice. BAS 2420 "Förskott från kunder" is the liability for money received before it is
  // owed, which is what a credit balance is; leaving it as a negative 1510 would hide it.
  { code: '2420', name: 'Förskott från kunder', kind: 'liability' },
  { code: '2611', name: 'Utgående moms på försäljning inom Sverige, 25 %', kind: 'liability' },
  { code: '2621', name: 'Utgående moms på försäljning inom Sverige, 12 %', kind: 'liability' },
  { code: '2631', name: 'Utgående moms på försäljning inom Sverige, 6 %', kind: 'liability' },
  // 2641: the VAT on the operator's fee, which the client may deduct.
  { code: '2641', name: 'Debiterad ingående moms', kind: 'liability' },
  { code: '3001', name: 'Försäljning inom Sverige, 25 % moms', kind: 'income' },
  { code: '3002', name: 'Försäljning inom Sverige, 12 % moms', kind: 'income' },
  { code: '3003', name: 'Försäljning inom Sverige, 6 % moms', kind: 'income' },
  { code: '3004', name: 'Försäljning inom Sverige, momsfri', kind: 'income' },
  // 3590: BAS has no reminder-fee account (domain.md §6); 3590 is the common choice.
  { code: '3590', name: 'Övriga fakturerade kostnader', kind: 'income' },
  { code: '3740', name: 'Öres- och kronutjämning', kind: 'income' },
  { code: '3950', name: 'Återvunna, tidigare avskrivna kundfordringar', kind: 'income' },
  { code: '6062', name: 'Inkasso och KFM-avgifter', kind: 'expense' },
  { code: '6351', name: 'Konstaterade förluster på kundfordringar', kind: 'expense' },
  // 6590: the operator's fee for collecting (per document and a share of the money).
  { code: '6590', name: 'Övriga externa tjänster', kind: 'expense' },
  { code: '8313', name: 'Ränteintäkter från kortfristiga fordringar', kind: 'income' },
];

const BY_CODE: ReadonlyMap<AccountCode, Account> = new Map(
  DEFAULT_ACCOUNTS.map((a) => [a.code, a]),
);

/** Where each kind of event books. Every role is configurable per client; these are defaults. */
export type AccountMap = {
  readonly receivable: AccountCode;
  /** Money Reskontra holds for the client between payment and payout. */
  readonly clientFunds: AccountCode;
  readonly bank: AccountCode;
  readonly salesByVat: Readonly<Record<VatRate, AccountCode>>;
  readonly outputVatByVat: Readonly<Record<Exclude<VatRate, 0>, AccountCode>>;
  /** Reminder fee, collection fee and statutory costs: outside VAT, so one account serves. */
  readonly feeIncome: AccountCode;
  readonly interestIncome: AccountCode;
  readonly badDebt: AccountCode;
  /** A customer's overpayment (credit balance), until refunded or applied. */
  readonly customerCredit: AccountCode;
  readonly rounding: AccountCode;
  /** A payment on a claim that was already written off. */
  readonly recoveredBadDebt: AccountCode;
  /** The client's own cost for collection and Kronofogden fees. */
  readonly collectionCosts: AccountCode;
  /** The operator's fee, deducted from the payout. */
  readonly operatorFees: AccountCode;
  /** VAT charged on the operator's fee: input VAT the client may deduct. */
  readonly inputVat: AccountCode;
};

export const defaultAccountMap: AccountMap = {
  receivable: '1510',
  clientFunds: '1689',
  bank: '1930',
  salesByVat: { 25: '3001', 12: '3002', 6: '3003', 0: '3004' },
  outputVatByVat: { 25: '2611', 12: '2621', 6: '2631' },
  feeIncome: '3590',
  interestIncome: '8313',
  badDebt: '6351',
  customerCredit: '2420',
  rounding: '3740',
  recoveredBadDebt: '3950',
  collectionCosts: '6062',
  operatorFees: '6590',
  inputVat: '2641',
};

const ACCOUNT_CODE = /^\d{4}$/;

export const isAccountCode = (code: string): code is AccountCode => ACCOUNT_CODE.test(code);

export function findAccount(code: AccountCode): Account | undefined {
  return BY_CODE.get(code);
}

/** The BAS name for an account in the default chart; undefined for one Reskontra does not know. */
export function accountName(code: AccountCode): string | undefined {
  return BY_CODE.get(code)?.name;
}

/**
 * The kind of any BAS account, from its class, so a client's own accounts (3990, say) have one
 * too. Class 2 splits into equity (20 eget kapital, 21 obeskattade reserver) and liabilities;
 * class 8 into financial income (80–83) and costs, appropriations and tax (84–89).
 */
export function accountKind(code: AccountCode): AccountKind {
  assert(isAccountCode(code), `not a BAS account code: ${code}`);
  const known = BY_CODE.get(code);
  if (known) return known.kind;
  const group = Number(code.slice(0, 2));
  if (group < 20) return 'asset';
  if (group < 22) return 'equity';
  if (group < 30) return 'liability';
  if (group < 40) return 'income';
  if (group < 80) return 'expense';
  return group < 84 ? 'income' : 'expense';
}

export const normalBalance = (kind: AccountKind): 'debit' | 'credit' =>
  kind === 'asset' || kind === 'expense' ? 'debit' : 'credit';

type Role = { readonly path: string; readonly code: AccountCode; readonly kinds: AccountKind[] };

function roles(map: AccountMap): Role[] {
  const balance = (path: string, code: AccountCode, kind: AccountKind): Role => ({
    path,
    code,
    kinds: [kind],
  });
  return [
    balance('receivable', map.receivable, 'asset'),
    balance('clientFunds', map.clientFunds, 'asset'),
    balance('bank', map.bank, 'asset'),
    ...([25, 12, 6, 0] as const).map((r) =>
      balance(`salesByVat.${r}`, map.salesByVat[r], 'income'),
    ),
    ...([25, 12, 6] as const).map((r) =>
      balance(`outputVatByVat.${r}`, map.outputVatByVat[r], 'liability'),
    ),
    balance('feeIncome', map.feeIncome, 'income'),
    balance('interestIncome', map.interestIncome, 'income'),
    balance('badDebt', map.badDebt, 'expense'),
    balance('customerCredit', map.customerCredit, 'liability'),
    // Rounding goes either way; BAS puts it in class 3, but a client may use a cost account.
    { path: 'rounding', code: map.rounding, kinds: ['income', 'expense'] },
    balance('recoveredBadDebt', map.recoveredBadDebt, 'income'),
    balance('collectionCosts', map.collectionCosts, 'expense'),
    balance('operatorFees', map.operatorFees, 'expense'),
    balance('inputVat', map.inputVat, 'liability'),
  ];
}

/**
 * Checks a client's account map: four-digit codes, each of the kind its role needs (a receivable
 * on an income account would invert every balance). Issues in the order of the map's fields.
 */
export function validateAccountMap(map: AccountMap): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const role of roles(map)) {
    if (!isAccountCode(role.code)) {
      issues.push({ path: role.path, code: 'account_code_invalid', message: 'must be 4 digits' });
    } else if (!role.kinds.includes(accountKind(role.code))) {
      issues.push({
        path: role.path,
        code: 'account_kind_mismatch',
        message: `account ${role.code} is ${accountKind(role.code)}, expected ${role.kinds.join(' or ')}`,
      });
    }
  }
  return issues;
}

/** Every distinct code the map uses, ascending: the #KONTO list of an export, say. */
export function accountMapCodes(map: AccountMap): AccountCode[] {
  return [...new Set(roles(map).map((r) => r.code))].sort();
}
