/**
 * The outbox dispatcher: delivers queued documents after their transaction committed.
 *
 * Never twice: a message is claimed with a lease (SKIP LOCKED) before delivery and marked after.
 * If a dispatcher dies in between, the lease runs out and recovery asks the channel whether the
 * interrupted attempt got through: drop-folder channels can tell (the file is there, written
 * atomically under the document id), so the message is marked delivered without sending again.
 * SMTP cannot tell, so such a message is not resent: it becomes 'unconfirmed' and the client
 * gets a task to check — at most once in that narrow window rather than possibly twice.
 */
import type { AppContext } from './context.ts';
import type { DeliveryChannels, DocumentRenderer, OutgoingDocument } from './ports.ts';
import type { Stores } from './stores.ts';

export type DeliveryDeps = {
  readonly renderer: DocumentRenderer;
  readonly channels: DeliveryChannels;
};

/** Backoff after each failed attempt; after the last one the document is given up as failed. */
export const RETRY_SECONDS = [30, 120, 600, 1800, 3600, 7200, 14_400] as const;
export const MAX_ATTEMPTS = RETRY_SECONDS.length + 1;

export type DeliveryReport = {
  delivered: number;
  retried: number;
  failed: number;
  recovered: number;
  unconfirmed: number;
};

async function note(
  ctx: AppContext,
  stores: Stores,
  doc: OutgoingDocument,
  type: string,
  detail: Record<string, unknown>,
) {
  if (doc.invoiceId === null) return;
  await stores.invoices.addEvent(
    doc.tenantId,
    doc.invoiceId,
    {
      date: ctx.clock.today(),
      type,
      amount: null,
      documentId: doc.documentId,
      policyVersion: null,
      detail: { kind: doc.kind, channel: doc.channel, ...detail },
    },
    ctx.clock.now(),
  );
}

async function openTask(
  ctx: AppContext,
  stores: Stores,
  doc: OutgoingDocument,
  kind: 'delivery_failed' | 'delivery_unconfirmed',
  detail: Record<string, unknown>,
) {
  await stores.tasks.open(doc.tenantId, {
    taskId: ctx.ids.newId(),
    kind,
    invoiceId: doc.invoiceId,
    documentId: doc.documentId,
    status: 'open',
    detail,
    createdAt: ctx.clock.now(),
  });
}

async function recoverInterrupted(
  ctx: AppContext,
  deps: DeliveryDeps,
  limit: number,
  report: DeliveryReport,
) {
  const lost = await ctx.uow.transaction((s) => s.documents.expiredLeases(ctx.clock.now(), limit));
  for (const { document: doc, attempt } of lost) {
    const answer = await deps.channels[doc.channel].wasDelivered(doc);
    await ctx.uow.transaction(async (s) => {
      const now = ctx.clock.now();
      if (answer === true) {
        await s.documents.finishAttempt(doc.tenantId, doc.documentId, attempt, 'found_delivered', {
          now,
        });
        await note(ctx, s, doc, 'document_delivered', { recovered: true });
        report.recovered += 1;
      } else if (answer === 'unknown') {
        await s.documents.finishAttempt(doc.tenantId, doc.documentId, attempt, 'unconfirmed', {
          now,
          error: 'interrupted; the channel cannot confirm delivery',
        });
        await openTask(ctx, s, doc, 'delivery_unconfirmed', {
          reason: 'a delivery attempt was interrupted and the channel cannot confirm it',
        });
        report.unconfirmed += 1;
      } else {
        await s.documents.finishAttempt(doc.tenantId, doc.documentId, attempt, 'error', {
          now,
          error: 'interrupted before delivery',
          retryInSeconds: 0,
        });
        report.retried += 1;
      }
    });
  }
}

async function deliverOne(
  ctx: AppContext,
  deps: DeliveryDeps,
  doc: OutgoingDocument,
  attempt: number,
  report: DeliveryReport,
) {
  try {
    const rendered = await deps.renderer.render(doc);
    await deps.channels[doc.channel].deliver(doc, rendered);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = attempt >= MAX_ATTEMPTS;
    await ctx.uow.transaction(async (s) => {
      await s.documents.finishAttempt(doc.tenantId, doc.documentId, attempt, 'error', {
        now: ctx.clock.now(),
        error: message.slice(0, 500),
        retryInSeconds: RETRY_SECONDS[attempt - 1] ?? 0,
        giveUp,
      });
      if (giveUp) {
        await note(ctx, s, doc, 'document_failed', {
          attempts: attempt,
          error: message.slice(0, 200),
        });
        await openTask(ctx, s, doc, 'delivery_failed', {
          attempts: attempt,
          error: message.slice(0, 200),
        });
      }
    });
    if (giveUp) report.failed += 1;
    else report.retried += 1;
    return;
  }
  await ctx.uow.transaction(async (s) => {
    await s.documents.finishAttempt(doc.tenantId, doc.documentId, attempt, 'delivered', {
      now: ctx.clock.now(),
    });
    await note(ctx, s, doc, 'document_delivered', {});
  });
  report.delivered += 1;
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
  await recoverInterrupted(ctx, deps, limit, report);
  const claimed = await ctx.uow.transaction((s) =>
    s.documents.claimDue(ctx.clock.now(), options.leaseSeconds ?? 300, limit),
  );
  const queue = [...claimed];
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      await deliverOne(ctx, deps, next.document, next.attempt, report);
    }
  });
  await Promise.all(workers);
  return report;
}
