/**
 * ManualClock: a settable today, for RESKONTRA_CLOCK=manual, tests and simulations.
 * Instants advance with the calendar day so audit fields stay ordered.
 */
import type { Clock } from '../../application/ports.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';

export class ManualClock implements Clock {
  private tick = 0;
  private tickDate: CalendarDate | null = null;
  constructor(private current: CalendarDate) {}

  set(date: CalendarDate): void {
    this.current = date;
  }
  today(): CalendarDate {
    return this.current;
  }
  /** Instants run forward one millisecond per call from 06:00 UTC of the current day. */
  now(): string {
    if (this.current !== this.tickDate) {
      this.tickDate = this.current;
      this.tick = 0;
    }
    this.tick += 1;
    const ms = 6 * 3_600_000 + this.tick;
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const time = `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
    return `${this.current}T${time}Z`;
  }

  /** Moves the instant forward without changing the day (retries and leases in tests). */
  advanceSeconds(seconds: number): void {
    if (this.current !== this.tickDate) {
      this.tickDate = this.current;
      this.tick = 0;
    }
    this.tick += seconds * 1000;
  }
}
