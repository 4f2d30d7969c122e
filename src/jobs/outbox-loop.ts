/**
 * Runs the outbox dispatcher on an interval inside `serve`. A tick never overlaps the previous
 * one; errors are logged and the next tick tries again (the dispatcher itself is safe to rerun).
 * A tick that found a full batch goes on at once instead of waiting for the interval, so a
 * backlog (a collection run's letters and e-mails) drains at the dispatcher's speed.
 */
import type { AppContext } from '../application/context.ts';
import { deliverOutbox, type DeliveryDeps } from '../application/deliver-outbox.ts';

const BATCH = 100;

export function startOutboxLoop(
  ctx: AppContext,
  deps: DeliveryDeps,
  options: { intervalMs: number; log: (message: string, error?: unknown) => void },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running !== null || stopped) return;
    let full = false;
    running = deliverOutbox(ctx, deps, { limit: BATCH })
      .then((report) => {
        const n = report.delivered + report.failed + report.recovered + report.unconfirmed;
        if (n > 0) options.log(`outbox: ${JSON.stringify(report)}`);
        full = report.delivered + report.retried + report.failed >= BATCH;
      })
      .catch((error: unknown) => options.log('outbox tick failed', error))
      .finally(() => {
        running = null;
        if (full) setImmediate(tick);
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
