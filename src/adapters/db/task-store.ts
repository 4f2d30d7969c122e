/** Client tasks in SQL: at most one open task of a kind per invoice (a unique partial index). */
import type { Row, Sql } from '../../application/ports.ts';
import type { TaskRecord } from '../../application/records.ts';
import type { TaskStore } from '../../application/stores.ts';
import { asInstant, asStringOrNull } from './row-mapping.ts';

const toTask = (r: Row): TaskRecord => ({
  taskId: String(r.task_id),
  kind: r.kind as TaskRecord['kind'],
  invoiceId: asStringOrNull(r.invoice_id),
  documentId: asStringOrNull(r.document_id),
  status: r.status as TaskRecord['status'],
  detail: (r.detail ?? null) as TaskRecord['detail'],
  createdAt: asInstant(r.created_at),
});

export function taskStore(sql: Sql): TaskStore {
  return {
    async open(tenantId, t) {
      const rows = await sql.query(
        `INSERT INTO task (tenant_id, task_id, kind, invoice_id, document_id, status, detail, created_at)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) ON CONFLICT DO NOTHING RETURNING 1`,
        [
          tenantId,
          t.taskId,
          t.kind,
          t.invoiceId,
          t.documentId,
          t.detail === null ? null : JSON.stringify(t.detail),
          t.createdAt,
        ],
      );
      return rows.length > 0;
    },
    async list(tenantId, status) {
      const rows = await sql.query(
        `SELECT * FROM task WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at, task_id`,
        [tenantId, status ?? null],
      );
      return rows.map(toTask);
    },
    async closeKind(tenantId, invoiceId, kind, now) {
      const rows = await sql.query(
        `UPDATE task SET status = 'done', closed_at = $4 WHERE tenant_id = $1 AND invoice_id = $2 AND kind = $3 AND status = 'open'
         RETURNING 1`,
        [tenantId, invoiceId, kind, now],
      );
      return rows.length;
    },
  };
}
