/**
 * The payment QR code's text: Visma's open "UsingQR" JSON (Svensk QR-faktura), which Swedish bank
 * apps read. Owns: the payload. Must not: draw (pdf-layout.ts draws it).
 */
import { dateParts, type CalendarDate } from '../../domain/calendar-date.ts';
import {
  amountDue,
  settledByCredit,
  type InvoiceDocumentData,
} from '../../domain/documents/document-data.ts';
import { formatDecimal, type Ore } from '../../domain/money.ts';
import { displayBankgiro, displayIdentityNumber } from './pdf-layout.ts';

export type PaymentQrInput = {
  readonly payeeName: string;
  /** 10 digits. */
  readonly organisationNumber: string;
  readonly ocr: string;
  readonly invoiceDate: CalendarDate;
  readonly dueDate: CalendarDate;
  readonly amount: Ore;
  /** 7–8 digits. */
  readonly bankgiro: string;
};

const compactDate = (date: CalendarDate): string => {
  const { year, month, day } = dateParts(date);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
};

/*
 * Sources for the format: the published example in Petter Reinholdtsen's write-up of the UsingQR
 * specification rev. 2 (people.skolelinux.org/pere/blog, 2016-03-19: uqr, tp, nme, cc, cid, iref,
 * idt, ddt, due, cur, pt, acc) and a Swedish bankgiro example citing qrkod.info (kristgy/ca_utils:
 * "pt":"BG","acc":"5536-7742"). The specification PDF itself (usingqr.se) was not read: `due` as a
 * JSON number with two decimals, `cid` as "NNNNNN-NNNN" and the hyphenated bankgiro follow those
 * examples and are UNVERIFIED against it. Decoded with zbarimg from a 200 dpi render: it reads back.
 */

/**
 * One line of JSON in the field order of the examples. Built by hand so that `due` stays an exact
 * decimal ("1250.00") from öre: JSON.stringify of a number would need a float.
 */
export function buildPaymentQrPayload(input: PaymentQrInput): string {
  const text = (value: string): string => JSON.stringify(value);
  const fields = [
    `"uqr":1`,
    `"tp":1`,
    `"nme":${text(input.payeeName)}`,
    `"cid":${text(displayIdentityNumber(input.organisationNumber))}`,
    `"iref":${text(input.ocr)}`,
    `"idt":${text(compactDate(input.invoiceDate))}`,
    `"ddt":${text(compactDate(input.dueDate))}`,
    `"due":${formatDecimal(input.amount)}`,
    `"pt":"BG"`,
    `"acc":${text(displayBankgiro(input.bankgiro))}`,
  ];
  return `{${fields.join(',')}}`;
}

/**
 * The QR code of an invoice: the amount left to pay after any credit balance used. None when
 * there is nothing to pay (settled by credit; a "pay 0,00" code only confuses a bank app) or no
 * bankgiro to pay to.
 */
export function invoicePaymentQrPayload(data: InvoiceDocumentData): string | null {
  const bankgiro = data.seller.bankgiro;
  if (data.kind !== 'invoice' || !bankgiro || settledByCredit(data)) return null;
  return buildPaymentQrPayload({
    payeeName: data.seller.name,
    organisationNumber: data.seller.organisationNumber,
    ocr: data.ocr,
    invoiceDate: data.invoiceDate,
    dueDate: data.dueDate,
    amount: amountDue(data),
    bankgiro,
  });
}
