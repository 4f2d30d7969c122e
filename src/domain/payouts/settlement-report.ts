/**
 * Settlement report: what Reskontra collected for one client and pays out, per invoice payment,
 * less the operator's fee (its own lines), with totals and a CSV for Excel. Owns: the sums and
 * the CSV text. Must not: write bytes (the caller encodes UTF-8 and puts UTF8_BOM_BYTES first)
 * or choose which lines belong in a payout.
 */
import type { CalendarDate } from '../calendar-date.ts';
import { addOre, formatDecimal, subtractOre, ZERO_ORE, type Ore } from '../money.ts';
import type { FeeDocumentKind, OperatorFeeCharge } from './operator-fees.ts';

export type SettlementLine = {
  readonly invoiceNumber: string;
  readonly customerName: string;
  readonly paymentDate: CalendarDate;
  readonly capital: Ore;
  readonly fees: Ore;
  readonly interest: Ore;
  /** What the operator keeps of this payment for its service; absent means none. */
  readonly operatorFee?: Ore | undefined;
};

export type SettlementTotals = {
  readonly capital: Ore;
  readonly fees: Ore;
  readonly interest: Ore;
  /** capital + fees + interest: what the customers paid. */
  readonly collected: Ore;
  readonly operatorFee: Ore;
  /** collected − operatorFee: what reaches the client's bank account. */
  readonly payout: Ore;
};

export type SettlementReport = {
  readonly totals: SettlementTotals;
  readonly csv: string;
  /** The money: one line per invoice payment, overpayment or refund. */
  readonly lines: readonly SettlementLine[];
  /** The operator's fee as lines (their Serviceavgift column), after the money; may be empty. */
  readonly feeLines: readonly SettlementLine[];
  /** The operator's fee of this payout, when one was charged. */
  readonly operatorFee: OperatorFeeCharge | null;
};

/**
 * Excel opens a CSV as the system code page (Windows-1252 in Sweden) unless the file starts with
 * a UTF-8 byte order mark; without it "Å" turns into "Ã…". The caller writes these bytes first.
 */
export const UTF8_BOM_BYTES = [0xef, 0xbb, 0xbf] as const;
export const SETTLEMENT_CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

const HEADER = [
  'Fakturanummer',
  'Kund',
  'Betaldatum',
  'Kapital',
  'Avgifter',
  'Ränta',
  'Inbetalt',
  'Serviceavgift',
  'Att betala ut',
];

const lineCollected = (l: SettlementLine): Ore => addOre(l.capital, l.fees, l.interest);
const linePayout = (l: SettlementLine): Ore =>
  subtractOre(lineCollected(l), l.operatorFee ?? ZERO_ORE);

export function settlementTotals(lines: readonly SettlementLine[]): SettlementTotals {
  let capital = ZERO_ORE;
  let fees = ZERO_ORE;
  let interest = ZERO_ORE;
  let operatorFee = ZERO_ORE;
  for (const l of lines) {
    capital = addOre(capital, l.capital);
    fees = addOre(fees, l.fees);
    interest = addOre(interest, l.interest);
    operatorFee = addOre(operatorFee, l.operatorFee ?? ZERO_ORE);
  }
  const collected = addOre(capital, fees, interest);
  return {
    capital,
    fees,
    interest,
    collected,
    operatorFee,
    payout: subtractOre(collected, operatorFee),
  };
}

/** "1234,50": decimal comma, no thousands separator, so Swedish Excel reads it as a number. */
export const csvAmount = (amount: Ore): string => formatDecimal(amount).replace('.', ',');

/**
 * A text cell. A leading = + - @ (or tab/CR) makes Excel read the cell as a formula, so a
 * customer named "=HYPERLINK(…)" could run one in the client's spreadsheet; a leading apostrophe
 * keeps it text (OWASP "CSV injection"). Cells with ; " or a line break are quoted, "" inside.
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Header, one row per line in the given order, then a "Summa" row. Semicolons because Swedish
 * Excel uses the comma as decimal mark; CR LF line ends as RFC 4180 says.
 */
