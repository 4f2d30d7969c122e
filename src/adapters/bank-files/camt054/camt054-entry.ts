/**
 * camt.054 entries: one booked credit Ntry → one BankSection whose payments are its TxDtls.
 * Owns: which entries count (BOOK + CRDT), amounts via parseDecimalOre, references, payer, keys.
 * Must not: parse XML text or check the message envelope (parse-camt054.ts does).
 */
import { parseCalendarDate, type CalendarDate } from '../../../domain/calendar-date.ts';
import { parseDecimalOre, type Ore } from '../../../domain/money.ts';
import {
  appendUniqueReference,
  netAmountOre,
  type BankPayment,
  type BankSection,
  type ParseIssue,
  type PayerDetails,
} from '../../../domain/payments/bank-file.ts';
import { child, childElements, textAt, textsAt, attribute, type XmlElement } from './xml-tree.ts';

export type CamtAccount = { readonly id: string; readonly kind: BankSection['payeeAccountKind'] };

export type EntryContext = {
  readonly issues: ParseIssue[];
  readonly notices: ParseIssue[];
  readonly allocate: (base: string) => { reference: string; duplicate: boolean };
  readonly lineOf: (node: unknown) => number | undefined;
  readonly messageId: string;
};

type Located = { readonly path: string; readonly line: number | undefined };

/** Records an issue or notice at `at`; returns undefined so callers can `return report(…)`. */
function report(
  list: ParseIssue[],
  at: Located,
  field: string,
  code: string,
  message: string,
): undefined {
  list.push({
    ...(at.line === undefined ? {} : { line: at.line }),
    field: field === '' ? at.path : `${at.path}/${field}`,
    code,
    message,
  });
  return undefined;
}

/** "1250.00" with Ccy → öre. At most two decimals, no sign, no exponent; zero is not a payment. */
function readAmount(
  ctx: EntryContext,
  at: Located,
  node: unknown,
  field: string,
): { valueOre: Ore; currency: string } | undefined {
  const text = textAt(node, 'Amt');
  const currency = attribute(child(node, 'Amt'), 'Ccy');
  if (text === undefined) return report(ctx.issues, at, field, 'missing_amount', 'no amount');
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
    return report(ctx.issues, at, field, 'invalid_currency', `Ccy must be a currency code`);
  }
  const valueOre = /^\d{1,18}(\.\d+)?$/.test(text) ? parseDecimalOre(text) : null;
  if (valueOre === null) {
    const tooPrecise = /^\d+\.\d{3,}$/.test(text);
    const code = tooPrecise ? 'too_many_decimals' : 'invalid_amount';
    return report(
      ctx.issues,
      at,
      field,
      code,
      `"${text}" is not an amount with at most 2 decimals`,
    );
  }
  if (valueOre <= 0n) return report(ctx.issues, at, field, 'amount_not_positive', `"${text}"`);
  return { valueOre, currency };
}

/** BookgDt/Dt, or the date part of BookgDt/DtTm (the bank's local date as written). */
function readBookingDate(
  ctx: EntryContext,
  at: Located,
  ntry: XmlElement,
): CalendarDate | undefined {
  const text = textAt(ntry, 'BookgDt', 'Dt') ?? textAt(ntry, 'BookgDt', 'DtTm')?.slice(0, 10);
  const parsed = parseCalendarDate(text ?? '');
  if (parsed.ok) return parsed.value;
  report(ctx.issues, at, 'BookgDt', 'invalid_booking_date', `booking date ${text ?? 'missing'}`);
  return undefined;
}

function readPayer(tx: XmlElement): PayerDetails | undefined {
  const debtor = child(tx, 'RltdPties', 'Dbtr');
  // camt.054.001.08 wraps the party in Pty; .02 puts Nm and PstlAdr right under Dbtr.
  const party = child(debtor, 'Pty') ?? debtor;
  const address = child(party, 'PstlAdr');
  const street = [textAt(address, 'StrtNm'), textAt(address, 'BldgNb')].filter(Boolean).join(' ');
  const lines = textsAt(address, 'AdrLine').join(', ');
  const accountId = child(tx, 'RltdPties', 'DbtrAcct', 'Id');
  const otherAccount = textAt(accountId, 'Othr', 'Id');
  const isBankgiro = textAt(accountId, 'Othr', 'SchmeNm', 'Prtry') === 'BGNR';
  const fields: [keyof PayerDetails, string | undefined][] = [
    ['name', textAt(party, 'Nm')],
    ['address', street !== '' ? street : lines !== '' ? lines : undefined],
    ['postalCode', textAt(address, 'PstCd')],
    ['city', textAt(address, 'TwnNm')],
    ['countryCode', textAt(address, 'Ctry')],
    [
      'organisationNumber',
      textAt(party, 'Id', 'OrgId', 'Othr', 'Id') ?? textAt(party, 'Id', 'PrvtId', 'Othr', 'Id'),
    ],
    ['bankgiro', isBankgiro ? otherAccount : undefined],
    ['account', textAt(accountId, 'IBAN') ?? (isBankgiro ? undefined : otherAccount)],
  ];
  const present = fields.filter((entry): entry is [keyof PayerDetails, string] => !!entry[1]);
  return present.length === 0 ? undefined : Object.fromEntries(present);
}

