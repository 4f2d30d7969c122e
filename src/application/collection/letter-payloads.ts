/**
 * What the reminder, the inkassokrav and the overdue notice show. The letter's interest section
 * lists every booked stretch: what earlier documents charged, then this document's new segments,
 * so capital, interest (with its calculation) and costs are stated separately (inkassolagen 5 §).
 */
import { daysBetween, type CalendarDate } from '../../domain/calendar-date.ts';
import type { InterestCharge } from '../../domain/collection/case-interest.ts';
import type {
  CollectionLetterData,
  DocumentFee,
  InterestSegment,
} from '../../domain/documents/document-data.ts';
import { addOre, subtractOre, type Ore } from '../../domain/money.ts';
import type { OperatorProfile } from '../context.ts';
import { buyerParty, sellerParty } from '../document-payloads.ts';
import type { Recipient } from '../ports.ts';
import type { CustomerRecord, InvoiceRecord, TenantRecord } from '../records.ts';
import type { CollectionState } from './collection-store.ts';

const percentText = (basisPoints: bigint) =>
  `${basisPoints / 100n},${(basisPoints % 100n).toString().padStart(2, '0')} %`;

/** A letter's data without its standard texts: the renderer adds them (see document-renderer). */
export type CollectionLetterPayload = Omit<CollectionLetterData, 'texts'> & {
  readonly contact: string;
};

export function letterPayload(input: {
  kind: 'reminder' | 'collection_demand';
  date: CalendarDate;
  payBy: CalendarDate;
  tenant: TenantRecord;
  customer: CustomerRecord;
  invoice: InvoiceRecord;
  state: CollectionState;
  registeredAddress: Recipient['address'] | null;
  operator: OperatorProfile;
  /** Open amounts after this document's own charges were booked. */
  feesOpen: Ore;
  feeLines: readonly DocumentFee[];
  interestOpen: Ore;
  newInterest: InterestCharge | null;
  rateDescription: string;
  /** The first interest day (räntelagen §3/§4): where the earlier booked stretch began. */
  interestStartDate?: CalendarDate | null | undefined;
}): CollectionLetterPayload {
  const { invoice } = input;
  const earlier = subtractOre(input.interestOpen, input.newInterest?.amount ?? (0n as Ore));
  const segments: InterestSegment[] = [];
  const previousThrough = input.state.interestBookedThrough;
  if (earlier > 0n && previousThrough !== null) {
    const from = input.interestStartDate ?? input.state.reminderSentDate ?? previousThrough;
    const fromDate = from <= previousThrough ? from : previousThrough;
    segments.push({
      fromDate,
      toDate: previousThrough,
      days: daysBetween(fromDate, previousThrough) + 1,
      ratePercentText: 'tidigare debiterad',
      amount: earlier,
    });
  }
  for (const s of input.newInterest?.segments ?? []) {
    segments.push({
      fromDate: s.fromDate,
      toDate: s.toDate,
      days: s.days,
      ratePercentText: percentText(s.rateBasisPoints),
      amount: s.amount,
    });
  }
  const interest =
    input.interestOpen > 0n && segments.length > 0
      ? {
          amount: input.interestOpen,
          rateDescription: input.rateDescription,
          fromDate: segments[0]!.fromDate,
          toDate: segments[segments.length - 1]!.toDate,
          segments,
        }
      : null;
  const seller = sellerParty(input.tenant, input.operator);
  return {
    kind: input.kind,
    language: invoice.language,
    documentNumber: `${invoice.number}-${input.kind === 'reminder' ? 'P' : 'K'}`,
    date: input.date,
    payBy: input.payBy,
    seller,
    collector: {
      name: input.operator.name,
      organisationNumber: input.operator.organisationNumber,
      address: input.operator.address,
      email: input.operator.email,
      licenceText: input.operator.licenceText,
    },
    debtor: buyerParty(input.customer),
    registeredAddress: input.registeredAddress ??
      input.customer.address ?? { street: '', postalCode: '', city: '', country: 'SE' },
    invoice: {
      number: String(invoice.number),
      invoiceDate: invoice.invoiceDate,
      dueDate: invoice.dueDate,
      ocr: invoice.ocr ?? '',
    },
    capital: invoice.principalOpen,
    fees: input.feeLines,
    interest,
    total: addOre(
      invoice.principalOpen,
      input.feesOpen,
      interest === null ? (0n as Ore) : input.interestOpen,
    ),
    paymentTo: { bankgiro: input.operator.bankgiro, ocr: invoice.ocr ?? '' },
    contact: input.kind === 'reminder' ? input.tenant.email : input.operator.email,
  };
}
