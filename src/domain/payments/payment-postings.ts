/**
 * Posting rules for money in and out (flow.md "Bookkeeping"): a payment received, the write-off
 * of a residual, a payout to the client. Pure: the caller passes the client's account map.
 * Must not: decide amounts (allocation.ts does) or look at invoices beyond their VAT lines.
 */
import type { CalendarDate } from '../calendar-date.ts';
import type { VatLine } from '../invoicing/invoice-totals.ts';
import type { AccountMap } from '../ledger/chart-of-accounts.ts';
import { journalEntry, type JournalEntryDraft, type Posting } from '../ledger/journal-entry.ts';
import {
  addOre,
  allocateOre,
  divideRounded,
  ore,
  subtractOre,
  ZERO_ORE,
  type Ore,
} from '../money.ts';
import { assert } from '../result.ts';
import { openTotal, type Allocation, type OpenAmounts } from './allocation.ts';

type PaymentAccounts = Pick<AccountMap, 'clientFunds' | 'receivable' | 'customerCredit'>;

/**
 * The part of a payment that recovers a written-off claim (recovery.ts): the capital's VAT share
 * goes back to output VAT (the VAT reduced at the write-off is owed again once paid), the rest
 * — capital ex VAT, fees, interest — to recovered bad debt (3950). It is part of `allocation.paid`.
 */
export type RecoveryPosting = {
  readonly recovered: OpenAmounts;
  readonly vatLines: readonly VatLine[];
  readonly accounts: Pick<AccountMap, 'recoveredBadDebt' | 'outputVatByVat'>;
};

function recoveryPostings(clientFunds: string, r: RecoveryPosting): Posting[] {
  const capital = splitCapitalByVat(r.recovered.principal, r.vatLines);
  return [
    {
      debitAccount: clientFunds,
      creditAccount: r.accounts.recoveredBadDebt,
      amount: addOre(capital.exVat, r.recovered.fees, r.recovered.interest),
    },
    ...capital.vat
      .filter((v) => v.rate !== 0)
      .map((v) => ({
        debitAccount: clientFunds,
        creditAccount: r.accounts.outputVatByVat[v.rate as 25 | 12 | 6],
        amount: v.amount,
      })),
  ];
}

/**
 * Payment received by Reskontra for one invoice, one voucher: debit client funds (1689) / credit
 * receivable (1510) for what settled the invoice, debit 1689 / credit 3950 and 26xx for what
 * recovered a written-off claim (`recovery`, optional), and debit 1689 / credit customer credit
 * (2420) for an overpayment. The cause key makes a retry book nothing.
 */
export function paymentReceived(input: {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: bigint | null;
  bookingDate: CalendarDate;
  allocation: Allocation;
  accounts: PaymentAccounts;
  recovery?: RecoveryPosting | undefined;
}): JournalEntryDraft | null {
  const { accounts, allocation, recovery } = input;
  const recovered = recovery === undefined ? ZERO_ORE : openTotal(recovery.recovered);
  const toReceivable = subtractOre(openTotal(allocation.paid), recovered);
  assert(toReceivable >= 0n, 'the recovered part is part of what was paid');
  const postings: Posting[] = [
    {
      debitAccount: accounts.clientFunds,
      creditAccount: accounts.receivable,
      amount: toReceivable,
    },
    ...(recovery === undefined ? [] : recoveryPostings(accounts.clientFunds, recovery)),
    {
      debitAccount: accounts.clientFunds,
      creditAccount: accounts.customerCredit,
      amount: allocation.overpaid,
    },
  ].filter((p) => p.amount > 0n);
  if (postings.length === 0) return null;
  return journalEntry({
    code: 'payment_received',
    bookingDate: input.bookingDate,
    description: `Inbetalning faktura ${input.invoiceNumber ?? '–'}`,
    causeKey: `payment:${input.paymentId}:${input.invoiceId}`,
    invoiceId: input.invoiceId,
    postings,
  });
}

/**
 * The capital part of a residual split into amount ex VAT and VAT per rate, in proportion to the
 * invoice's VAT lines (the invoice as issued: credit notes reduce every line alike in practice,
 * and the residual is below the client's threshold, a few kronor at most).
 */
export function splitCapitalByVat(
  capital: Ore,
  vatLines: readonly VatLine[],
): { exVat: Ore; vat: { rate: VatLine['vatRate']; amount: Ore }[] } {
  const lines = vatLines.filter((l) => addOre(l.taxable, l.vat) > 0n);
  if (lines.length === 0) return { exVat: capital, vat: [] };
  const shares = allocateOre(
    capital,
    lines.map((l) => addOre(l.taxable, l.vat)),
  );
  let exVat = ore(0n);
  const vat = lines.map((line, i) => {
    const share = shares[i]!;
    const amount = ore(divideRounded(share * line.vat, addOre(line.taxable, line.vat), 'halfUp'));
    exVat = addOre(exVat, subtractOre(share, amount));
    return { rate: line.vatRate, amount };
  });
  return { exVat, vat };
}

