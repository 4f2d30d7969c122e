/**
 * Runs the outbox dispatcher on an interval inside `serve`. A tick never overlaps the previous
 * one; errors are logged and the next tick tries again (the dispatcher itself is safe to rerun).
 */
import type { AppContext } from '../application/context.ts';
import { deliverOutbox, type DeliveryDeps } from '../application/deliver-outbox.ts';

export function startOutboxLoop(
  ctx: AppContext,
  deps: DeliveryDeps,
  options: { intervalMs: number; log: (message: string, error?: unknown) => void },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running !== null) return;
    running = deliverOutbox(ctx, deps)
      .then((report) => {
        const n = report.delivered + report.failed + report.recovered + report.unconfirmed;
        if (n > 0) options.log(`outbox: ${JSON.stringify(report)}`);
      })
      .catch((error: unknown) => options.log('outbox tick failed', error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
