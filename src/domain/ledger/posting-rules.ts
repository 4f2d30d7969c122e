/**
 * Posting rules: which accounts each business event moves (flow.md, "Bookkeeping").
 * Pure: the caller passes the client's account map; amounts come from the invoice totals.
 */
import type { CalendarDate } from '../calendar-date.ts';
import type { InvoiceTotals, VatRate } from '../invoicing/invoice-totals.ts';
import { allocateOre, ore, type Ore } from '../money.ts';
import { journalEntry, type AccountCode, type JournalEntryDraft } from './journal-entry.ts';

export type InvoiceAccounts = {
  readonly receivable: AccountCode;
  readonly salesByVat: Readonly<Record<VatRate, AccountCode>>;
  readonly outputVatByVat: Readonly<Record<Exclude<VatRate, 0>, AccountCode>>;
};

function salesPostings(totals: Pick<InvoiceTotals, 'vatLines'>, accounts: InvoiceAccounts) {
  return totals.vatLines.flatMap((line) => [
    {
      debitAccount: accounts.receivable,
      creditAccount: accounts.salesByVat[line.vatRate],
      amount: line.taxable,
    },
    ...(line.vatRate === 0
      ? []
      : [
          {
            debitAccount: accounts.receivable,
            creditAccount: accounts.outputVatByVat[line.vatRate],
            amount: line.vat,
          },
        ]),
  ]);
}

/** Invoice issued: debit receivable (total); credit sales per VAT rate and output VAT. */
export function invoiceIssued(input: {
  invoiceId: string;
  invoiceNumber: bigint;
  customerName: string;
  bookingDate: CalendarDate;
  totals: Pick<InvoiceTotals, 'vatLines'>;
  accounts: InvoiceAccounts;
}): JournalEntryDraft {
  return journalEntry({
    code: 'invoice_issued',
    bookingDate: input.bookingDate,
    description: `Faktura ${input.invoiceNumber} ${input.customerName}`,
    causeKey: `invoice:${input.invoiceId}:issued`,
    invoiceId: input.invoiceId,
    postings: salesPostings(input.totals, input.accounts),
  });
}

/** Credit note: the reverse of the invoice's entry for the credited rows. */
export function creditNoteIssued(input: {
  invoiceId: string;
  creditNoteId: string;
  creditNoteNumber: bigint;
  invoiceNumber: bigint;
  bookingDate: CalendarDate;
  totals: Pick<InvoiceTotals, 'vatLines'>;
  accounts: InvoiceAccounts;
}): JournalEntryDraft {
  return journalEntry({
    code: 'credit_note_issued',
    bookingDate: input.bookingDate,
    description: `Kreditfaktura ${input.creditNoteNumber} avser faktura ${input.invoiceNumber}`,
    causeKey: `credit-note:${input.creditNoteId}`,
    invoiceId: input.invoiceId,
    postings: salesPostings(input.totals, input.accounts).map((p) => ({
      debitAccount: p.creditAccount,
      creditAccount: p.debitAccount,
      amount: p.amount,
    })),
  });
}

export type ChargeAccounts = {
  readonly receivable: AccountCode;
  readonly feeIncome: AccountCode;
  readonly interestIncome: AccountCode;
};

/** A fee or statutory cost charged on an invoice: receivable against fee income; no VAT. */
export function feeCharged(input: {
  code: 'reminder_fee' | 'collection_fee' | 'late_payment_compensation' | 'statutory_costs';
  invoiceId: string;
  invoiceNumber: bigint;
  amount: Ore;
  bookingDate: CalendarDate;
  causeKey: string;
  accounts: ChargeAccounts;
}): JournalEntryDraft {
  const label = {
    reminder_fee: 'Påminnelseavgift',
    collection_fee: 'Inkassoavgift',
    late_payment_compensation: 'Förseningsersättning',
    statutory_costs: 'Kostnader betalningsföreläggande',
  }[input.code];
  return journalEntry({
    code: input.code,
    bookingDate: input.bookingDate,
    description: `${label} faktura ${input.invoiceNumber}`,
    causeKey: input.causeKey,
    invoiceId: input.invoiceId,
    postings: [
      {
        debitAccount: input.accounts.receivable,
        creditAccount: input.accounts.feeIncome,
        amount: input.amount,
      },
    ],
  });
}

/** Late-payment interest booked on an invoice: receivable against interest income; no VAT. */
export function interestCharged(input: {
  invoiceId: string;
  invoiceNumber: bigint;
  amount: Ore;
  fromDate: CalendarDate;
  toDate: CalendarDate;
  bookingDate: CalendarDate;
  accounts: ChargeAccounts;
}): JournalEntryDraft {
  return journalEntry({
    code: 'interest',
    bookingDate: input.bookingDate,
    description: `Dröjsmålsränta faktura ${input.invoiceNumber} ${input.fromDate}–${input.toDate}`,
    causeKey: `interest:${input.invoiceId}:${input.toDate}`,
    invoiceId: input.invoiceId,
    postings: [
      {
        debitAccount: input.accounts.receivable,
        creditAccount: input.accounts.interestIncome,
        amount: input.amount,
      },
    ],
  });
}

/**
 * A write-off (constated loss) of what is left on an invoice. The capital splits into its net
 * and VAT parts in proportion to the invoice's VAT lines (output VAT is reduced on a confirmed
 * loss); fees and interest are reversed from their income accounts.
 */
export function writtenOff(input: {
  invoiceId: string;
  invoiceNumber: bigint;
  principal: Ore;
  fees: Ore;
  interest: Ore;
  vatLines: readonly { vatRate: VatRate; taxable: Ore; vat: Ore }[];
  bookingDate: CalendarDate;
  causeKey: string;
  accounts: InvoiceAccounts & ChargeAccounts & { badDebt: AccountCode };
}): JournalEntryDraft {
  const weights = input.vatLines.flatMap((l) => [l.taxable, l.vat]);
  const shares =
    input.principal > 0n && weights.some((w) => w > 0n)
      ? allocateOre(input.principal, weights)
      : [];
  const postings = input.vatLines.flatMap((l, i) => [
    {
      debitAccount: input.accounts.badDebt,
      creditAccount: input.accounts.receivable,
      amount: shares[2 * i] ?? ore(0n),
    },
    ...(l.vatRate === 0
      ? []
      : [
          {
            debitAccount: input.accounts.outputVatByVat[l.vatRate],
            creditAccount: input.accounts.receivable,
            amount: shares[2 * i + 1] ?? ore(0n),
          },
        ]),
  ]);
  return journalEntry({
    code: 'write_off',
    bookingDate: input.bookingDate,
    description: `Avskrivning faktura ${input.invoiceNumber}`,
    causeKey: input.causeKey,
    invoiceId: input.invoiceId,
    postings: [
      ...postings,
      {
        debitAccount: input.accounts.feeIncome,
        creditAccount: input.accounts.receivable,
        amount: input.fees,
      },
      {
        debitAccount: input.accounts.interestIncome,
        creditAccount: input.accounts.receivable,
        amount: input.interest,
      },
    ],
  });
}
