/**
 * The outbox dispatcher: delivers queued documents after their transaction committed.
 *
 * Never twice: a message is claimed with a lease (SKIP LOCKED) before delivery and marked after.
 * If a dispatcher dies in between, the lease runs out and recovery asks the channel whether the
 * interrupted attempt got through: drop-folder channels can tell (the file is there, written
 * atomically under the document id), so the message is marked delivered without sending again.
 * SMTP cannot tell, so such a message is not resent: it becomes 'unconfirmed' and the client
 * gets a task to check — at most once in that narrow window rather than possibly twice.
 *
 * Batched: one statement claims a batch with its attempt rows and documents; outcomes are
 * recorded a few transactions per batch as they come in (outbox/outcome-recorder.ts).
 */
import type { AppContext } from './context.ts';
import { delivered, failedAttempt, recovered, type Tally } from './outbox/finished-attempts.ts';
import { OutcomeRecorder } from './outbox/outcome-recorder.ts';
import type { DeliveryChannels, DocumentRenderer } from './ports.ts';
import type { ClaimedMessage } from './stores.ts';

export { MAX_ATTEMPTS, RETRY_SECONDS } from './outbox/finished-attempts.ts';

export type DeliveryDeps = {
  readonly renderer: DocumentRenderer;
  readonly channels: DeliveryChannels;
};

export type DeliveryReport = {
  delivered: number;
  retried: number;
  failed: number;
  recovered: number;
  unconfirmed: number;
};

/** Runs `work` over the items with at most `concurrency` at a time. */
async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(concurrency, items.length)) },
    async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i]!);
    },
  );
  await Promise.all(lanes);
}

/** Attempts whose dispatcher died: recorded from the channel's answer, never sent again here. */
async function recoverInterrupted(
  ctx: AppContext,
  deps: DeliveryDeps,
  limit: number,
  recorder: OutcomeRecorder,
): Promise<void> {
  const lost = await ctx.uow.transaction((s) => s.documents.expiredLeases(ctx.clock.now(), limit));
  await inParallel(lost, 8, async ({ document: doc, attempt }) => {
    const answer = await deps.channels[doc.channel].wasDelivered(doc);
    recorder.add(recovered(ctx, doc, attempt, answer));
  });
  // Recorded before claiming: a message found undelivered is due again in this same run.
  await recorder.flush();
}

async function deliverOne(
  ctx: AppContext,
  deps: DeliveryDeps,
  { document: doc, attempt }: ClaimedMessage,
  recorder: OutcomeRecorder,
): Promise<void> {
  try {
    const rendered = await deps.renderer.render(doc);
    await deps.channels[doc.channel].deliver(doc, rendered);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    recorder.add(failedAttempt(ctx, doc, attempt, message));
    return;
  }
  recorder.add(delivered(ctx, doc, attempt));
}

export async function deliverOutbox(
  ctx: AppContext,
  deps: DeliveryDeps,
  options: { limit?: number; leaseSeconds?: number; concurrency?: number } = {},
): Promise<DeliveryReport> {
  const limit = options.limit ?? 100;
  const report: DeliveryReport = {
    delivered: 0,
    retried: 0,
    failed: 0,
    recovered: 0,
    unconfirmed: 0,
  };
  const recorder = new OutcomeRecorder(ctx, (tally: Tally) => {
    report[tally] += 1;
  });
  await recoverInterrupted(ctx, deps, limit, recorder);
  const claimed = await ctx.uow.transaction((s) =>
    s.documents.claimDue(ctx.clock.now(), options.leaseSeconds ?? 300, limit),
  );
  await inParallel(claimed, options.concurrency ?? 8, (message) =>
    deliverOne(ctx, deps, message, recorder),
  );
  await recorder.flush();
  return report;
}