/** SCOR creditor references first (OCR), then other references and invoice numbers. */
function readRemittance(tx: XmlElement) {
  const remittance = child(tx, 'RmtInf');
  const scor: string[] = [];
  const other: string[] = [];
  const messages = textsAt(remittance, 'Ustrd');
  let otherCode: string | undefined;
  for (const structured of childElements(remittance, 'Strd')) {
    for (const info of childElements(structured, 'CdtrRefInf')) {
      const ref = textAt(info, 'Ref');
      const code =
        textAt(info, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(info, 'Tp', 'CdOrPrtry', 'Prtry');
      if (ref === undefined) continue;
      if (code === 'SCOR') scor.push(ref);
      else {
        other.push(ref);
        otherCode ??= code;
      }
    }
    for (const document of childElements(structured, 'RfrdDocInf')) {
      const number = textAt(document, 'Nb');
      if (number !== undefined) other.push(number);
    }
    messages.push(...textsAt(structured, 'AddtlRmtInf'));
  }
  const references: string[] = [];
  for (const ref of [...scor, ...other]) appendUniqueReference(references, ref);
  const referenceCode = scor.length > 0 ? 'SCOR' : otherCode;
  return { references, structured: scor.length > 0, referenceCode, messages };
}

type EntryFacts = {
  readonly account: CamtAccount;
  readonly entryReference: string | undefined;
  readonly entryAmount: { valueOre: Ore; currency: string };
  readonly transactionCount: number;
  readonly position: string;
};

type Amount = { readonly valueOre: Ore; readonly currency: string };

/** TxDtls/AmtDtls/TxAmt (or .08's TxDtls/Amt); a lone TxDtls without one takes the entry's. */
function transactionAmount(ctx: EntryContext, facts: EntryFacts, tx: XmlElement, at: Located) {
  const own = child(tx, 'AmtDtls', 'TxAmt') ?? (child(tx, 'Amt') === undefined ? undefined : tx);
  if (own === undefined && facts.transactionCount > 1) {
    const message = 'a batch entry needs TxAmt in every TxDtls';
    return report(ctx.issues, at, 'AmtDtls', 'missing_transaction_amount', message);
  }
  const amount: Amount | undefined =
    own === undefined ? facts.entryAmount : readAmount(ctx, at, own, 'AmtDtls/TxAmt/Amt');
  if (amount !== undefined && amount.currency !== facts.entryAmount.currency) {
    const message = `${amount.currency} in an entry of ${facts.entryAmount.currency}`;
    return report(ctx.issues, at, 'AmtDtls/TxAmt/Amt', 'currency_mismatch', message);
  }
  if (textAt(tx, 'CdtDbtInd') === 'DBIT') {
    const message = 'a debit transaction inside a credit entry';
    return report(ctx.issues, at, 'CdtDbtInd', 'debit_in_credit_entry', message);
  }
  return amount;
}

/**
 * The natural key: the bank's transaction reference when there is one; else the entry's
 * reference (plus EndToEndId or position inside a batch); else, weakly, the message position.
 */
function bankReferenceOf(
  ctx: EntryContext,
  facts: EntryFacts,
  tx: XmlElement,
  index: number,
  at: Located,
) {
  const transactionRef = textAt(tx, 'Refs', 'AcctSvcrRef');
  const endToEndId = textAt(tx, 'Refs', 'EndToEndId');
  const usableEndToEnd = endToEndId === 'NOTPROVIDED' ? undefined : endToEndId;
  const account = facts.account.id;
  let base: string;
  if (transactionRef !== undefined) base = `camt:${account}:${transactionRef}`;
  else if (facts.entryReference === undefined) {
    base = `camt:${ctx.messageId}:${facts.position}:${index + 1}`;
    report(ctx.notices, at, 'Refs', 'weak_bank_reference', 'no bank reference; key uses MsgId');
  } else if (facts.transactionCount <= 1) base = `camt:${account}:${facts.entryReference}`;
  else base = `camt:${account}:${facts.entryReference}:${usableEndToEnd ?? `#${index + 1}`}`;
  const key = ctx.allocate(base);
  if (key.duplicate) {
    report(ctx.notices, at, 'Refs', 'duplicate_bank_reference', `made unique: ${key.reference}`);
  }
  return { bankReference: key.reference, transactionRef, endToEndId: usableEndToEnd };
}

function readTransaction(
  ctx: EntryContext,
  facts: EntryFacts,
  tx: XmlElement,
  index: number,
  at: Located,
): BankPayment | undefined {
  const amount = transactionAmount(ctx, facts, tx, at);
  if (amount === undefined) return undefined;
  const refs = bankReferenceOf(ctx, facts, tx, index, at);
  const remittance = readRemittance(tx);
  const payer = readPayer(tx);
  return {
    kind: 'payment',
    amountOre: amount.valueOre,
    references: remittance.references,
    extraReferences: [],
    ...(remittance.referenceCode === undefined ? {} : { referenceCode: remittance.referenceCode }),
    structured: remittance.structured,
    ...(remittance.messages.length > 0 ? { message: remittance.messages.join('\n') } : {}),
    ...(payer === undefined ? {} : { payer }),
    bankReference: refs.bankReference,
    ...(refs.transactionRef === undefined ? {} : { bankTransactionId: refs.transactionRef }),
    ...(refs.endToEndId === undefined ? {} : { endToEndId: refs.endToEndId }),
    ...(at.line === undefined ? {} : { lineNumber: at.line }),
  };
}

/** Only booked credits are payments to us; the rest get a notice (or an issue if malformed). */
function isBookedCredit(ctx: EntryContext, ntry: XmlElement, at: Located): boolean {
  const indicator = textAt(ntry, 'CdtDbtInd');
  // camt.054.001.02 writes <Sts>BOOK</Sts>; from about .08 on it is <Sts><Cd>BOOK</Cd></Sts>.
  const status = textAt(ntry, 'Sts') ?? textAt(ntry, 'Sts', 'Cd') ?? textAt(ntry, 'Sts', 'Prtry');
  if (indicator === 'DBIT') {
    report(ctx.notices, at, 'CdtDbtInd', 'debit_entry_ignored', 'a debit entry: not a payment');
  } else if (indicator !== 'CRDT') {
    const message = `must be CRDT or DBIT, got "${indicator ?? ''}"`;
    report(ctx.issues, at, 'CdtDbtInd', 'invalid_credit_debit_indicator', message);
  } else if (status !== 'BOOK') {
    const message = `status ${status ?? 'missing'}; only BOOK entries are payments`;
    report(ctx.notices, at, 'Sts', 'entry_not_booked', message);
  } else if (textAt(ntry, 'RvslInd') === 'true') {
    report(ctx.notices, at, 'RvslInd', 'reversal_entry_ignored', 'a reversal, not a payment');
  } else {
    return true;
  }
  return false;
}

/**
 * Reads one Ntry. Returns undefined for entries that are not payments to us (with a notice:
 * debits, not booked, reversals) and for broken ones (with issues).
 */
export function readEntry(
  ctx: EntryContext,
  account: CamtAccount,
  ntry: XmlElement,
  path: string,
): BankSection | undefined {
  const at: Located = { path, line: ctx.lineOf(ntry) };
  if (!isBookedCredit(ctx, ntry, at)) return undefined;
  const issuesBefore = ctx.issues.length;
  const entryAmount = readAmount(ctx, at, ntry, 'Amt');
  const bookingDate = readBookingDate(ctx, at, ntry);
  if (entryAmount === undefined || bookingDate === undefined) return undefined;
  const transactions = childElements(ntry, 'NtryDtls').flatMap((d) => childElements(d, 'TxDtls'));
  const facts: EntryFacts = {
    account,
    entryReference: textAt(ntry, 'AcctSvcrRef') ?? textAt(ntry, 'NtryRef'),
    entryAmount,
    transactionCount: transactions.length,
    position: path,
  };
  const payments = (transactions.length === 0 ? [{}] : transactions).map((tx, index) =>
    readTransaction(ctx, facts, tx, index, {
      path: transactions.length === 0 ? path : `${path}/NtryDtls/TxDtls[${index + 1}]`,
      line: ctx.lineOf(tx) ?? at.line,
    }),
  );
  const complete = payments.filter((p) => p !== undefined);
  if (complete.length !== payments.length || ctx.issues.length > issuesBefore) return undefined;
  const total = netAmountOre(complete);
  if (total !== entryAmount.valueOre) {
    const message = `entry amount ${entryAmount.valueOre} öre, transactions sum to ${total} öre`;
    report(ctx.issues, at, 'Amt', 'entry_amount_mismatch', message);
    return undefined;
  }
  return {
    payeeAccount: account.id,
    payeeAccountKind: account.kind,
    currency: entryAmount.currency,
    bookingDate,
    ...(facts.entryReference === undefined ? {} : { depositReference: facts.entryReference }),
    amountOre: entryAmount.valueOre,
    payments: complete,
    ...(at.line === undefined ? {} : { lineNumber: at.line }),
  };
}
