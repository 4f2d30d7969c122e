/**
 * Goal: Kronofogden's events are recorded only in an order and on dates that can happen.
 * Method: each rule once, with the dates around its edge.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../calendar-date.ts';
import {
  paymentOrderEventRefusal,
  type PaymentOrderEvent,
  type PaymentOrderEventType,
} from './payment-order-events.ts';

const e = (type: PaymentOrderEventType, date: string): PaymentOrderEvent => ({
  type,
  date: calendarDate(date),
});
const check = (earlier: PaymentOrderEvent[], next: PaymentOrderEvent) =>
  paymentOrderEventRefusal({
    applicationDate: calendarDate('2026-03-27'),
    today: calendarDate('2026-05-01'),
    earlier,
    next,
  });

describe('paymentOrderEventRefusal', () => {
  it('allows served → decided, and served → contested → withdrawn', () => {
    expect(check([], e('served', '2026-04-10'))).toBeNull();
    expect(check([e('served', '2026-04-10')], e('decided', '2026-04-30'))).toBeNull();
    expect(check([e('served', '2026-04-10')], e('contested', '2026-04-20'))).toBeNull();
    expect(
      check(
        [e('served', '2026-04-10'), e('contested', '2026-04-20')],
        e('withdrawn', '2026-04-21'),
      ),
    ).toBeNull();
    expect(check([], e('withdrawn', '2026-03-27'))).toBeNull();
  });

  it('refuses dates before the application, in the future, or before an earlier event', () => {
    expect(check([], e('served', '2026-03-26'))).toMatch(/before the application date/);
    expect(check([], e('served', '2026-05-02'))).toMatch(/future/);
    expect(check([e('served', '2026-04-10')], e('decided', '2026-04-09'))).toMatch(
      /before the served event/,
    );
  });

  it('refuses what cannot happen in that order', () => {
    expect(check([], e('contested', '2026-04-10'))).toMatch(/served before/);
    expect(check([], e('decided', '2026-04-10'))).toMatch(/served before/);
    expect(check([e('served', '2026-04-10')], e('served', '2026-04-11'))).toMatch(/already/);
    expect(
      check([e('served', '2026-04-10'), e('contested', '2026-04-12')], e('decided', '2026-04-30')),
    ).toMatch(/tingsrätt/);
    expect(
      check([e('served', '2026-04-10'), e('decided', '2026-04-30')], e('withdrawn', '2026-04-30')),
    ).toMatch(/ended: decided/);
  });
});
