/**
 * Posting rules: which accounts each business event moves (flow.md, "Bookkeeping").
 * Pure: the caller passes the client's account map; amounts come from the invoice totals.
 */
import type { CalendarDate } from '../calendar-date.ts';
import type { InvoiceTotals, VatRate } from '../invoicing/invoice-totals.ts';
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
