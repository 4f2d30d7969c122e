/**
 * BgMax parser: decoded text of a Bankgiro Inbetalningar file → BankFile, or every issue found.
 * Owns: record order (01, 05 … 15, 70), deposit and end-record totals, natural payment keys.
 * Must not: decode bytes (adapters/bank-files/decode.ts), throw, or match payments to invoices.
 */
import { err, ok } from '../../result.ts';
import {
  createBankReferenceAllocator,
  type BankFileParseResult,
  type BankSection,
  type ParseIssue,
  type PayerDetails,
} from '../bank-file.ts';
import {
  BGMAX_LINE_LENGTH,
  expandTabs,
  readRecord,
  type AddressRecord,
  type BgMaxRecord,
  type CityRecord,
  type DepositRecord,
  type EndRecord,
  type InformationRecord,
  type NameRecord,
  type OrganisationRecord,
  type StartRecord,
  type TransactionRecord,
} from './bgmax-record.ts';
import {
  closeBgMaxSection,
  issue,
  type Mutable,
  type PaymentDraft,
  type SectionDraft,
} from './bgmax-section.ts';

const BLANK = /^\s*$/;

/** Length without trailing blanks and control characters, without copying the line. */
function contentLength(line: string): number {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) <= 0x20) end -= 1;
  return end;
}

/** Past this many issues the file is clearly not BgMax; more would only flood the report. */
const MAX_ISSUES = 100;

type State = {
  readonly issues: ParseIssue[];
  readonly notices: ParseIssue[];
  readonly sections: BankSection[];
  readonly counts: { '20': number; '21': number; '22+23': number; '15': number };
  readonly allocate: ReturnType<typeof createBankReferenceAllocator>;
  start: StartRecord | undefined;
  end: { record: EndRecord; lineNumber: number } | undefined;
  section: SectionDraft | undefined;
  current: PaymentDraft | undefined;
  /** After a broken payment record, its 22–29 companions are dropped without further issues. */
  skipCompanions: boolean;
  missingStartReported: boolean;
};

/**
 * Parses a whole BgMax file. Lines may end in LF, CRLF or CR, may be shorter than 80 columns
 * (the sample's last lines are) and may contain TABs (expanded, with a notice). Blank lines are
 * skipped. The result is ok only if structure, every numeric field and every total agree.
 */
