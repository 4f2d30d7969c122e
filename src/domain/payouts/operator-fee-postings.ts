/**
 * The operator's fee in the client's books: a cost (6590) and its deductible input VAT (2641),
 * paid out of the money Reskontra holds for the client (1689). Booked with the payout, whose own
 * 1930 / 1689 entry is then the net, so 1689 still returns to zero.
 */
import type { CalendarDate } from '../calendar-date.ts';
import type { AccountMap } from '../ledger/chart-of-accounts.ts';
import { journalEntry, type JournalEntryDraft } from '../ledger/journal-entry.ts';
import type { Ore } from '../money.ts';

export function operatorFeeBooked(input: {
  payoutId: string;
  bookingDate: CalendarDate;
  fee: Ore;
  vat: Ore;
  operatorName: string;
  accounts: Pick<AccountMap, 'clientFunds' | 'operatorFees' | 'inputVat'>;
}): JournalEntryDraft {
  const { accounts } = input;
  return journalEntry({
    code: 'operator_fee',
    bookingDate: input.bookingDate,
    description: `Serviceavgift ${input.operatorName} ${input.bookingDate}`,
    causeKey: `operator-fee:${input.payoutId}`,
    postings: [
      {
        debitAccount: accounts.operatorFees,
        creditAccount: accounts.clientFunds,
        amount: input.fee,
      },
      { debitAccount: accounts.inputVat, creditAccount: accounts.clientFunds, amount: input.vat },
    ],
  });
}
