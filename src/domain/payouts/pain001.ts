/**
 * Payout file: ISO 20022 pain.001.001.03 (CustomerCreditTransferInitiation) paying collected money
 * out to clients. Owns: input checks, XML text and escaping. Must not: read a clock (CreDtTm is
 * passed in), pick ids (the caller stores MsgId/EndToEndId for idempotency), or send anything.
 *
 * Why 001.03: it is the version every Swedish bank's MIG (Nordea, SEB, Handelsbanken, Swedbank,
 * Danske) accepts today; 001.09 is the newer one (BICFI, ReqdExctnDt/Dt) and not yet universal.
 */
import type { CalendarDate } from '../calendar-date.ts';
import { formatDecimal, sumOre, type Ore } from '../money.ts';
import { err, ok, type FieldIssue, type Result } from '../result.ts';

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

export type PayoutAccount =
  | { readonly kind: 'iban'; readonly iban: string; readonly bic?: string | undefined }
  | { readonly kind: 'bankgiro'; readonly number: string };

export type Pain001Payout = {
  /** Max 35 characters; travels to the client's bank statement, so make it findable. */
  readonly endToEndId: string;
  readonly executionDate: CalendarDate;
  readonly amount: Ore;
  readonly creditor: { readonly name: string; readonly account: PayoutAccount };
  /** Defaults to "Reskontra utbetalning <executionDate>". */
  readonly remittanceText?: string | undefined;
};

export type Pain001Input = {
  /** Unique per file over time (banks reject a repeated MsgId); max 30 characters, see below. */
  readonly messageId: string;
  /** ISO date-time from the injected clock, e.g. "2026-05-04T08:30:00+02:00". */
  readonly createdAt: string;
  readonly initiatingParty: {
    readonly name: string;
    readonly organisationNumber: string;
    /**
     * SchmeNm/Cd for the id ("BANK", "CUST", …): each bank's MIG names its own, so it is
     * configuration; without it the orgnr goes out as a bare Othr/Id.
     */
    readonly schemeCode?: string | undefined;
  };
  readonly debtor: {
    readonly name: string;
    readonly account: PayoutAccount;
    /** The debtor bank's BIC; without it DbtrAgt says Othr/Id NOTPROVIDED. */
    readonly bic?: string | undefined;
  };
  readonly payouts: readonly Pain001Payout[];
};

// ISO 20022 text limits. MsgId is capped at 30 so "<MsgId>-<n>" fits the 35 of PmtInfId.
const MAX_MESSAGE_ID = 30;
const MAX_ID = 35;
const MAX_NAME = 70; // Max140Text in the schema; Swedish banks cut names at 70.
const MAX_REMITTANCE = 140;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/;
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Luhn (mod 10) over all digits, check digit last: bankgiro numbers and orgnr use it. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** "5050-1055" → "50501055"; null unless 7–8 digits with a valid check digit. */
export function normaliseBankgiro(text: string): string | null {
  const digits = text.replace(/[-\s]/g, '');
  return /^\d{7,8}$/.test(digits) && luhnValid(digits) ? digits : null;
}

/** "se45 5000 0000 0583 9825 7466" → "SE4550000000058398257466"; null unless mod 97 = 1. */
export function normaliseIban(text: string): string | null {
  const iban = text.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return null;
  if (iban.startsWith('SE') && iban.length !== 24) return null;
  // Move the first four characters to the end, letters to numbers (A = 10), then mod 97
  // digit by digit, so no number grows past a few digits.
  let remainder = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? iban : null;
}

/** XML 1.0 forbids most control characters outright; escaping cannot save them. */
function hasForbiddenCharacters(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') return true;
    if (code === 0xfffe || code === 0xffff) return true;
  }
  return false;
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const remittanceText = (p: Pain001Payout): string =>
  p.remittanceText ?? `Reskontra utbetalning ${p.executionDate}`;

function checkText(issues: FieldIssue[], path: string, value: string, max: number): void {
  if (value.trim() === '') {
    issues.push({ path, code: 'text_empty', message: 'must not be empty' });
  } else if ([...value].length > max) {
    issues.push({ path, code: 'text_too_long', message: `at most ${max} characters` });
  } else if (hasForbiddenCharacters(value)) {
    issues.push({ path, code: 'text_invalid_characters', message: 'has control characters' });
  }
}

