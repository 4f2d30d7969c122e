/**
 * CaseSnapshot: everything the collection engine may know about one invoice's case on a date.
 * The use case loads it (all I/O happens there) and the engine only reads it.
 * Must not: carry anything the engine should not base a decision on (names, addresses, texts).
 */
import { maxDate, type CalendarDate } from '../calendar-date.ts';
import { addOre, type Ore } from '../money.ts';

/** 'draft' never reaches the engine: a case exists from the moment the invoice is sent. */
export type CaseStatus = 'sent' | 'paid' | 'credited' | 'closed';

/** Where the case stands in flow.md's six steps; the stage a decision leads to: `stageAfter`. */
export type CollectionStage =
  | 'none'
  | 'notice'
  | 'reminder'
  | 'collection_demand'
  | 'awaiting_decision'
  | 'payment_order'
  | 'surveillance';

export type CustomerKind = 'person' | 'company';
export type DeliveryMethod = 'email' | 'letter' | 'einvoice';

export type CaseSnapshot = {
  readonly invoiceId: string;
  readonly status: CaseStatus;
  readonly stage: CollectionStage;
  readonly invoiceDate: CalendarDate;
  /** The day the invoice went out: räntelagen 4 § counts 30 days from it. */
  readonly sentDate: CalendarDate;
  /** As printed; the engine moves it to a bank day itself (5 § skuldebrevslagen). */
  readonly dueDate: CalendarDate;
  readonly customerKind: CustomerKind;
  /** The customer card had an e-mail address when the invoice was created (the notice's rule). */
  readonly emailAtCreation: boolean;
  /** The customer card has an e-mail address now (the reminder's channel). */
  readonly currentEmail: boolean;
  /** How the invoice itself went out. */
  readonly deliveryMethod: DeliveryMethod;
  /** Personnummer / organisationsnummer known: an inkassokrav needs it. */
  readonly identityNumberPresent: boolean;
  /** The address register has a folkbokföringsadress (default adapter: the customer's address). */
  readonly registeredAddressPresent: boolean;
  /** The customer agreed to a reminder fee no later than when the debt arose (1981:739 2 §). */
  readonly reminderFeeAgreed: boolean;
  readonly principalOpen: Ore;
  readonly feesOpen: Ore;
  /** Interest already booked and not yet paid. */
  readonly interestOpen: Ore;
  /** Interest has been booked for every day up to and including this one (null: none yet). */
  readonly interestBookedThrough: CalendarDate | null;
  /** Payments applied to the invoice so far: a write-off only ever takes a residual. */
  readonly paymentsApplied: Ore;
  readonly reminderFeeCharged: boolean;
  readonly collectionFeeCharged: boolean;
  /** Förseningsersättning (1981:739 4 a §) has been charged: no 60/180 kr fee ever follows it. */
  readonly lateCompensationCharged: boolean;
  readonly noticeSentDate: CalendarDate | null;
  readonly reminderSentDate: CalendarDate | null;
  /** The reminder's payable-by date as sent: the demand counts from it. */
  readonly reminderDueDate: CalendarDate | null;
  /** The latest inkassokrav (first or surveillance) and its payable-by date. */
  readonly demandSentDate: CalendarDate | null;
  readonly demandDueDate: CalendarDate | null;
  readonly disputed: boolean;
  /** A pause through this day inclusive; null = not paused. */
  readonly pausedUntil: CalendarDate | null;
  readonly completeIdentityTaskOpen: boolean;
  readonly completeAddressTaskOpen: boolean;
  readonly decisionTaskOpen: boolean;
};

/** Everything the debtor owes on the invoice now: principal, fees and booked interest. */
export const owedTotal = (snapshot: CaseSnapshot): Ore =>
  addOre(snapshot.principalOpen, snapshot.feesOpen, snapshot.interestOpen);

/** The day the case's latest document went out, or null: no two documents share a day. */
export function lastDocumentDate(snapshot: CaseSnapshot): CalendarDate | null {
  const dates = [snapshot.noticeSentDate, snapshot.reminderSentDate, snapshot.demandSentDate];
  return dates.reduce<CalendarDate | null>(
    (latest, date) => (date === null ? latest : latest === null ? date : maxDate(latest, date)),
    null,
  );
}
