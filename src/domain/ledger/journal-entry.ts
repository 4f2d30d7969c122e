/**
 * Journal entries: balanced by construction. Each posting moves one positive amount from one
 * account (credit) to another (debit), so no entry can be unbalanced. Append-only: a mistake is
 * fixed by a reversal, never an edit.
 */
import type { CalendarDate } from '../calendar-date.ts';
import { addOre, subtractOre, ZERO_ORE, type Ore } from '../money.ts';
import { assert } from '../result.ts';

export type AccountCode = string;

export type Posting = {
  readonly debitAccount: AccountCode;
  readonly creditAccount: AccountCode;
  readonly amount: Ore;
};

export type EntryCode =
  | 'invoice_issued'
  | 'credit_note_issued'
  | 'reminder_fee'
  | 'collection_fee'
  | 'late_payment_compensation'
  | 'statutory_costs'
  | 'interest'
  | 'payment_received'
  | 'payment_reversed'
  | 'customer_credit'
  | 'write_off'
  | 'payout'
  | 'operator_fee'
  | 'reversal';

export type JournalEntryDraft = {
  readonly code: EntryCode;
  readonly bookingDate: CalendarDate;
  readonly description: string;
  /** What caused it, unique per client: a second attempt with the same cause books nothing. */
  readonly causeKey: string;
  readonly invoiceId?: string | undefined;
  readonly reversesEntryId?: string | undefined;
  readonly postings: readonly Posting[];
};

export function assertValidEntry(entry: JournalEntryDraft): void {
  assert(entry.postings.length > 0, `journal entry ${entry.causeKey} has no postings`);
  for (const p of entry.postings) {
    assert(p.amount > 0n, `posting amount must be positive in ${entry.causeKey}`);
    assert(p.debitAccount !== p.creditAccount, `posting to the same account in ${entry.causeKey}`);
    assert(
      /^\d{4}$/.test(p.debitAccount) && /^\d{4}$/.test(p.creditAccount),
      'accounts are 4 digits',
    );
  }
}

/** Drops zero postings (a 0 % VAT line, say) and builds the entry; asserts what remains. */
export function journalEntry(
  draft: Omit<JournalEntryDraft, 'postings'> & { postings: readonly Posting[] },
): JournalEntryDraft {
  const entry = { ...draft, postings: draft.postings.filter((p) => p.amount !== 0n) };
  assertValidEntry(entry);
  return entry;
}

/** The reverse of an entry: every posting swaps its accounts. */
export function reversal(
  original: JournalEntryDraft & { readonly entryId: string },
  options: { bookingDate: CalendarDate; causeKey: string; description: string },
): JournalEntryDraft {
  return journalEntry({
    code: 'reversal',
    bookingDate: options.bookingDate,
    description: options.description,
    causeKey: options.causeKey,
    invoiceId: original.invoiceId,
    reversesEntryId: original.entryId,
    postings: original.postings.map((p) => ({
      debitAccount: p.creditAccount,
      creditAccount: p.debitAccount,
      amount: p.amount,
    })),
  });
}

/** Net movement of one account in an entry: debits minus credits. */
export function netDebit(entry: JournalEntryDraft, account: AccountCode): Ore {
  let sum = ZERO_ORE;
  for (const p of entry.postings) {
    if (p.debitAccount === account) sum = addOre(sum, p.amount);
    if (p.creditAccount === account) sum = subtractOre(sum, p.amount);
  }
  return sum;
}
