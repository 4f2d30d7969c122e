/**
 * ManualClock: a settable today, for RESKONTRA_CLOCK=manual, tests and simulations.
 * Instants advance with the calendar day so audit fields stay ordered.
 */
import type { Clock } from '../../application/ports.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';

export class ManualClock implements Clock {
  private tick = 0;
  constructor(private current: CalendarDate) {}

  set(date: CalendarDate): void {
    this.current = date;
  }
  today(): CalendarDate {
    return this.current;
  }
  now(): string {
    this.tick += 1;
    const ms = String(this.tick % 1000).padStart(3, '0');
    return `${this.current}T12:00:00.${ms}Z`;
  }
}
