/**
 * What Kronofogden does with a filed payment order, as the client reports it: the application is
 * served on the debtor (delgivning); the debtor may contest it (bestridande: the case leaves the
 * summary procedure, to tingsrätt on the applicant's request); uncontested, Kronofogden decides
 * (utslag); the applicant may withdraw before that (domain.md §8).
 * Owns: which event may follow which, and on which dates. Must not: touch interest or money.
 */
import type { CalendarDate } from '../calendar-date.ts';

export type PaymentOrderEventType = 'served' | 'contested' | 'decided' | 'withdrawn';

export const PAYMENT_ORDER_EVENT_TYPES: readonly PaymentOrderEventType[] = [
  'served',
  'contested',
  'decided',
  'withdrawn',
];

export type PaymentOrderEvent = {
  readonly type: PaymentOrderEventType;
  readonly date: CalendarDate;
};

/** The timeline event type for a Kronofogden event. */
export const paymentOrderEventName = (type: PaymentOrderEventType): string =>
  `payment_order_${type}`;

/**
 * Why `next` cannot be recorded after `earlier` (oldest first), or null when it can. Dates lie
 * between the application date and today, never before an earlier event.
 */
export function paymentOrderEventRefusal(input: {
  applicationDate: CalendarDate;
  today: CalendarDate;
  earlier: readonly PaymentOrderEvent[];
  next: PaymentOrderEvent;
}): string | null {
  const { applicationDate, today, earlier, next } = input;
  if (next.date < applicationDate)
    return `${next.date} is before the application date ${applicationDate}`;
  if (next.date > today) return `${next.date} is in the future (today is ${today})`;
  const last = earlier[earlier.length - 1];
  if (last !== undefined && next.date < last.date)
    return `${next.date} is before the ${last.type} event of ${last.date}`;
  const had = (type: PaymentOrderEventType) => earlier.some((e) => e.type === type);
  const ended = earlier.find((e) => e.type === 'decided' || e.type === 'withdrawn');
  if (ended !== undefined) return `the case ended: ${ended.type} on ${ended.date}`;
  if (had(next.type)) return `${next.type} is already recorded`;
  switch (next.type) {
    case 'served':
    case 'withdrawn':
      return null;
    case 'contested':
      return had('served') ? null : 'the application must be served before it can be contested';
    case 'decided':
      if (!had('served')) return 'the application must be served before Kronofogden decides';
      return had('contested')
        ? 'a contested application is not decided by Kronofogden (it goes to tingsrätt)'
        : null;
  }
}
