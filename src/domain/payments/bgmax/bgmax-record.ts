/**
 * BgMax records: one fixed-width line → one typed record, every field checked where it stands.
 * Owns: TAB expansion, the BG6040 field positions (docs: domain.md §4) and their digit checks.
 * Must not: know about record order, sections or totals (parse-bgmax.ts owns those).
 */
import { parseCalendarDate, type CalendarDate } from '../../calendar-date.ts';
import { ore, type Ore } from '../../money.ts';
import type { ParseIssue } from '../bank-file.ts';

export const BGMAX_LINE_LENGTH = 80;

/**
 * Bankgirot's published example has a TK22 line where an editor turned spaces into two TABs.
 * Expanding each TAB to the next multiple of 8 columns (the classic terminal tab stop) puts
 * reference 657965 exactly in positions 32–37, where a space-padded line has it. The rule is
 * safe to apply everywhere: if it ever guessed wrong, the shifted digits land in checked numeric
 * fields or in amounts that the TK15 deposit totals then contradict.
 */
const TAB_STOP = 8;

export function expandTabs(raw: string): string {
  if (!raw.includes('\t')) return raw;
  let out = '';
  for (const char of raw) {
    out += char === '\t' ? ' '.repeat(TAB_STOP - (out.length % TAB_STOP)) : char;
  }
  return out;
}

export type StartRecord = {
  readonly tk: '01';
  readonly version: string;
  readonly timestamp: string;
  readonly createdAt: string;
  readonly test: boolean;
};
export type OpeningRecord = {
  readonly tk: '05';
  readonly payeeBankgiro: string;
  readonly currency: string;
};
export type TransactionRecord = {
  readonly tk: '20' | '21' | '22' | '23';
  readonly payerBankgiro: string;
  readonly referenceText: string;
  readonly amountOre: Ore;
  readonly referenceCode: string;
  readonly channelCode: string;
  readonly serialNumber: string;
  readonly imageMark: string;
  readonly deductionCode?: string;
};
export type InformationRecord = { readonly tk: '25'; readonly text: string };
export type NameRecord = { readonly tk: '26'; readonly name: string; readonly extraName: string };
export type AddressRecord = {
  readonly tk: '27';
  readonly address: string;
  readonly postalCode: string;
};
export type CityRecord = {
  readonly tk: '28';
  readonly city: string;
  readonly country: string;
  readonly countryCode: string;
};
export type OrganisationRecord = { readonly tk: '29'; readonly organisationNumber: string };
export type DepositRecord = {
  readonly tk: '15';
  readonly account: string;
  readonly paymentDate: CalendarDate;
  readonly depositNumber: string;
  readonly amountOre: Ore;
  readonly currency: string;
  readonly paymentCount: number;
};
export type EndRecord = {
  readonly tk: '70';
  readonly paymentCount: number;
  readonly deductionCount: number;
  readonly extraReferenceCount: number;
  readonly depositCount: number;
};
/** A two-digit code we do not know: the manual says to skip such records. */
export type UnknownRecord = { readonly tk: 'unknown'; readonly code: string };

export type BgMaxRecord =
  | StartRecord
  | OpeningRecord
  | TransactionRecord
  | InformationRecord
  | NameRecord
  | AddressRecord
  | CityRecord
  | OrganisationRecord
  | DepositRecord
  | EndRecord
  | UnknownRecord;

const DIGITS = /^\d+$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Reads 1-based, inclusive positions (as the manual lists them) and records what is wrong. */
class FieldReader {
  valid = true;
  constructor(
    private readonly line: string,
    private readonly lineNumber: number,
    private readonly tk: string,
    private readonly issues: ParseIssue[],
  ) {}

  private raw(from: number, to: number): string {
    return this.line.slice(from - 1, to);
  }

  private fail(name: string, from: number, to: number, code: string, expected: string): void {
    this.valid = false;
    const value = JSON.stringify(this.raw(from, to));
    this.issues.push({
      line: this.lineNumber,
      field: `TK${this.tk}.${name}`,
      code,
      message: `TK${this.tk} ${name} (positions ${from}-${to}) must be ${expected}, got ${value}`,
    });
  }

  text(from: number, to: number): string {
    return this.raw(from, to).trim();
  }

  digits(name: string, from: number, to: number): string {
    const value = this.raw(from, to);
    if (!DIGITS.test(value)) this.fail(name, from, to, 'invalid_digits', 'digits only');
    return value;
  }

  amount(name: string, from: number, to: number): Ore {
    const value = this.digits(name, from, to);
    // Straight from digits to bigint öre; 0 stands in only for a record that is being dropped.
    return ore(DIGITS.test(value) ? BigInt(value) : 0n);
  }

  count(name: string, from: number, to: number): number {
    return Number(this.digits(name, from, to));
  }

  currency(name: string, from: number): string {
    const value = this.raw(from, from + 2);
    if (!CURRENCY.test(value))
      this.fail(name, from, from + 2, 'invalid_currency', 'a currency code');
    return value;
  }

  /** YYYYMMDD → CalendarDate; the placeholder on failure is never used, the record is dropped. */
  date(name: string, from: number): CalendarDate {
    const value = this.raw(from, from + 7);
    const parsed = parseCalendarDate(
      `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`,
    );
    if (parsed.ok) return parsed.value;
    this.fail(name, from, from + 7, 'invalid_date', 'a date YYYYMMDD');
    return '1970-01-01' as CalendarDate;
  }

