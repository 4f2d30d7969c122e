/**
 * Parts of a reminder or inkassokrav that apply-decision.ts assembles: which fees the invoice
 * carries once the letter's fee is charged, the fee lines the letter shows, and its recipient.
 */
import { LATE_PAYMENT_COMPENSATION_ORE } from '../../domain/collection/fee-law.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import type { DocumentFee } from '../../domain/documents/document-data.ts';
import { addOre, subtractOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import { recipientFor } from '../document-payloads.ts';
import type { Recipient } from '../ports.ts';
import type { CustomerRecord } from '../records.ts';
import type { CollectionState } from './collection-store.ts';

/** Which fees the invoice carries once this letter's fee (or förseningsersättning) is charged. */
export function chargedAfter(
  state: CollectionState,
  feeCode: 'reminder_fee' | 'collection_fee',
  fee: Ore,
  lateCompensation: Ore = ZERO_ORE,
) {
  return {
    reminder: state.reminderFeeCharged || (feeCode === 'reminder_fee' && fee > 0n),
    collection: state.collectionFeeCharged || (feeCode === 'collection_fee' && fee > 0n),
    lateCompensation: state.lateCompensationCharged || lateCompensation > 0n,
    costs: false,
  };
}

/** The cost line names its legal basis: it is not a fee the debtor agreed to. */
export const LATE_COMPENSATION_LABEL = 'Förseningsersättning (4 a § lag 1981:739)';

/** The fees charged so far, reduced from the oldest by what payments already covered. */
export function feeLines(
  policy: Pick<CollectionPolicy, 'reminderFee' | 'collectionFee'>,
  feesOpen: Ore,
  charged: { reminder: boolean; collection: boolean; lateCompensation?: boolean; costs: boolean },
): DocumentFee[] {
  const lines: DocumentFee[] = [];
  if (charged.reminder) lines.push({ label: 'Påminnelseavgift', amount: policy.reminderFee });
  if (charged.collection) lines.push({ label: 'Inkassoavgift', amount: policy.collectionFee });
  if (charged.lateCompensation === true)
    lines.push({ label: LATE_COMPENSATION_LABEL, amount: LATE_PAYMENT_COMPENSATION_ORE });
  let excess = subtractOre(
    lines.reduce((sum, l) => addOre(sum, l.amount), ZERO_ORE),
    feesOpen,
  );
  return lines
    .map((l) => {
      const cut = excess > l.amount ? l.amount : excess > 0n ? excess : ZERO_ORE;
      excess = subtractOre(excess, cut);
      return { ...l, amount: subtractOre(l.amount, cut) };
    })
    .filter((l) => l.amount > 0n);
}

/** An inkassokrav by letter goes to the registered address; anything else as the channel says. */
export function letterRecipient(
  customer: CustomerRecord,
  registeredAddress: Recipient['address'] | null,
  channel: 'email' | 'letter',
  kind: 'reminder' | 'collection_demand',
): Recipient {
  return channel === 'letter' && kind === 'collection_demand'
    ? { name: customer.name, address: registeredAddress ?? undefined }
    : recipientFor(customer, channel);
}
