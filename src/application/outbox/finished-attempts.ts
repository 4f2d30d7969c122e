/**
 * What the dispatcher records for each way an attempt can end: the message's new state, the
 * timeline event and the client task. Owns: the retry schedule. Must not: touch the database.
 */
import type { AppContext } from '../context.ts';
import type { OutgoingDocument } from '../ports.ts';
import type { FinishedAttempt } from '../stores.ts';

/** Backoff after each failed attempt; after the last one the document is given up as failed. */
export const RETRY_SECONDS = [30, 120, 600, 1800, 3600, 7200, 14_400] as const;
export const MAX_ATTEMPTS = RETRY_SECONDS.length + 1;

/** Which count of the dispatcher's report an attempt adds to once it is recorded. */
export type Tally = 'delivered' | 'retried' | 'failed' | 'recovered' | 'unconfirmed';

export type Finished = { readonly record: FinishedAttempt; readonly tally: Tally };

type Base = Pick<FinishedAttempt, 'tenantId' | 'documentId' | 'attempt'>;

const base = (doc: OutgoingDocument, attempt: number): Base => ({
  tenantId: doc.tenantId,
  documentId: doc.documentId,
  attempt,
});

function event(
  ctx: AppContext,
  doc: OutgoingDocument,
  type: 'document_delivered' | 'document_failed',
  detail: Record<string, unknown>,
): FinishedAttempt['event'] {
  if (doc.invoiceId === null) return null;
  return {
    invoiceId: doc.invoiceId,
    date: ctx.clock.today(),
    type,
    detail: { kind: doc.kind, channel: doc.channel, ...detail },
  };
}

function task(
  ctx: AppContext,
  doc: OutgoingDocument,
  kind: 'delivery_failed' | 'delivery_unconfirmed',
  detail: Record<string, unknown>,
): FinishedAttempt['task'] {
  return { taskId: ctx.ids.newId(), kind, invoiceId: doc.invoiceId, detail };
}

/** The channel accepted the document. */
export function delivered(ctx: AppContext, doc: OutgoingDocument, attempt: number): Finished {
  return {
    tally: 'delivered',
    record: {
      ...base(doc, attempt),
      outcome: 'delivered',
      state: 'delivered',
      error: null,
      retryInSeconds: 0,
      event: event(ctx, doc, 'document_delivered', {}),
      task: null,
    },
  };
}

/** Rendering or the channel failed: retry after the backoff, or give up after the last attempt. */
export function failedAttempt(
  ctx: AppContext,
  doc: OutgoingDocument,
  attempt: number,
  message: string,
): Finished {
  const giveUp = attempt >= MAX_ATTEMPTS;
  const detail = { attempts: attempt, error: message.slice(0, 200) };
  return {
    tally: giveUp ? 'failed' : 'retried',
    record: {
      ...base(doc, attempt),
      outcome: 'error',
      state: giveUp ? 'failed' : 'pending',
      error: message.slice(0, 500),
      retryInSeconds: RETRY_SECONDS[attempt - 1] ?? 0,
      event: giveUp ? event(ctx, doc, 'document_failed', detail) : null,
      task: giveUp ? task(ctx, doc, 'delivery_failed', detail) : null,
    },
  };
}

/**
 * An attempt whose dispatcher died: `answer` is the channel's word on whether it got through.
 * Delivered → recorded as found; unknown (SMTP) → never resent, unconfirmed with a task;
 * not delivered → due again at once.
 */
export function recovered(
  ctx: AppContext,
  doc: OutgoingDocument,
  attempt: number,
  answer: boolean | 'unknown',
): Finished {
  if (answer === true) {
    return {
      tally: 'recovered',
      record: {
        ...base(doc, attempt),
        outcome: 'found_delivered',
        state: 'delivered',
        error: null,
        retryInSeconds: 0,
        event: event(ctx, doc, 'document_delivered', { recovered: true }),
        task: null,
      },
    };
  }
  if (answer === 'unknown') {
    return {
      tally: 'unconfirmed',
      record: {
        ...base(doc, attempt),
        outcome: 'unconfirmed',
        state: 'unconfirmed',
        error: 'interrupted; the channel cannot confirm delivery',
        retryInSeconds: 0,
        event: null,
        task: task(ctx, doc, 'delivery_unconfirmed', {
          reason: 'a delivery attempt was interrupted and the channel cannot confirm it',
        }),
      },
    };
  }
  return {
    tally: 'retried',
    record: {
      ...base(doc, attempt),
      outcome: 'error',
      state: 'pending',
      error: 'interrupted before delivery',
      retryInSeconds: 0,
      event: null,
      task: null,
    },
  };
}
