/**
 * The daily schedule inside `serve`: once the Stockholm clock has passed the configured time
 * (RESKONTRA_RUN_AT, default 06:00), run collection for today if it has not run. Checks every
 * minute; the run itself is idempotent, so a restart or a second server is harmless.
 */
import type { AppContext } from '../application/context.ts';
import { runCollection } from '../application/collection/run-collection.ts';

export function startDailyCollection(
  ctx: AppContext,
  options: {
    runAt: string;
    stockholmTime: () => string;
    log: (message: string, error?: unknown) => void;
  },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let lastDone: string | null = null;
  const tick = () => {
    const today = ctx.clock.today();
    if (running !== null || lastDone === today || options.stockholmTime() < options.runAt) return;
    running = runCollection(ctx, today, { clockMode: 'system' })
      .then((result) => {
        if (result.ok) {
          lastDone = today;
          options.log(`collection run ${today}: ${JSON.stringify(result.value)}`);
        } else options.log(`collection run ${today} refused: ${result.error.detail}`);
      })
      .catch((error: unknown) => options.log('collection run failed', error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, 60_000);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