/**
 * Write-off of a residual (konstaterad kundförlust): debit bad debt (6351) for the capital ex
 * VAT, debit output VAT (26xx) for its VAT share (the VAT is reclaimed on a confirmed loss),
 * debit fee income (3590) and interest income (8313) to reverse uncollected fees and interest;
 * credit receivable (1510) for the whole residual.
 */
export function residualWrittenOff(input: {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: bigint | null;
  bookingDate: CalendarDate;
  writtenOff: OpenAmounts;
  vatLines: readonly VatLine[];
  accounts: Pick<
    AccountMap,
    'receivable' | 'badDebt' | 'outputVatByVat' | 'feeIncome' | 'interestIncome'
  >;
}): JournalEntryDraft | null {
  const { accounts, writtenOff } = input;
  if (openTotal(writtenOff) === 0n) return null;
  const capital = splitCapitalByVat(writtenOff.principal, input.vatLines);
  const toReceivable = (debitAccount: string, amount: Ore): Posting => ({
    debitAccount,
    creditAccount: accounts.receivable,
    amount,
  });
  return journalEntry({
    code: 'write_off',
    bookingDate: input.bookingDate,
    description: `Avskrivning restbelopp faktura ${input.invoiceNumber ?? '–'}`,
    causeKey: `payment:${input.paymentId}:${input.invoiceId}:write-off`,
    invoiceId: input.invoiceId,
    postings: [
      toReceivable(accounts.badDebt, capital.exVat),
      ...capital.vat
        .filter((v) => v.rate !== 0)
        .map((v) => toReceivable(accounts.outputVatByVat[v.rate as 25 | 12 | 6], v.amount)),
      toReceivable(accounts.feeIncome, writtenOff.fees),
      toReceivable(accounts.interestIncome, writtenOff.interest),
    ],
  });
}

/** Payout of client funds to the client's account: debit bank (1930) / credit client funds. */
export function payoutBooked(input: {
  payoutId: string;
  bookingDate: CalendarDate;
  amount: Ore;
  accounts: Pick<AccountMap, 'bank' | 'clientFunds'>;
}): JournalEntryDraft {
  return journalEntry({
    code: 'payout',
    bookingDate: input.bookingDate,
    description: `Utbetalning från Reskontra ${input.bookingDate}`,
    causeKey: `payout:${input.payoutId}`,
    postings: [
      {
        debitAccount: input.accounts.bank,
        creditAccount: input.accounts.clientFunds,
        amount: input.amount,
      },
    ],
  });
}

/**
 * Customer credit used to pay an invoice (flow.md "Overpayment … applied to the next invoice"):
 * the debt to the customer (2420) settles the receivable (1510). No money moves, so client funds
 * are untouched and nothing is paid out for it.
 */
export function customerCreditApplied(input: {
  applicationId: string;
  invoiceId: string;
  invoiceNumber: bigint | null;
  bookingDate: CalendarDate;
  amount: Ore;
  accounts: Pick<AccountMap, 'receivable' | 'customerCredit'>;
}): JournalEntryDraft {
  return journalEntry({
    code: 'customer_credit',
    bookingDate: input.bookingDate,
    description: `Kundtillgodohavande avräknat faktura ${input.invoiceNumber ?? '–'}`,
    causeKey: `credit-apply:${input.applicationId}:${input.invoiceId}`,
    invoiceId: input.invoiceId,
    postings: [
      {
        debitAccount: input.accounts.customerCredit,
        creditAccount: input.accounts.receivable,
        amount: input.amount,
      },
    ],
  });
}

/**
 * Customer credit refunded (flow.md "Overpayment … refunded"): the debt to the customer (2420)
 * is paid from the money Reskontra holds for the client (1689), so the client's next payout is
 * that much smaller; the refund itself goes out in that payout run's pain.001.
 */
export function customerCreditRefunded(input: {
  refundId: string;
  bookingDate: CalendarDate;
  amount: Ore;
  accounts: Pick<AccountMap, 'clientFunds' | 'customerCredit'>;
}): JournalEntryDraft {
  return journalEntry({
    code: 'customer_credit',
    bookingDate: input.bookingDate,
    description: `Återbetalning av kundtillgodohavande ${input.bookingDate}`,
    causeKey: `credit-refund:${input.refundId}`,
    postings: [
      {
        debitAccount: input.accounts.customerCredit,
        creditAccount: input.accounts.clientFunds,
        amount: input.amount,
      },
    ],
  });
}
