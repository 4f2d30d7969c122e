/**
 * Writes a batch of finished delivery attempts in at most three statements: the outcomes
 * (attempt rows, message states, document statuses), then — for the attempts that were recorded —
 * the invoice locks and the timeline events and tasks together.
 */
import type { Sql } from '../../application/ports.ts';
import type { FinishedAttempt } from '../../application/stores.ts';
import { ADD_EVENTS_AND_TASKS, FINISH_ATTEMPTS, LOCK_INVOICES } from './outbox-sql.ts';

const keyOf = (tenantId: string, documentId: string): string => `${tenantId}/${documentId}`;

export async function recordFinishedAttempts(
  sql: Sql,
  attempts: readonly FinishedAttempt[],
  now: string,
): Promise<FinishedAttempt[]> {
  if (attempts.length === 0) return [];
  const done = await sql.query(FINISH_ATTEMPTS, [
    JSON.stringify(
      attempts.map((a) => ({
        tenant_id: a.tenantId,
        document_id: a.documentId,
        attempt: a.attempt,
        outcome: a.outcome,
        state: a.state,
        error: a.error,
        retry: a.retryInSeconds,
      })),
    ),
    now,
  ]);
  const recordedKeys = new Set(done.map((r) => keyOf(String(r.tenant_id), String(r.document_id))));
  const recorded = attempts.filter((a) => recordedKeys.has(keyOf(a.tenantId, a.documentId)));
  const events = recorded.flatMap((a, ord) =>
    a.event === null
      ? []
      : [
          {
            ord,
            tenant_id: a.tenantId,
            invoice_id: a.event.invoiceId,
            event_date: a.event.date,
            type: a.event.type,
            document_id: a.documentId,
            detail: a.event.detail,
          },
        ],
  );
  const tasks = recorded.flatMap((a) =>
    a.task === null
      ? []
      : [
          {
            tenant_id: a.tenantId,
            task_id: a.task.taskId,
            kind: a.task.kind,
            invoice_id: a.task.invoiceId,
            document_id: a.documentId,
            detail: a.task.detail,
          },
        ],
  );
  if (events.length > 0) await sql.query(LOCK_INVOICES, [JSON.stringify(events)]);
  if (events.length > 0 || tasks.length > 0)
    await sql.query(ADD_EVENTS_AND_TASKS, [JSON.stringify(events), JSON.stringify(tasks), now]);
  return recorded;
}
