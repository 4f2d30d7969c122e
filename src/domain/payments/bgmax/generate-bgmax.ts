/**
 * BgMax generator: builds a valid BgMax file (01, 05 … 15 per deposit, 70) from a list of
 * payments, for tests, the simulation and the parse benchmark. Deterministic: no clock, no
 * randomness. Must not: be used to produce files for a bank; it writes only what we parse.
 */
import { calendarDate, type CalendarDate } from '../../calendar-date.ts';
import type { Ore } from '../../money.ts';
import { assert } from '../../result.ts';
import { netAmountOre } from '../bank-file.ts';

export type GeneratedBgMaxPayment = {
  /** An OCR (digits: reference code 2), free text (code 3), or '' (code 1, no reference). */
  readonly reference: string;
  readonly amountOre: Ore;
  /** A TK21 deduction instead of a TK20 payment. */
  readonly deduction?: boolean;
  readonly payerBankgiro?: string;
  readonly payerName?: string;
  /** TK25 free text. */
  readonly message?: string;
  /** TK22 extra references. */
  readonly extraReferences?: readonly string[];
};

export type GenerateBgMaxOptions = {
  readonly payments: readonly GeneratedBgMaxPayment[];
  /** Digits, up to 10; zero-filled. */
  readonly payeeBankgiro?: string;
  readonly paymentDate?: CalendarDate;
  /** 20 digits YYYYMMDDhhmmssffffff. Defaults to the payment date at 06:00. */
  readonly timestamp?: string;
  readonly currency?: string;
  /** Each deposit (TK05 … TK15) holds at most this many payment records. */
  readonly paymentsPerDeposit?: number;
  readonly test?: boolean;
  readonly depositAccount?: string;
  /** First BGC serial number; later ones count up from it. */
  readonly firstSerialNumber?: number;
};

const digits = (value: string | number | bigint, width: number): string => {
  const text = String(value);
  assert(/^\d*$/.test(text) && text.length <= width, `not ${width} digits: ${text}`);
  return text.padStart(width, '0');
};
const textField = (value: string, width: number): string => {
  assert(value.length <= width && !/[\t\r\n]/.test(value), `text too long for ${width}: ${value}`);
  return value.padEnd(width, ' ');
};
const line = (content: string): string => {
  assert(content.length <= 80, `BgMax line over 80 columns: ${content}`);
  return content.padEnd(80, ' ');
};

function referenceCode(reference: string): string {
  if (reference === '') return '1';
  return /^\d+$/.test(reference) ? '2' : '3';
}

/** TK20-23 share one layout: payer BG, reference, amount, codes, serial number, image mark. */
function transactionLine(
  tk: string,
  payment: GeneratedBgMaxPayment,
  ref: string,
  amount: bigint,
  serial: string,
): string {
  const code = referenceCode(ref);
  // An OCR is right-aligned and blank-filled; text references are left-aligned.
  const referenceField =
    code === '2' ? textField(ref, 25).trimEnd().padStart(25, ' ') : textField(ref, 25);
  const deductionCode = tk === '21' ? '0' : '';
  return line(
    `${tk}${digits(payment.payerBankgiro ?? '', 10)}${referenceField}${digits(amount, 18)}${code}1${serial}0${deductionCode}`,
  );
}

function paymentLines(payment: GeneratedBgMaxPayment, serial: string): string[] {
  assert(payment.amountOre >= 0n, 'negative amount');
  const tk = payment.deduction === true ? '21' : '20';
  const lines = [transactionLine(tk, payment, payment.reference, payment.amountOre, serial)];
  for (const extra of payment.extraReferences ?? []) {
    lines.push(transactionLine('22', payment, extra, 0n, serial));
  }
  if (payment.message !== undefined) lines.push(line(`25${textField(payment.message, 50)}`));
  if (payment.payerName !== undefined) lines.push(line(`26${textField(payment.payerName, 35)}`));
  return lines;
}

/** The whole file as text, LF line ends, one trailing newline. */
export function generateBgMax(options: GenerateBgMaxOptions): string {
  const date = options.paymentDate ?? calendarDate('2025-03-14');
  const dateDigits = date.replaceAll('-', '');
  const timestamp = options.timestamp ?? `${dateDigits}060000000000`;
  const currency = options.currency ?? 'SEK';
  const perDeposit = options.paymentsPerDeposit ?? 1000;
  assert(perDeposit > 0, 'paymentsPerDeposit must be positive');
  const payee = digits(options.payeeBankgiro ?? '9912346', 10);
  const account = digits(options.depositAccount ?? '58410000010098', 35);

  const out = [
    line(
      `01${textField('BGMAX', 20)}01${digits(timestamp, 20)}${options.test === true ? 'T' : 'P'}`,
    ),
  ];
  let serial = options.firstSerialNumber ?? 1;
  let deposits = 0;
  let extraReferences = 0;
  for (let start = 0; start < options.payments.length; start += perDeposit) {
    const chunk = options.payments.slice(start, start + perDeposit);
    deposits += 1;
    out.push(line(`05${payee}${' '.repeat(10)}${currency}`));
    for (const payment of chunk) {
      out.push(...paymentLines(payment, digits(serial, 12)));
      extraReferences += payment.extraReferences?.length ?? 0;
      serial += 1;
    }
    const deposit = netAmountOre(
      chunk.map((p) => ({
        kind: p.deduction === true ? 'deduction' : 'payment',
        amountOre: p.amountOre,
      })),
    );
    assert(deposit >= 0n, 'a deposit cannot be negative');
    out.push(
      line(
        `15${account}${dateDigits}${digits(deposits, 5)}${digits(deposit, 18)}${currency}${digits(chunk.length, 8)}`,
      ),
    );
  }
  const deductions = options.payments.filter((p) => p.deduction === true).length;
  const payments = options.payments.length - deductions;
  out.push(
    line(
      `70${digits(payments, 8)}${digits(deductions, 8)}${digits(extraReferences, 8)}${digits(deposits, 8)}`,
    ),
  );
  return `${out.join('\n')}\n`;
}
