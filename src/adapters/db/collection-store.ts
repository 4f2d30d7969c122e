/**
 * The collection engine's tables in SQL: policies (versioned JSON), the invoice's collection
 * state, steps taken, days completed and the latest run date; bulk writes in collection-batch-store.
 */
import type { CaseChange, CollectionStore } from '../../application/collection/collection-store.ts';
import type { Sql } from '../../application/ports.ts';
import type { TaskKind } from '../../application/records.ts';
import { defaultPolicy, type CollectionPolicy } from '../../domain/collection/policy.ts';
import { decodePayload, encodePayload } from '../../domain/documents/payload-codec.ts';
import { collectionBatchStore } from './collection-batch-store.ts';
import { STATE_COLUMNS, toState } from './collection-state-columns.ts';
import { toCustomer } from './customer-store.ts';
import { toInvoice, toRow } from './invoice-store.ts';
import { asDate, asDateOrNull } from './row-mapping.ts';

/** An invoice's open tasks (index task_open_invoice_idx), oldest first like the batch load. */
const OPEN_TASK_KINDS = `
SELECT kind FROM task WHERE tenant_id = $1 AND invoice_id = $2 AND status = 'open'
 ORDER BY created_at, task_id`;

export function collectionStore(sql: Sql): CollectionStore {
  return {
    ...collectionBatchStore(sql),
    async policy(tenantId) {
      const rows = await sql.query(
        'SELECT policy FROM tenant_policy WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1',
        [tenantId],
      );
      return rows[0] === undefined
        ? defaultPolicy
        : (decodePayload(rows[0].policy) as CollectionPolicy);
    },
    async savePolicy(tenantId, policy, createdAt) {
      await sql.query(
        'INSERT INTO tenant_policy (tenant_id, version, policy, created_at) VALUES ($1, $2, $3, $4)',
        [tenantId, policy.version, JSON.stringify(encodePayload(policy)), createdAt],
      );
    },
    async dueInvoiceIds(tenantId, date, limit) {
      const rows = await sql.query(
        `SELECT invoice_id FROM invoice WHERE tenant_id = $1 AND status = 'sent' AND next_action_date IS NOT NULL
           AND next_action_date <= $2 ORDER BY next_action_date, invoice_id LIMIT $3`,
        [tenantId, date, limit],
      );
      return rows.map((r) => String(r.invoice_id));
    },
    async loadCase(tenantId, invoiceId, { lock }) {
      const suffix =
        lock === 'wait' ? ' FOR UPDATE' : lock === 'skip' ? ' FOR UPDATE SKIP LOCKED' : '';
      const found = await sql.query(
        `SELECT * FROM invoice WHERE tenant_id = $1 AND invoice_id = $2${suffix}`,
        [tenantId, invoiceId],
      );
      const row = found[0];
      if (row === undefined) return null;
      // One after another: the statements share the transaction's connection.
      const rows = await sql.query(
        'SELECT * FROM invoice_row WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY row_no',
        [tenantId, invoiceId],
      );
      const customers = await sql.query(
        'SELECT * FROM customer WHERE tenant_id = $1 AND customer_id = $2',
        [tenantId, row.customer_id],
      );
      const tasks = await sql.query(OPEN_TASK_KINDS, [tenantId, invoiceId]);
      return {
        invoice: toInvoice(row, rows.map(toRow)),
        state: toState(row),
        customer: toCustomer(customers[0]!),
        openTasks: tasks.map((t) => t.kind as TaskKind),
      };
    },
    async updateCase(tenantId, invoiceId, change, updatedAt) {
      const sets: string[] = [];
      const params: unknown[] = [tenantId, invoiceId, updatedAt];
      for (const [key, value] of Object.entries(change)) {
        params.push(value);
        sets.push(`${STATE_COLUMNS[key as keyof CaseChange].name} = $${params.length}`);
      }
      await sql.query(
        `UPDATE invoice SET ${[...sets, 'updated_at = $3'].join(', ')} WHERE tenant_id = $1 AND invoice_id = $2`,
        params,
      );
    },
    async recordStep(tenantId, invoiceId, step, runDate, policyVersion, createdAt) {
      const rows = await sql.query(
        `INSERT INTO collection_step (tenant_id, invoice_id, step, run_date, policy_version, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
        [tenantId, invoiceId, step, runDate, policyVersion, createdAt],
      );
      return rows.length > 0;
    },
    async tenantIds() {
      return (await sql.query('SELECT tenant_id FROM tenant ORDER BY tenant_number')).map((r) =>
        String(r.tenant_id),
      );
    },
    async lastCompletedDay(tenantId) {
      const rows = await sql.query(
        'SELECT max(run_date) AS d FROM collection_day WHERE tenant_id = $1',
        [tenantId],
      );
      return asDateOrNull(rows[0]?.d ?? null);
    },
    async completeDay(tenantId, date, steps, completedAt) {
      await sql.query(
        `INSERT INTO collection_day (tenant_id, run_date, completed_at, steps) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, run_date) DO NOTHING`,
        [tenantId, date, completedAt, steps],
      );
    },
    async latestRunDate() {
      const rows = await sql.query('SELECT latest_run_date FROM collection_clock');
      return asDateOrNull(rows[0]?.latest_run_date ?? null);
    },
    async advanceLatestRunDate(date) {
      const rows = await sql.query(
        `INSERT INTO collection_clock (singleton, latest_run_date) VALUES (true, $1)
         ON CONFLICT (singleton) DO UPDATE SET latest_run_date = GREATEST(collection_clock.latest_run_date, EXCLUDED.latest_run_date)
         RETURNING latest_run_date`,
        [date],
      );
      return asDate(rows[0]!.latest_run_date);
    },
    async invoicesWaitingOnCustomer(tenantId, customerId) {
      const rows = await sql.query(
        `SELECT invoice_id FROM invoice WHERE tenant_id = $1 AND customer_id = $2 AND status = 'sent'
           AND stage IN ('reminder', 'collection_demand')`,
        [tenantId, customerId],
      );
      return rows.map((r) => String(r.invoice_id));
    },
  };
}