function checkBic(issues: FieldIssue[], path: string, bic: string | undefined): void {
  if (bic !== undefined && !BIC.test(bic)) {
    issues.push({ path, code: 'bic_invalid', message: 'is not a BIC (8 or 11 capitals/digits)' });
  }
}

function checkAccount(issues: FieldIssue[], path: string, account: PayoutAccount): void {
  if (account.kind === 'bankgiro') {
    if (normaliseBankgiro(account.number) === null) {
      issues.push({
        path: `${path}.number`,
        code: 'bankgiro_invalid',
        message: 'must be 7–8 digits with a valid check digit',
      });
    }
    return;
  }
  if (normaliseIban(account.iban) === null) {
    issues.push({ path: `${path}.iban`, code: 'iban_invalid', message: 'is not a valid IBAN' });
  }
  checkBic(issues, `${path}.bic`, account.bic);
}

function checkPayout(
  issues: FieldIssue[],
  p: Pain001Payout,
  path: string,
  seen: Set<string>,
): void {
  checkText(issues, `${path}.endToEndId`, p.endToEndId, MAX_ID);
  if (seen.has(p.endToEndId)) {
    issues.push({
      path: `${path}.endToEndId`,
      code: 'end_to_end_id_repeated',
      message: 'is used by an earlier payout in the file',
    });
  }
  seen.add(p.endToEndId);
  if (p.amount <= 0n) {
    issues.push({ path: `${path}.amount`, code: 'amount_not_positive', message: 'must be > 0' });
  }
  checkText(issues, `${path}.creditor.name`, p.creditor.name, MAX_NAME);
  checkAccount(issues, `${path}.creditor.account`, p.creditor.account);
  checkText(issues, `${path}.remittanceText`, remittanceText(p), MAX_REMITTANCE);
}

/** Every issue, in field order: header, initiating party, debtor, then each payout in turn. */
export function validatePain001Input(input: Pain001Input): FieldIssue[] {
  const issues: FieldIssue[] = [];
  checkText(issues, 'messageId', input.messageId, MAX_MESSAGE_ID);
  if (!DATE_TIME.test(input.createdAt)) {
    issues.push({ path: 'createdAt', code: 'date_time_invalid', message: 'is not ISO date-time' });
  }
  const party = input.initiatingParty;
  checkText(issues, 'initiatingParty.name', party.name, MAX_NAME);
  const orgnr = party.organisationNumber.replace(/-/g, '');
  if (!/^\d{10}$/.test(orgnr) || !luhnValid(orgnr)) {
    issues.push({
      path: 'initiatingParty.organisationNumber',
      code: 'organisation_number_invalid',
      message: 'must be 10 digits with a valid check digit',
    });
  }
  if (party.schemeCode !== undefined && !/^[A-Z0-9]{1,4}$/.test(party.schemeCode)) {
    issues.push({
      path: 'initiatingParty.schemeCode',
      code: 'scheme_code_invalid',
      message: 'is an ISO code of 1–4 capitals, such as BANK or CUST',
    });
  }
  checkText(issues, 'debtor.name', input.debtor.name, MAX_NAME);
  checkAccount(issues, 'debtor.account', input.debtor.account);
  checkBic(issues, 'debtor.bic', input.debtor.bic);
  if (input.payouts.length === 0) {
    issues.push({ path: 'payouts', code: 'payouts_empty', message: 'at least one payout' });
  }
  const seen = new Set<string>();
  input.payouts.forEach((p, i) => checkPayout(issues, p, `payouts.${i}`, seen));
  return issues;
}

function accountXml(account: PayoutAccount): string {
  if (account.kind === 'iban') return `<Id><IBAN>${normaliseIban(account.iban)}</IBAN></Id>`;
  const number = normaliseBankgiro(account.number)!;
  return `<Id><Othr><Id>${number}</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id>`;
}

/** The creditor's bank: Bankgirot (clearing SESBA 9900) for a bankgiro, else the BIC if given. */
function creditorAgentXml(account: PayoutAccount): string {
  if (account.kind === 'bankgiro') {
    const clearing = '<ClrSysMmbId><ClrSysId><Cd>SESBA</Cd></ClrSysId><MmbId>9900</MmbId>';
    return `<CdtrAgt><FinInstnId>${clearing}</ClrSysMmbId></FinInstnId></CdtrAgt>`;
  }
  return account.bic === undefined
    ? ''
    : `<CdtrAgt><FinInstnId><BIC>${account.bic}</BIC></FinInstnId></CdtrAgt>`;
}

