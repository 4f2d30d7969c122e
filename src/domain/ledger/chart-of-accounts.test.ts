/**
 * Chart of accounts: the default map is valid and its names are BAS names; kinds follow the BAS
 * classes for accounts outside the chart; a map with a role on the wrong kind is refused.
 */
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../result.ts';
import {
  accountKind,
  accountMapCodes,
  accountName,
  DEFAULT_ACCOUNTS,
  defaultAccountMap,
  normalBalance,
  validateAccountMap,
} from './chart-of-accounts.ts';

describe('chart of accounts', () => {
  it('names the accounts of the collection flow as BAS does', () => {
    expect(accountName('1510')).toBe('Kundfordringar');
    expect(accountName('1689')).toBe('Övriga kortfristiga fordringar');
    expect(accountName('1930')).toBe('Företagskonto/checkkonto/affärskonto');
    expect(accountName('2611')).toBe('Utgående moms på försäljning inom Sverige, 25 %');
    expect(accountName('3001')).toBe('Försäljning inom Sverige, 25 % moms');
    expect(accountName('3590')).toBe('Övriga fakturerade kostnader');
    expect(accountName('6351')).toBe('Konstaterade förluster på kundfordringar');
    expect(accountName('8313')).toBe('Ränteintäkter från kortfristiga fordringar');
    expect(accountName('9999')).toBeUndefined();
  });

  it('the default map is valid and every account it uses is in the chart', () => {
    expect(validateAccountMap(defaultAccountMap)).toEqual([]);
    for (const code of accountMapCodes(defaultAccountMap)) {
      expect(accountName(code), code).toBeDefined();
    }
  });

  it('every chart account has the kind its BAS class gives', () => {
    const byClass = (code: string): string => {
      const group = Number(code.slice(0, 2));
      if (group < 20) return 'asset';
      if (group < 30) return group < 22 ? 'equity' : 'liability';
      if (group < 40 || (group >= 80 && group < 84)) return 'income';
      return 'expense';
    };
    for (const account of DEFAULT_ACCOUNTS) expect(account.kind).toBe(byClass(account.code));
  });

  it('derives the kind of accounts outside the chart from the BAS class', () => {
    expect(accountKind('2081')).toBe('equity');
    expect(accountKind('2440')).toBe('liability');
    expect(accountKind('3990')).toBe('income');
    expect(accountKind('6570')).toBe('expense');
    expect(accountKind('8310')).toBe('income');
    expect(accountKind('8410')).toBe('expense');
    expect(() => accountKind('151')).toThrow(InvariantError);
  });

  it('assets and expenses are debit-normal, the rest credit-normal', () => {
    expect(normalBalance('asset')).toBe('debit');
    expect(normalBalance('expense')).toBe('debit');
    expect(normalBalance('liability')).toBe('credit');
    expect(normalBalance('income')).toBe('credit');
    expect(normalBalance('equity')).toBe('credit');
  });

  it('refuses a map whose roles sit on accounts of the wrong kind, in field order', () => {
    const issues = validateAccountMap({
      ...defaultAccountMap,
      receivable: '3001',
      feeIncome: '39x0',
      customerCredit: '1510',
      rounding: '6990',
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['receivable', 'account_kind_mismatch'],
      ['feeIncome', 'account_code_invalid'],
      ['customerCredit', 'account_kind_mismatch'],
    ]);
  });
});
