/**
 * Measuring helpers for the benchmarks: wall time with performance.now(), peak resident memory
 * sampled while a task runs, medians, and number formatting for the tables.
 */
import { performance } from 'node:perf_hooks';

export type Timed<T> = { value: T; millis: number; peakRssBytes: number; startRssBytes: number };

/** Runs `task`, sampling process.memoryUsage().rss every `everyMs` ms; returns the peak. */
export async function timed<T>(task: () => Promise<T>, everyMs = 20): Promise<Timed<T>> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  const started = performance.now();
  try {
    const value = await task();
    const millis = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, millis, peakRssBytes: peak, startRssBytes: start };
  } finally {
    clearInterval(timer);
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const megabytes = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;
export const count = (n: number): string => n.toLocaleString('en-US');
export const ratio = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');