function transactionXml(p: Pain001Payout): string {
  return [
    '<CdtTrfTxInf>',
    `<PmtId><EndToEndId>${escapeXml(p.endToEndId)}</EndToEndId></PmtId>`,
    `<Amt><InstdAmt Ccy="SEK">${formatDecimal(p.amount)}</InstdAmt></Amt>`,
    creditorAgentXml(p.creditor.account),
    `<Cdtr><Nm>${escapeXml(p.creditor.name)}</Nm></Cdtr>`,
    `<CdtrAcct>${accountXml(p.creditor.account)}</CdtrAcct>`,
    `<RmtInf><Ustrd>${escapeXml(remittanceText(p))}</Ustrd></RmtInf>`,
    '</CdtTrfTxInf>',
  ].join('');
}

function paymentInformationXml(
  input: Pain001Input,
  group: { id: string; date: CalendarDate; payouts: readonly Pain001Payout[] },
): string {
  const { debtor } = input;
  const agent =
    debtor.bic === undefined ? '<Othr><Id>NOTPROVIDED</Id></Othr>' : `<BIC>${debtor.bic}</BIC>`;
  return [
    '<PmtInf>',
    `<PmtInfId>${escapeXml(group.id)}</PmtInfId>`,
    '<PmtMtd>TRF</PmtMtd>',
    `<NbOfTxs>${group.payouts.length}</NbOfTxs>`,
    `<CtrlSum>${formatDecimal(sumOre(group.payouts.map((p) => p.amount)))}</CtrlSum>`,
    `<ReqdExctnDt>${group.date}</ReqdExctnDt>`,
    `<Dbtr><Nm>${escapeXml(debtor.name)}</Nm></Dbtr>`,
    `<DbtrAcct>${accountXml(debtor.account)}<Ccy>SEK</Ccy></DbtrAcct>`,
    `<DbtrAgt><FinInstnId>${agent}</FinInstnId></DbtrAgt>`,
    ...group.payouts.map(transactionXml),
    '</PmtInf>',
  ].join('\n');
}

/**
 * The file as UTF-8 text (the XML declaration says so; the caller writes the bytes). One PmtInf
 * per execution date, earliest first, payouts in input order within it. Invalid input gives
 * every issue instead of a file, so a bank never sees a file it would reject later.
 */
export function writePain001(input: Pain001Input): Result<string, FieldIssue[]> {
  const issues = validatePain001Input(input);
  if (issues.length > 0) return err(issues);
  const dates = [...new Set(input.payouts.map((p) => p.executionDate))].sort();
  const groups = dates.map((date, i) => ({
    id: `${input.messageId}-${i + 1}`,
    date,
    payouts: input.payouts.filter((p) => p.executionDate === date),
  }));
  const party = input.initiatingParty;
  const scheme =
    party.schemeCode === undefined
      ? ''
      : `<SchmeNm><Cd>${escapeXml(party.schemeCode)}</Cd></SchmeNm>`;
  const orgnr = party.organisationNumber.replace(/-/g, '');
  return ok(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<Document xmlns="${PAIN001_NAMESPACE}">`,
      '<CstmrCdtTrfInitn>',
      '<GrpHdr>',
      `<MsgId>${escapeXml(input.messageId)}</MsgId>`,
      `<CreDtTm>${input.createdAt}</CreDtTm>`,
      `<NbOfTxs>${input.payouts.length}</NbOfTxs>`,
      `<CtrlSum>${formatDecimal(sumOre(input.payouts.map((p) => p.amount)))}</CtrlSum>`,
      `<InitgPty><Nm>${escapeXml(party.name)}</Nm>`,
      `<Id><OrgId><Othr><Id>${orgnr}</Id>${scheme}</Othr></OrgId></Id></InitgPty>`,
      '</GrpHdr>',
      ...groups.map((g) => paymentInformationXml(input, g)),
      '</CstmrCdtTrfInitn>',
      '</Document>',
      '',
    ].join('\n'),
  );
}