export function parseBgMax(text: string): BankFileParseResult {
  const state: State = {
    issues: [],
    notices: [],
    sections: [],
    counts: { '20': 0, '21': 0, '22+23': 0, '15': 0 },
    allocate: createBankReferenceAllocator(),
    start: undefined,
    end: undefined,
    section: undefined,
    current: undefined,
    skipCompanions: false,
    missingStartReported: false,
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let lastLineNumber = 0;
  let stopped = false;
  for (let index = 0; index < lines.length && !stopped; index += 1) {
    const lineNumber = index + 1;
    const raw = lines[index]!;
    if (BLANK.test(raw)) continue;
    lastLineNumber = lineNumber;
    stopped = state.issues.length >= MAX_ISSUES;
    if (stopped) {
      state.issues.push(issue(lineNumber, 'file', 'too_many_issues', 'stopped reading here'));
    } else {
      handleLine(state, raw, lineNumber);
    }
  }
  if (!stopped) finish(state, lastLineNumber);
  if (state.issues.length > 0 || state.start === undefined) return err(state.issues);
  return ok({
    format: 'bgmax',
    formatVersion: state.start.version,
    fileReference: state.start.timestamp,
    createdAt: state.start.createdAt,
    test: state.start.test,
    sections: state.sections,
    notices: state.notices,
  });
}

function handleLine(state: State, raw: string, lineNumber: number): void {
  const line = expandTabs(raw);
  if (line !== raw) {
    state.notices.push(
      issue(lineNumber, 'line', 'tab_expanded', 'TAB characters expanded to 8-column tab stops'),
    );
  }
  if (state.end !== undefined) {
    state.issues.push(issue(lineNumber, 'TK', 'record_after_end', 'a record after the TK70 end'));
    return;
  }
  const length = contentLength(line);
  const code = line.slice(0, 2);
  // Reported once; a TK01 that is present but broken has issues of its own instead.
  if (code === '01') state.missingStartReported = true;
  if (state.start === undefined && !state.missingStartReported) {
    state.issues.push(issue(lineNumber, 'TK01', 'missing_start_record', 'TK01 must come first'));
    state.missingStartReported = true;
  }
  countRecord(state, code);
  if (length > BGMAX_LINE_LENGTH) {
    const message = `${length} columns, at most ${BGMAX_LINE_LENGTH} allowed`;
    state.issues.push(issue(lineNumber, 'line', 'line_too_long', message));
    markBroken(state, code);
    return;
  }
  const record = readRecord(line, lineNumber, state.issues);
  if (record === undefined) {
    markBroken(state, code);
    return;
  }
  applyRecord(state, record, lineNumber);
}

function countRecord(state: State, code: string): void {
  if (code === '20' || code === '21' || code === '15') state.counts[code] += 1;
  if (code === '22' || code === '23') state.counts['22+23'] += 1;
}

/** Keeps one bad line from producing a cascade of follow-up issues. */
function markBroken(state: State, code: string): void {
  if (state.section !== undefined) state.section.damaged = true;
  if (code === '20' || code === '21') {
    state.current = undefined;
    state.skipCompanions = true;
  }
}

function applyRecord(state: State, record: BgMaxRecord, lineNumber: number): void {
  switch (record.tk) {
    case '01':
      if (state.start !== undefined || state.sections.length > 0 || state.section !== undefined) {
        state.issues.push(issue(lineNumber, 'TK01', 'duplicate_start_record', 'a second TK01'));
      } else {
        state.start = record;
      }
      return;
    case '05':
      if (state.section !== undefined) {
        const opened = state.section.lineNumber;
        state.issues.push(
          issue(
            lineNumber,
            'TK15',
            'section_not_closed',
            `section from line ${opened} has no TK15`,
          ),
        );
      }
      state.section = { opening: record, lineNumber, payments: [], damaged: false };
      state.current = undefined;
      state.skipCompanions = false;
      return;
    case '20':
    case '21':
      return openPayment(state, record, lineNumber);
    case '22':
    case '23':
      return attachExtraReference(state, record, lineNumber);
    case '25':
    case '26':
    case '27':
    case '28':
    case '29':
      return attachCompanion(state, record, lineNumber);
    case '15':
      return closeSection(state, record, lineNumber);
    case '70':
      if (state.section !== undefined) {
        const opened = state.section.lineNumber;
        state.issues.push(
          issue(
            lineNumber,
            'TK15',
            'section_not_closed',
            `section from line ${opened} has no TK15`,
          ),
        );
        state.section = undefined;
      }
      state.end = { record, lineNumber };
      return;
    case 'unknown':
      state.notices.push(
        issue(lineNumber, 'TK', 'unknown_record_skipped', `TK${record.code} is not known; skipped`),
      );
      return;
  }
}

function openPayment(state: State, record: TransactionRecord, lineNumber: number): void {
  state.skipCompanions = false;
  if (state.section === undefined) {
    state.issues.push(
      issue(lineNumber, `TK${record.tk}`, 'record_outside_section', 'payment before any TK05'),
    );
    state.current = undefined;
    state.skipCompanions = true;
    return;
  }
  state.current = { record, lineNumber, extras: [], messages: [], payer: {} };
  state.section.payments.push(state.current);
}

type CompanionRecord =
  InformationRecord | NameRecord | AddressRecord | CityRecord | OrganisationRecord;

/** Returns the payment a 22–29 record belongs to: the nearest TK20/TK21 above it. */
function ownerOf(state: State, tk: string, lineNumber: number): PaymentDraft | undefined {
  if (state.current === undefined && !state.skipCompanions) {
    state.issues.push(
      issue(lineNumber, `TK${tk}`, 'record_without_payment', 'no TK20/TK21 before it'),
    );
  }
  return state.current;
}

function attachExtraReference(state: State, record: TransactionRecord, lineNumber: number): void {
  ownerOf(state, record.tk, lineNumber)?.extras.push({
    reference: record.referenceText,
    referenceCode: record.referenceCode,
    amountOre: record.amountOre,
    negative: record.tk === '23',
    lineNumber,
  });
}

function attachCompanion(state: State, record: CompanionRecord, lineNumber: number): void {
  const current = ownerOf(state, record.tk, lineNumber);
  if (current === undefined) return;
  const payer = current.payer;
  switch (record.tk) {
    case '25':
      if (record.text !== '') current.messages.push(record.text);
      return;
    case '26':
      setIfPresent(payer, 'name', record.name);
      setIfPresent(payer, 'extraName', record.extraName);
      return;
    case '27':
      setIfPresent(payer, 'address', record.address);
      setIfPresent(payer, 'postalCode', record.postalCode);
      return;
    case '28':
      setIfPresent(payer, 'city', record.city);
      setIfPresent(payer, 'country', record.country);
      setIfPresent(payer, 'countryCode', record.countryCode);
      return;
    case '29':
      if (/[1-9]/.test(record.organisationNumber)) {
        payer.organisationNumber = record.organisationNumber.slice(-12);
      }
      return;
  }
}

function setIfPresent(target: Mutable<PayerDetails>, key: keyof PayerDetails, value: string): void {
  if (value !== '') target[key] = value;
}

function closeSection(state: State, record: DepositRecord, lineNumber: number): void {
  const section = state.section;
  state.section = undefined;
  state.current = undefined;
  state.skipCompanions = false;
  if (section === undefined) {
    state.issues.push(issue(lineNumber, 'TK05', 'record_outside_section', 'TK15 without a TK05'));
    return;
  }
  state.sections.push(closeBgMaxSection(state, section, record, lineNumber));
}

function finish(state: State, lastLineNumber: number): void {
  const line = Math.max(lastLineNumber, 1);
  if (lastLineNumber === 0) {
    state.issues.push(issue(1, 'file', 'empty_file', 'the file has no records'));
    return;
  }
  if (state.section !== undefined) {
    const opened = state.section.lineNumber;
    state.issues.push(
      issue(line, 'TK15', 'section_not_closed', `section from line ${opened} has no TK15`),
    );
  }
  if (state.end === undefined) {
    state.issues.push(
      issue(line, 'TK70', 'missing_end_record', 'no TK70 end record: truncated file?'),
    );
    return;
  }
  const { record, lineNumber } = state.end;
  const checks: [keyof EndRecord, number, string][] = [
    ['paymentCount', state.counts['20'], 'TK20 payment'],
    ['deductionCount', state.counts['21'], 'TK21 deduction'],
    ['extraReferenceCount', state.counts['22+23'], 'TK22/TK23 extra reference'],
    ['depositCount', state.counts['15'], 'TK15 deposit'],
  ];
  for (const [field, actual, what] of checks) {
    if (record[field] !== actual) {
      const message = `TK70 counts ${String(record[field])}, the file has ${actual} ${what} records`;
      state.issues.push(issue(lineNumber, `TK70.${field}`, 'end_count_mismatch', message));
    }
  }
}
