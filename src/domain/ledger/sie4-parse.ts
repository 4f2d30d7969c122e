/**
 * SIE 4 reader: text (already decoded from CP437) → company, accounts, balances and vouchers, or
 * every issue found with its line number. Used to re-import our own exports in tests and to check
 * a file from elsewhere. Must not: guess at broken input; it reports instead.
 */
import { parseCalendarDate, type CalendarDate } from '../calendar-date.ts';
import { formatDecimal, parseDecimalOre, type Ore } from '../money.ts';
import { err, ok, type Result } from '../result.ts';

export type Sie4Issue = { readonly line: number; readonly code: string; readonly message: string };

export type ParsedSieTransaction = { readonly account: string; readonly amount: Ore };

export type ParsedSieVoucher = {
  readonly series: string;
  /** Null when empty: an import file (4I) may leave numbering to the receiving program. */
  readonly number: number | null;
  readonly date: CalendarDate;
  readonly text: string;
  readonly transactions: readonly ParsedSieTransaction[];
};

export type Sie4File = {
  readonly program: { readonly name: string; readonly version: string };
  readonly generatedDate: CalendarDate;
  readonly company: { readonly name: string; readonly organisationNumber: string | null };
  /** #RAR: 0 = the current year, −1 the one before. */
  readonly fiscalYears: readonly {
    readonly index: number;
    readonly start: CalendarDate;
    readonly end: CalendarDate;
  }[];
  readonly chartType: string | null;
  readonly accounts: readonly { readonly code: string; readonly name: string }[];
  readonly openingBalances: readonly {
    readonly yearIndex: number;
    readonly account: string;
    readonly amount: Ore;
  }[];
  readonly vouchers: readonly ParsedSieVoucher[];
};

/** A field: text (quoted or bare) or an object list `{dim "obj" …}` as its inner fields. */
type Field = { readonly text: string } | { readonly objects: readonly string[] };

class LineError extends Error {}

/**
 * Splits a record into fields: whitespace separates, `"…"` quotes with backslash escaping the
 * next character, `{…}` is one object-list field (quotes inside may hold a brace).
 */
function splitSieFields(line: string): Field[] {
  const fields: Field[] = [];
  let i = 0;
  const readQuoted = (): string => {
    let out = '';
    for (i += 1; i < line.length; i += 1) {
      const ch = line[i]!;
      if (ch === '"') {
        i += 1;
        return out;
      }
      if (ch === '\\' && i + 1 < line.length) i += 1;
      out += line[i]!;
    }
    throw new LineError('a quoted field is not closed');
  };
  const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
  const readBare = (stop: (ch: string) => boolean): string => {
    const start = i;
    while (i < line.length && !isSpace(line[i]) && !stop(line[i]!)) i += 1;
    return line.slice(start, i);
  };
  while (i < line.length) {
    if (isSpace(line[i])) {
      i += 1;
    } else if (line[i] === '"') {
      fields.push({ text: readQuoted() });
    } else if (line[i] === '{') {
      const objects: string[] = [];
      i += 1;
      for (;;) {
        while (isSpace(line[i])) i += 1;
        if (i >= line.length) throw new LineError('an object list is not closed');
        if (line[i] === '}') break;
        objects.push(line[i] === '"' ? readQuoted() : readBare((ch) => ch === '}'));
      }
      i += 1;
      fields.push({ objects });
    } else {
      fields.push({ text: readBare(() => false) });
    }
  }
  return fields;
}

function textOf(field: Field | undefined, what: string): string {
  if (field === undefined || !('text' in field)) throw new LineError(`${what} is missing`);
  return field.text;
}