export function settlementCsv(lines: readonly SettlementLine[]): string {
  const t = settlementTotals(lines);
  const rows: string[][] = [
    HEADER,
    ...lines.map((l) => [
      csvText(l.invoiceNumber),
      csvText(l.customerName),
      l.paymentDate,
      csvAmount(l.capital),
      csvAmount(l.fees),
      csvAmount(l.interest),
      csvAmount(lineCollected(l)),
      csvAmount(l.operatorFee ?? ZERO_ORE),
      csvAmount(linePayout(l)),
    ]),
    [
      'Summa',
      '',
      '',
      csvAmount(t.capital),
      csvAmount(t.fees),
      csvAmount(t.interest),
      csvAmount(t.collected),
      csvAmount(t.operatorFee),
      csvAmount(t.payout),
    ],
  ];
  return rows.map((cells) => `${cells.join(';')}\r\n`).join('');
}

/** How the report names each kind of charged document. */
export const FEE_KIND_TEXT: Record<FeeDocumentKind, string> = {
  invoice: 'Fakturor',
  reminder: 'Påminnelser',
  collection_demand: 'Inkassokrav',
};

/** "2,5 %": basis points as a Swedish percentage, without trailing zeros. */
export const percentText = (basisPoints: bigint): string => {
  const whole = basisPoints / 100n;
  const frac = (basisPoints % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac === '' ? '' : `,${frac}`} %`;
};

/**
 * The operator's fee as report lines: one per document kind charged (count × price), the share
 * of the money, and the VAT, each only when not zero. The amount sits in the Serviceavgift
 * column, so the Summa row reads gross (Inbetalt), fees with VAT (Serviceavgift), net.
 */
export function operatorFeeLines(
  charge: OperatorFeeCharge,
  payoutDate: CalendarDate,
): SettlementLine[] {
  const line = (text: string, amount: Ore): SettlementLine => ({
    invoiceNumber: 'Serviceavgift',
    customerName: text,
    paymentDate: payoutDate,
    capital: ZERO_ORE,
    fees: ZERO_ORE,
    interest: ZERO_ORE,
    operatorFee: amount,
  });
  const lines = charge.documents
    .filter((d) => d.amount !== 0n)
    .map((d) =>
      line(`${FEE_KIND_TEXT[d.kind]} ${d.count} st à ${csvAmount(d.unitPrice)}`, d.amount),
    );
  if (charge.share.amount !== 0n) {
    lines.push(
      line(
        `Andel ${percentText(charge.share.basisPoints)} av ${csvAmount(charge.share.base)}`,
        charge.share.amount,
      ),
    );
  }
  if (charge.vat !== 0n) lines.push(line(`Moms 25 % på ${csvAmount(charge.fee)}`, charge.vat));
  return lines;
}

/**
 * lines: the money; operatorFee: the fee charged in this payout, if any. Without a fee the report
 * is the lines alone; with one, its lines follow and the totals' payout is the net.
 */
export function settlementReport(
  lines: readonly SettlementLine[],
  operatorFee: { charge: OperatorFeeCharge; payoutDate: CalendarDate } | null = null,
): SettlementReport {
  const feeLines =
    operatorFee === null ? [] : operatorFeeLines(operatorFee.charge, operatorFee.payoutDate);
  const all = [...lines, ...feeLines];
  return {
    totals: settlementTotals(all),
    csv: settlementCsv(all),
    lines,
    feeLines,
    operatorFee: operatorFee?.charge ?? null,
  };
}

type Party = {
  readonly name: string;
  readonly organisationNumber: string;
  readonly address?:
    { readonly street: string; readonly postalCode: string; readonly city: string } | undefined;
};

/** What the PDF settlement report (redovisning) shows: who paid whom, when, and the lines. */
export type SettlementDocumentData = {
  /** Reskontra's operator: the one who collected and pays out. */
  readonly operator: Party & { readonly email: string; readonly bankgiro: string };
  readonly client: Party;
  readonly payoutDate: CalendarDate;
  readonly amount: Ore;
  /** The client's account the money went to, as printed ("IBAN SE45…", "Bankgiro 5050-1055"). */
  readonly account: string;
  readonly reference: string;
  /** The money (invoice payments, overpayments, refunds); the fee is operatorFee. */
  readonly lines: readonly SettlementLine[];
  readonly totals: SettlementTotals;
  /** The operator's fee of this payout; absent or null: none was charged. */
  readonly operatorFee?: OperatorFeeCharge | null | undefined;
};
