/**
 * SIE 4 export: a client's accounts, opening balances and vouchers as SIE 4 text (domain.md §6).
 * Owns: the record layout, quoting, the balance check per voucher. Must not: encode bytes (the
 * caller encodes to CP437, which #FORMAT PC8 promises) or read a clock (#GEN is passed in).
 */
import type { CalendarDate } from '../calendar-date.ts';
import { formatDecimal, type Ore } from '../money.ts';
import { assert } from '../result.ts';
import type { AccountCode } from './journal-entry.ts';

export { parseSie4, type Sie4File, type Sie4Issue, type ParsedSieVoucher } from './sie4-parse.ts';

export type SieAccount = { readonly code: AccountCode; readonly name: string };

/** Positive = debit, negative = credit, as in SIE itself. */
export type SieTransaction = { readonly account: AccountCode; readonly amount: Ore };

export type SieBalance = { readonly account: AccountCode; readonly amount: Ore };

export type SieVoucher = {
  readonly series: string;
  readonly number: number;
  readonly date: CalendarDate;
  readonly text: string;
  readonly transactions: readonly SieTransaction[];
};

export type SieFiscalYear = { readonly start: CalendarDate; readonly end: CalendarDate };

export type Sie4Input = {
  readonly program: { readonly name: string; readonly version: string };
  readonly generatedDate: CalendarDate;
  readonly company: { readonly name: string; readonly organisationNumber: string };
  readonly fiscalYear: SieFiscalYear;
  readonly previousFiscalYear?: SieFiscalYear | undefined;
  /** Every account a #IB or #TRANS uses must be here, so the importer never meets a bare number. */
  readonly accounts: readonly SieAccount[];
  readonly openingBalances?: readonly SieBalance[] | undefined;
  readonly vouchers: readonly SieVoucher[];
};

/**
 * CR LF: SIE comes from the DOS world (PC8 is the IBM PC code page), its samples and the Windows
 * accounting programs that import it use CR LF, and a reader that accepts LF also accepts CR LF,
 * while some older readers do not accept a bare LF.
 */
export const SIE_LINE_END = '\r\n';

/** The chart-of-accounts type we declare; the BAS accounts we use exist unchanged in BAS2014. */
const CHART_TYPE = 'BAS2014';

const ACCOUNT_CODE = /^\d{4}$/;

/**
 * A quoted SIE field. Backslash escapes the next character, so `"` becomes `\"` and `\` becomes
 * `\\`. Control characters (a tab or newline pasted into a customer name) would break the
 * one-record-per-line layout, and SIE forbids them in fields, so they become spaces.
 */
export function quoteSieField(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) out += ' ';
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return `${out}"`;
}

/** 2025-01-15 → 20250115, the SIE date form. */
export const sieDate = (date: CalendarDate): string => date.replaceAll('-', '');

/**
 * "556036-0793", "5560360793" or a 12-digit form with century (a sole trader's personnummer, or
 * the "16" prefix) → "556036-0793", the form #ORGNR uses in every sample.
 */
export function sieOrganisationNumber(text: string): string {
  const digits = text.replace(/[-\s]/g, '');
  assert(/^\d{10}(\d{2})?$/.test(digits), `not an organisation number: ${text}`);
  const ten = digits.slice(-10);
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

function assertInput(input: Sie4Input): void {
  const { fiscalYear, previousFiscalYear } = input;
  assert(fiscalYear.start <= fiscalYear.end, 'fiscal year ends before it starts');
  if (previousFiscalYear) {
    assert(previousFiscalYear.end < fiscalYear.start, 'previous fiscal year overlaps the current');
  }
  const known = new Set<AccountCode>();
  for (const account of input.accounts) {
    assert(ACCOUNT_CODE.test(account.code), `not a BAS account code: ${account.code}`);
    assert(!known.has(account.code), `account ${account.code} listed twice`);
    known.add(account.code);
  }
  for (const balance of input.openingBalances ?? []) {
    assert(known.has(balance.account), `opening balance on unlisted account ${balance.account}`);
  }
  const seen = new Set<string>();
  for (const v of input.vouchers) {
    const id = `${v.series} ${v.number}`;
    assert(Number.isSafeInteger(v.number) && v.number >= 0, `bad voucher number in ${id}`);
    assert(!seen.has(id), `voucher ${id} appears twice`);
    seen.add(id);
    assert(v.date >= fiscalYear.start && v.date <= fiscalYear.end, `voucher ${id} outside year`);
    assert(v.transactions.length > 0, `voucher ${id} has no transactions`);
    let sum = 0n;
    for (const t of v.transactions) {
      assert(known.has(t.account), `voucher ${id} uses unlisted account ${t.account}`);
      sum += t.amount;
    }
    assert(sum === 0n, `voucher ${id} does not balance: it sums to ${formatDecimal(sum as Ore)}`);
  }
}

/**
 * The whole file as text, header first in the order the samples use. Accounts are written in
 * code order and vouchers in the order given, so the same input always gives the same file.
 * Throws InvariantError on an unbalanced voucher or another broken invariant: the caller builds
 * vouchers from balanced journal entries, so either means a bug upstream.
 */
export function writeSie4(input: Sie4Input): string {
  assertInput(input);
  const lines: string[] = [
    '#FLAGGA 0',
    `#PROGRAM ${quoteSieField(input.program.name)} ${quoteSieField(input.program.version)}`,
    '#FORMAT PC8',
    `#GEN ${sieDate(input.generatedDate)}`,
    '#SIETYP 4',
    `#FNAMN ${quoteSieField(input.company.name)}`,
    `#ORGNR ${sieOrganisationNumber(input.company.organisationNumber)}`,
    `#RAR 0 ${sieDate(input.fiscalYear.start)} ${sieDate(input.fiscalYear.end)}`,
  ];
  if (input.previousFiscalYear) {
    const { start, end } = input.previousFiscalYear;
    lines.push(`#RAR -1 ${sieDate(start)} ${sieDate(end)}`);
  }
  lines.push(`#KPTYP ${CHART_TYPE}`);
  const accounts = [...input.accounts].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const account of accounts) {
    lines.push(`#KONTO ${account.code} ${quoteSieField(account.name)}`);
  }
  for (const balance of input.openingBalances ?? []) {
    lines.push(`#IB 0 ${balance.account} ${formatDecimal(balance.amount)}`);
  }
  for (const v of input.vouchers) {
    lines.push(
      `#VER ${quoteSieField(v.series)} ${v.number} ${sieDate(v.date)} ${quoteSieField(v.text)}`,
      '{',
      ...v.transactions.map((t) => `#TRANS ${t.account} {} ${formatDecimal(t.amount)}`),
      '}',
    );
  }
  return lines.map((line) => line + SIE_LINE_END).join('');
}