function dateOf(field: Field | undefined, what: string): CalendarDate {
  const text = textOf(field, what);
  const parsed = /^\d{8}$/.test(text)
    ? parseCalendarDate(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`)
    : null;
  if (!parsed?.ok) throw new LineError(`${what} is not a date YYYYMMDD: "${text}"`);
  return parsed.value;
}

function amountOf(field: Field | undefined): Ore {
  const text = textOf(field, 'the amount');
  const amount = parseDecimalOre(text);
  if (amount === null) throw new LineError(`not an amount with at most two decimals: "${text}"`);
  return amount;
}

function accountOf(field: Field | undefined): string {
  const text = textOf(field, 'the account');
  if (!/^\d+$/.test(text)) throw new LineError(`not an account number: "${text}"`);
  return text;
}

function integerOf(field: Field | undefined, what: string): number {
  const text = textOf(field, what);
  if (!/^-?\d{1,9}$/.test(text)) throw new LineError(`${what} is not an integer: "${text}"`);
  return Number(text);
}

type Draft = {
  program?: { name: string; version: string };
  generatedDate?: CalendarDate;
  companyName?: string;
  organisationNumber: string | null;
  fiscalYears: { index: number; start: CalendarDate; end: CalendarDate }[];
  chartType: string | null;
  accounts: { code: string; name: string }[];
  openingBalances: { yearIndex: number; account: string; amount: Ore }[];
  vouchers: ParsedSieVoucher[];
  labels: Set<string>;
};

type OpenVoucher = Omit<ParsedSieVoucher, 'transactions'> & {
  transactions: ParsedSieTransaction[];
  line: number;
  bodyOpen: boolean;
};

/** The labels a type 4 export must carry (domain.md §6). */
const MANDATORY = ['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP', '#FNAMN'];

/** One header record into the draft. Labels this reader does not use are skipped, as SIE asks. */
function readHeader(label: string, f: Field[], d: Draft): void {
  switch (label) {
    case '#PROGRAM':
      d.program = { name: textOf(f[0], 'the program name'), version: textOf(f[1], 'the version') };
      return;
    case '#FORMAT':
      if (textOf(f[0], 'the format') !== 'PC8') throw new LineError('SIE 4 files are #FORMAT PC8');
      return;
    case '#SIETYP':
      if (textOf(f[0], 'the type') !== '4') throw new LineError('this reader handles SIE type 4');
      return;
    case '#GEN':
      d.generatedDate = dateOf(f[0], 'the generation date');
      return;
    case '#FNAMN':
      d.companyName = textOf(f[0], 'the company name');
      return;
    case '#ORGNR':
      d.organisationNumber = textOf(f[0], 'the organisation number');
      return;
    case '#RAR':
      d.fiscalYears.push({
        index: integerOf(f[0], 'the year index'),
        start: dateOf(f[1], 'the start date'),
        end: dateOf(f[2], 'the end date'),
      });
      return;
    case '#KPTYP':
      d.chartType = textOf(f[0], 'the chart type');
      return;
    case '#KONTO':
      d.accounts.push({ code: accountOf(f[0]), name: textOf(f[1], 'the account name') });
      return;
    case '#IB':
      d.openingBalances.push({
        yearIndex: integerOf(f[0], 'the year index'),
        account: accountOf(f[1]),
        amount: amountOf(f[2]),
      });
      return;
    default:
      return;
  }
}

function readVoucherHeader(f: Field[], line: number): OpenVoucher {
  const numberText = textOf(f[1], 'the voucher number');
  if (numberText !== '' && !/^\d{1,15}$/.test(numberText)) {
    throw new LineError(`the voucher number is not a number: "${numberText}"`);
  }
  return {
    series: textOf(f[0], 'the series'),
    number: numberText === '' ? null : Number(numberText),
    date: dateOf(f[2], 'the voucher date'),
    text: f[3] === undefined ? '' : textOf(f[3], 'the voucher text'),
    transactions: [],
    line,
    bodyOpen: false,
  };
}

/** #TRANS account {objects} amount […]: the object list is mandatory in SIE 4, even empty. */
function readTransaction(f: Field[]): ParsedSieTransaction {
  const account = accountOf(f[0]);
  if (f[1] === undefined || !('objects' in f[1])) {
    throw new LineError('#TRANS needs an object list, {} when empty');
  }
  return { account, amount: amountOf(f[2]) };
}

type State = { draft: Draft; open: OpenVoucher | null; issues: Sie4Issue[] };

function closeVoucher(state: State, v: OpenVoucher): void {
  const sum = v.transactions.reduce<bigint>((s, t) => s + t.amount, 0n);
  if (sum !== 0n) {
    state.issues.push({
      line: v.line,
      code: 'voucher_unbalanced',
      message: `voucher ${v.series} ${v.number ?? ''} sums to ${formatDecimal(sum as Ore)}, not 0`,
    });
  }
  const { line: _line, bodyOpen: _bodyOpen, ...voucher } = v;
  state.draft.vouchers.push(voucher);
  state.open = null;
}

/** One non-empty record; throws LineError for what is wrong with it. */
function readRecord(state: State, record: string, line: number): void {
  const open = state.open;
  if (record === '{') {
    if (open === null || open.bodyOpen) throw new LineError('"{" without a #VER before it');
    open.bodyOpen = true;
    return;
  }
  if (record === '}') {
    if (open === null || !open.bodyOpen) throw new LineError('"}" without an open voucher');
    closeVoucher(state, open);
    return;
  }
  const labelEnd = record.search(/[ \t]/);
  const label = (labelEnd === -1 ? record : record.slice(0, labelEnd)).toUpperCase();
  if (!/^#[A-Z0-9_]+$/.test(label)) throw new LineError('a record starts with #LABEL');
  state.draft.labels.add(label);
  const fields = labelEnd === -1 ? [] : splitSieFields(record.slice(labelEnd));
  if (open?.bodyOpen === true) {
    if (label === '#TRANS') open.transactions.push(readTransaction(fields));
    else if (label !== '#RTRANS' && label !== '#BTRANS') {
      throw new LineError(`${label} inside a voucher`);
    }
    return;
  }
  if (open !== null) {
    state.issues.push({
      line: open.line,
      code: 'voucher_without_body',
      message: 'a #VER must be followed by "{" on the next line',
    });
    state.open = null;
  }
  if (label === '#VER') state.open = readVoucherHeader(fields, line);
  else if (label === '#TRANS') throw new LineError('#TRANS outside a voucher');
  else readHeader(label, fields, state.draft);
}

/**
 * Reads a whole file. #RTRANS and #BTRANS (rows added or removed after registration) are skipped:
 * an added row is repeated as a #TRANS, so the #TRANS rows alone give the voucher's effect.
 * Unknown labels are skipped too, as SIE asks of readers. Issues carry 1-based line numbers;
 * a missing mandatory label is reported on line 0.
 */
export function parseSie4(text: string): Result<Sie4File, Sie4Issue[]> {
  const draft: Draft = {
    organisationNumber: null,
    fiscalYears: [],
    chartType: null,
    accounts: [],
    openingBalances: [],
    vouchers: [],
    labels: new Set(),
  };
  const state: State = { draft, open: null, issues: [] };
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const record = raw.trim();
    if (record === '') continue;
    try {
      readRecord(state, record, index + 1);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      state.issues.push({ line: index + 1, code: 'invalid_record', message: e.message });
    }
  }
  if (state.open !== null) {
    state.issues.push({ line: state.open.line, code: 'voucher_not_closed', message: 'no "}"' });
  }
  for (const label of MANDATORY) {
    if (!draft.labels.has(label)) {
      state.issues.push({ line: 0, code: 'missing_label', message: `the file has no ${label}` });
    }
  }
  const { program, generatedDate, companyName } = draft;
  if (state.issues.length > 0 || !program || !generatedDate || companyName === undefined) {
    return err(state.issues);
  }
  return ok({
    program,
    generatedDate,
    company: { name: companyName, organisationNumber: draft.organisationNumber },
    fiscalYears: draft.fiscalYears,
    chartType: draft.chartType,
    accounts: draft.accounts,
    openingBalances: draft.openingBalances,
    vouchers: draft.vouchers,
  });
}
