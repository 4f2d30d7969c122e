/**
 * Booking one journal entry inside the caller's transaction: takes the next voucher number of
 * the client's gapless voucher series and writes the entry with its postings.
 */
import type { JournalEntryDraft } from '../domain/ledger/journal-entry.ts';
import type { AppContext } from './context.ts';
import type { PostedEntry, Stores } from './stores.ts';

export async function postEntry(
  ctx: Pick<AppContext, 'ids' | 'clock'>,
  stores: Stores,
  tenantId: string,
  entry: JournalEntryDraft,
): Promise<PostedEntry | null> {
  if (await stores.ledger.hasCause(tenantId, entry.causeKey)) return null;
  const voucherNumber = await stores.series.take(tenantId, 'voucher');
  return stores.ledger.post(tenantId, entry, {
    entryId: ctx.ids.newId(),
    voucherNumber,
    createdAt: ctx.clock.now(),
  });
}
