/**
 * BankFile: the one shape both bank-file parsers (BgMax, camt.054) return, plus their issue type.
 * Owns: the parsed-file types, ParseIssue, and the allocator that keeps bank references unique.
 * Must not: read bytes, know a file layout, or match payments to invoices.
 */
import type { CalendarDate } from '../calendar-date.ts';
import { addOre, subtractOre, ZERO_ORE, type Ore } from '../money.ts';
import type { Result } from '../result.ts';

export type BankFileFormat = 'bgmax' | 'camt054';

/**
 * One problem found in a file. `line` is 1-based; `field` names the record and field
 * ("TK20.amount") or the XML path ("Ntry/Amt"). `code` is a stable snake_case fact.
 */
export type ParseIssue = {
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
  readonly code: string;
};

/** Parsers never throw: a file is either fully understood or rejected with every issue found. */
export type BankFileParseResult = Result<BankFile, readonly ParseIssue[]>;

export type PayerDetails = {
  readonly name?: string;
  readonly extraName?: string;
  readonly address?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly country?: string;
  readonly countryCode?: string;
  readonly organisationNumber?: string;
  readonly bankgiro?: string;
  /** The payer's account (camt DbtrAcct: IBAN or other id). */
  readonly account?: string;
};

/** A BgMax TK22 (positive) or TK23 (negative) extra reference, kept as delivered. */
export type ExtraReference = {
  readonly reference: string;
  readonly referenceCode: string;
  readonly amountOre: Ore;
  /** TK23: the payer subtracted this reference (e.g. a credit note); never a matching candidate. */
  readonly negative: boolean;
  readonly lineNumber: number;
};

/** BgMax payment channel codes 1–4 (TK20 position 57); anything else is 'other'. */
export type PaymentChannel = 'bank' | 'supplier_payments' | 'paper' | 'autogiro' | 'other';

export type BankPayment = {
  /** A deduction (BgMax TK21) reduces the deposit; amountOre stays positive either way. */
  readonly kind: 'payment' | 'deduction';
  readonly amountOre: Ore;
  /**
   * Matching candidates in file order, without duplicates: the OCR or text reference(s) of the
   * payment record (text split on blanks and commas), then positive extra references (TK22),
   * then camt creditor references (SCOR first). A reference a TK23 subtracts is never listed.
   */
  readonly references: readonly string[];
  readonly extraReferences: readonly ExtraReference[];
  /** BgMax reference code (position 56: '2' = OCR) or the camt reference type ('SCOR'). */
  readonly referenceCode?: string;
  /** True when the bank vouches for the reference: BgMax code 2 or camt SCOR. */
  readonly structured: boolean;
  /** Free text: BgMax TK25 lines or camt Ustrd, joined by newlines. */
  readonly message?: string;
  readonly payer?: PayerDetails;
  /** Natural key, unique within the file and stable across re-deliveries of the payment. */
  readonly bankReference: string;
  /** The bank's own id for the transaction: BGC serial number, or camt TxDtls/Refs/AcctSvcrRef. */
  readonly bankTransactionId?: string;
  readonly endToEndId?: string;
  readonly channel?: PaymentChannel;
  readonly deductionCode?: string;
  /** BgMax image mark: Bankgirot holds an image of a paper slip. */
  readonly imageAvailable?: boolean;
  readonly lineNumber?: number;
};

/**
 * BgMax: one deposit (TK05 … TK15). camt.054: one booked credit entry (Ntry), whose transaction
 * details are its payments. Either way amountOre = payments − deductions, checked by the parser.
 */
export type BankSection = {
  readonly payeeAccount: string;
  readonly payeeAccountKind: 'bankgiro' | 'iban' | 'other';
  readonly currency: string;
  readonly bookingDate: CalendarDate;
  /** BgMax deposit serial number (TK15); camt entry reference (Ntry/AcctSvcrRef). */
  readonly depositReference?: string;
  /** BgMax TK15 bank account the deposit went to, leading zeros removed. */
  readonly depositAccount?: string;
  readonly amountOre: Ore;
  readonly payments: readonly BankPayment[];
  readonly lineNumber?: number;
};

export type BankFile = {
  readonly format: BankFileFormat;
  /** BgMax layout version ('01'); camt message version ('001.02', '001.08', …). */
  readonly formatVersion: string;
  /** BgMax TK01 timestamp digits; camt GrpHdr/MsgId. Use it to spot a file imported twice. */
  readonly fileReference: string;
  /** As the file states it, local time without zone for BgMax ('2004-05-25T17:30:35.010331'). */
  readonly createdAt: string;
  readonly test: boolean;
  readonly sections: readonly BankSection[];
  /** Things skipped or repaired that do not change money: unknown records, TABs, debit entries. */
  readonly notices: readonly ParseIssue[];
};

/** "line 17, TK20.amount: …" for logs and CLI output. */
export function describeParseIssue(issue: ParseIssue): string {
  const where = [issue.line === undefined ? undefined : `line ${issue.line}`, issue.field].filter(
    (part) => part !== undefined,
  );
  return `${where.length > 0 ? `${where.join(', ')}: ` : ''}${issue.message} [${issue.code}]`;
}

/**
 * Makes natural keys unique within one file. Bankgirot's own example file repeats a BGC serial
 * number within one deposit, so a repeated key gets ":2", ":3", … in file order; a re-delivered
 * file repeats the same order and so the same keys.
 */
export function createBankReferenceAllocator(): (base: string) => {
  reference: string;
  duplicate: boolean;
} {
  const issued = new Set<string>();
  return (base) => {
    let reference = base;
    // Loop rather than count per base, so a literal key "x:2" later in the file cannot collide.
    for (let n = 2; issued.has(reference); n += 1) reference = `${base}:${n}`;
    issued.add(reference);
    return { reference, duplicate: reference !== base };
  };
}

/**
 * Payments minus deductions: what a section's deposit must equal. A loop on purpose: sumOre
 * spreads its arguments, which overflows the call stack past roughly 100 000 amounts.
 */
export function netAmountOre(payments: readonly Pick<BankPayment, 'kind' | 'amountOre'>[]): Ore {
  let net = ZERO_ORE;
  for (const payment of payments) {
    net =
      payment.kind === 'deduction'
        ? subtractOre(net, payment.amountOre)
        : addOre(net, payment.amountOre);
  }
  return net;
}

/** Adds a reference once, keeping first-seen order. */
export function appendUniqueReference(references: string[], reference: string): void {
  if (reference !== '' && !references.includes(reference)) references.push(reference);
}
