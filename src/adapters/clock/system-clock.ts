/**
 * SystemClock: the only place in src/ that reads the system time.
 * today() is the calendar date in Europe/Stockholm, whatever the server's zone.
 */
import type { Clock } from '../../application/ports.ts';
import { calendarDate, type CalendarDate } from '../../domain/calendar-date.ts';

const stockholmDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function stockholmCalendarDate(instant: Date): CalendarDate {
  const parts = Object.fromEntries(
    stockholmDate.formatToParts(instant).map((p) => [p.type, p.value]),
  );
  return calendarDate(`${parts.year}-${parts.month}-${parts.day}`);
}

export class SystemClock implements Clock {
  now(): string {
    return new Date(Date.now()).toISOString();
  }
  today(): CalendarDate {
    return stockholmCalendarDate(new Date(Date.now()));
  }
}

const stockholmClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'HH:MM' on the Stockholm wall clock, for schedules. */
export function stockholmTime(instant: Date): string {
  return stockholmClock.format(instant);
}