  /** A field that must read exactly `expected` once trimmed (TK01 layout name and version). */
  exactText(name: string, from: number, to: number, expected: string, code: string): string {
    const value = this.text(from, to);
    if (value !== expected) this.fail(name, from, to, code, expected);
    return value;
  }

  oneOf(name: string, from: number, allowed: readonly string[]): string {
    const value = this.raw(from, from);
    if (!allowed.includes(value))
      this.fail(name, from, from, 'invalid_value', allowed.join(' or '));
    return value;
  }

  /** TK01 timestamp YYYYMMDDhhmmssµµµµµµ → '2004-05-25T17:30:35.010331' (local time, no zone). */
  timestamp(name: string, from: number): { digits: string; text: string } {
    const digits = this.raw(from, from + 19);
    const text = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}T${digits.slice(8, 10)}:${digits.slice(10, 12)}:${digits.slice(12, 14)}.${digits.slice(14, 20)}`;
    const timeOk =
      Number(digits.slice(8, 10)) < 24 &&
      Number(digits.slice(10, 12)) < 60 &&
      Number(digits.slice(12, 14)) < 61;
    if (!/^\d{20}$/.test(digits) || !parseCalendarDate(text.slice(0, 10)).ok || !timeOk) {
      this.fail(name, from, from + 19, 'invalid_timestamp', 'a timestamp YYYYMMDDhhmmssffffff');
    }
    return { digits, text };
  }
}

function readTransaction(f: FieldReader, tk: TransactionRecord['tk']): TransactionRecord {
  const base = {
    tk,
    payerBankgiro: f.digits('payerBankgiro', 3, 12),
    referenceText: f.text(13, 37),
    amountOre: f.amount('amount', 38, 55),
    referenceCode: f.digits('referenceCode', 56, 56),
    channelCode: f.digits('channelCode', 57, 57),
    serialNumber: f.digits('serialNumber', 58, 69),
    imageMark: f.digits('imageMark', 70, 70),
  };
  return tk === '21' ? { ...base, deductionCode: f.digits('deductionCode', 71, 71) } : base;
}

function readStart(f: FieldReader): StartRecord {
  f.exactText('layoutName', 3, 22, 'BGMAX', 'unsupported_layout');
  const version = f.exactText('version', 23, 24, '01', 'unsupported_version');
  const { digits, text } = f.timestamp('timestamp', 25);
  const test = f.oneOf('testMark', 45, ['T', 'P']) === 'T';
  return { tk: '01', version, timestamp: digits, createdAt: text, test };
}

function readDeposit(f: FieldReader): DepositRecord {
  const account = f.digits('account', 3, 37).replace(/^0+(?=.)/, '');
  return {
    tk: '15',
    account,
    paymentDate: f.date('paymentDate', 38),
    depositNumber: f.digits('depositNumber', 46, 50),
    amountOre: f.amount('amount', 51, 68),
    currency: f.currency('currency', 69),
    paymentCount: f.count('paymentCount', 72, 79),
  };
}

function readEnd(f: FieldReader): EndRecord {
  return {
    tk: '70',
    paymentCount: f.count('paymentCount', 3, 10),
    deductionCount: f.count('deductionCount', 11, 18),
    extraReferenceCount: f.count('extraReferenceCount', 19, 26),
    depositCount: f.count('depositCount', 27, 34),
  };
}

function readByCode(f: FieldReader, code: string): BgMaxRecord {
  switch (code) {
    case '01':
      return readStart(f);
    case '05':
      return {
        tk: '05',
        payeeBankgiro: f.digits('payeeBankgiro', 3, 12),
        currency: f.currency('currency', 23),
      };
    case '20':
    case '21':
    case '22':
    case '23':
      return readTransaction(f, code);
    case '25':
      return { tk: '25', text: f.text(3, 52) };
    case '26':
      return { tk: '26', name: f.text(3, 37), extraName: f.text(38, 72) };
    case '27':
      return { tk: '27', address: f.text(3, 37), postalCode: f.text(38, 46) };
    case '28':
      return {
        tk: '28',
        city: f.text(3, 37),
        country: f.text(38, 72),
        countryCode: f.text(73, 74),
      };
    case '29':
      return { tk: '29', organisationNumber: f.digits('organisationNumber', 3, 14) };
    case '15':
      return readDeposit(f);
    case '70':
      return readEnd(f);
    default:
      return { tk: 'unknown', code };
  }
}

/**
 * Reads one line, already TAB-expanded, whose content fits 80 columns (trailing blanks
 * beyond are ignored). Returns undefined
 * when a field is wrong; the reasons are in `issues`, each naming the line and the field.
 */
export function readRecord(
  line: string,
  lineNumber: number,
  issues: ParseIssue[],
): BgMaxRecord | undefined {
  const code = line.slice(0, 2);
  if (!/^\d\d$/.test(code)) {
    issues.push({
      line: lineNumber,
      field: 'TK',
      code: 'invalid_record_code',
      message: `a record must start with a two-digit transaction code, got ${JSON.stringify(code)}`,
    });
    return undefined;
  }
  const padded = line.length >= BGMAX_LINE_LENGTH ? line : line.padEnd(BGMAX_LINE_LENGTH, ' ');
  const reader = new FieldReader(padded, lineNumber, code, issues);
  const record = readByCode(reader, code);
  return reader.valid ? record : undefined;
}
