/**
 * The daily payout inside `serve`: once the Stockholm clock has passed the configured time
 * (RESKONTRA_PAYOUT_AT, default 07:00, after the 06:00 collection run), pay out what was
 * collected through today, once per day per process. Money is never paid twice however often
 * this runs: runPayouts stamps every paid row in the same transaction, so a restart, a second
 * server or a manual POST /v1/payouts/run the same day pays only what arrived since.
 */
import type { AppContext } from '../application/context.ts';
import { runPayouts } from '../application/payments/run-payouts.ts';

export const DEFAULT_PAYOUT_AT = '07:00';

/** 'HH:MM' (24 h) or an error naming the variable: a typo must not silently disable payouts. */
export function parsePayoutTime(value: string | undefined): string {
  const time = value ?? DEFAULT_PAYOUT_AT;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    throw new Error(`RESKONTRA_PAYOUT_AT must be a time HH:MM (24 h), not '${time}'`);
  }
  return time;
}

export function startDailyPayouts(
  ctx: AppContext,
  options: {
    runAt: string;
    stockholmTime: () => string;
    log: (message: string, error?: unknown) => void;
    intervalMs?: number;
  },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let lastDone: string | null = null;
  const tick = () => {
    const today = ctx.clock.today();
    if (running !== null || lastDone === today || options.stockholmTime() < options.runAt) return;
    running = runPayouts(ctx, today)
      .then((result) => {
        if (result.ok) {
          lastDone = today;
          const r = result.value;
          const skipped = r.skipped.length === 0 ? '' : `, ${r.skipped.length} client(s) skipped`;
          options.log(
            `payout run ${today}: ${r.payouts.length} payout(s), ${r.amount} öre, file ${r.fileId ?? 'none'}${skipped}`,
          );
        } else options.log(`payout run ${today} refused: ${result.error.detail}`);
      })
      .catch((error: unknown) => options.log('payout run failed', error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
