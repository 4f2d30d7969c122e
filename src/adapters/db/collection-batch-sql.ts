/**
 * The SQL text of the daily run's bulk statements (collection-batch-store.ts runs them): lock and
 * load a batch, record its steps, and write everything else the steps change in one statement —
 * documents, tasks, case updates, events and entries, each kind fed one JSON array.
 */
import type { CaseChange } from '../../application/collection/collection-store.ts';
import { STATE_COLUMNS } from './collection-state-columns.ts';

/**
 * Locks the batch and returns each case as one JSON text (invoice, customer, rows, open tasks):
 * one round trip, and one native JSON.parse per case instead of a driver parse per column.
 */
export const LOCK_AND_LOAD = `
WITH locked AS (
  SELECT * FROM invoice
   WHERE tenant_id = $1 AND invoice_id = ANY($2::uuid[]) AND status = 'sent'
     AND next_action_date IS NOT NULL AND next_action_date <= $3
   ORDER BY next_action_date, invoice_id
     FOR UPDATE SKIP LOCKED)
SELECT json_build_object(
  'invoice', to_json(l),
  'customer', (SELECT to_json(c) FROM customer c
                WHERE c.tenant_id = l.tenant_id AND c.customer_id = l.customer_id),
  'rows', (SELECT coalesce(json_agg(r ORDER BY r.row_no), '[]') FROM invoice_row r
            WHERE r.tenant_id = l.tenant_id AND r.invoice_id = l.invoice_id),
  'tasks', (SELECT coalesce(json_agg(t.kind ORDER BY t.created_at, t.task_id), '[]') FROM task t
             WHERE t.tenant_id = l.tenant_id AND t.invoice_id = l.invoice_id AND t.status = 'open')
)::text AS c
  FROM locked l ORDER BY l.next_action_date, l.invoice_id`;

/** The state columns in a fixed order: a row's bit i set means it carries column i. */
export const STATE_KEYS = Object.keys(STATE_COLUMNS) as (keyof CaseChange)[];
if (STATE_KEYS.length > 31) throw new Error('WRITE_STEPS: more state columns than mask bits');

/**
 * Documents and their outbox messages. The payloads come as their own JSON array ($3), zipped
 * with the other columns by position: a json element goes into the json column as it is,
 * checked once, never built into a jsonb tree.
 */
const DOCUMENTS = `
docs AS (
  INSERT INTO document (tenant_id, document_id, invoice_id, kind, channel, document_date,
    recipient, payload, replaces_document_id, created_at)
  SELECT $1::uuid, d.document_id, d.invoice_id, d.kind, d.channel, d.document_date,
         d.recipient, d.payload, d.replaces_document_id, d.created_at
    FROM ROWS FROM (
      jsonb_to_recordset($2::jsonb) AS (document_id uuid, invoice_id uuid, kind text, channel text,
        document_date date, recipient jsonb, replaces_document_id uuid, created_at timestamptz),
      json_array_elements($3::json)) AS d(document_id, invoice_id, kind, channel, document_date,
        recipient, replaces_document_id, created_at, payload)
  RETURNING document_id, created_at
), outbox AS (
  INSERT INTO outbox_message (tenant_id, document_id, next_attempt_at)
  SELECT $1::uuid, document_id, created_at FROM docs
)`;

/** An open task of the same kind for the same invoice is kept instead (the unique index). */
const TASKS = `
tasks AS (
  INSERT INTO task (tenant_id, task_id, kind, invoice_id, document_id, status, detail, created_at)
  SELECT $1::uuid, t.task_id, t.kind, t.invoice_id, t.document_id, 'open', t.detail, t.created_at
    FROM jsonb_to_recordset($4::jsonb) AS t(task_id uuid, kind text, invoice_id uuid,
      document_id uuid, detail jsonb, created_at timestamptz)
  ON CONFLICT DO NOTHING
)`;

/**
 * Each row carries only the columns its step changed, under their SQL names, and a bit mask of
 * which they are; a column the row does not carry keeps its value (a carried null sets it to
 * null). The mask is one integer test per column, where testing the row's JSON for each key cost
 * a lookup per column and row.
 */
const CASES = `
cases AS (
  UPDATE invoice i SET ${STATE_KEYS.map((k, bit) => {
    const { name } = STATE_COLUMNS[k];
    return `${name} = CASE WHEN v.m & ${1 << bit} <> 0 THEN v.${name} ELSE i.${name} END`;
  }).join(',\n    ')},
    updated_at = v.updated_at
    FROM jsonb_to_recordset($5::jsonb) AS v(invoice_id uuid, m int, updated_at timestamptz,
      ${STATE_KEYS.map((k) => `${STATE_COLUMNS[k].name} ${STATE_COLUMNS[k].type}`).join(', ')})
   WHERE i.tenant_id = $1 AND i.invoice_id = v.invoice_id
)`;

/** seq = the invoice's highest + the event's place among the batch's events of the invoice. */
const EVENTS = `
events AS (
  INSERT INTO invoice_event (tenant_id, invoice_id, seq, event_date, type, amount_ore,
    document_id, policy_version, detail, created_at)
  SELECT $1::uuid, v.invoice_id,
         COALESCE((SELECT max(seq) FROM invoice_event e
                    WHERE e.tenant_id = $1::uuid AND e.invoice_id = v.invoice_id), 0) + v.ord,
         v.event_date, v.type, v.amount_ore, v.document_id, v.policy_version, v.detail, v.created_at
    FROM jsonb_to_recordset($6::jsonb) AS v(invoice_id uuid, ord int, event_date date, type text,
      amount_ore int8, document_id uuid, policy_version int, detail jsonb, created_at timestamptz)
)`;

/**
 * postEntry for the batch: entries whose cause is already booked are skipped, the rest take one
 * block of the gapless voucher series (in the batch's order) and get their postings. A cause
 * booked meanwhile by another transaction fails the statement on the unique key (no gap in the
 * series); the run then retries the batch's invoices one by one. The series row stays locked
 * until the commit that follows the statement.
 */
const ENTRIES = `
e AS (
  SELECT * FROM jsonb_to_recordset($7::jsonb) AS e(ord int, entry_id uuid, code text,
    booking_date date, description text, cause_key text, invoice_id uuid,
    reverses_entry_id uuid, created_at timestamptz, postings jsonb)
), fresh AS (
  SELECT e.*, row_number() OVER (ORDER BY e.ord) AS n FROM e
   WHERE NOT EXISTS (SELECT 1 FROM journal_entry j
                      WHERE j.tenant_id = $1 AND j.cause_key = e.cause_key)
), block AS (
  INSERT INTO number_series (tenant_id, series, next_number)
  SELECT $1, 'voucher', count(*) + 1 FROM fresh HAVING count(*) > 0
  ON CONFLICT (tenant_id, series)
  DO UPDATE SET next_number = number_series.next_number + EXCLUDED.next_number - 1
  RETURNING next_number - (SELECT count(*) FROM fresh) AS first
), entries AS (
  INSERT INTO journal_entry (tenant_id, entry_id, voucher_number, code, booking_date,
    description, cause_key, invoice_id, reverses_entry_id, created_at)
  SELECT $1, f.entry_id, b.first + f.n - 1, f.code, f.booking_date, f.description, f.cause_key,
         f.invoice_id, f.reverses_entry_id, f.created_at
    FROM fresh f CROSS JOIN block b
  RETURNING entry_id
), lines AS (
  INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore)
  SELECT $1, f.entry_id, p.line_no, p.line->>'debit', p.line->>'credit', (p.line->>'amount')::int8
    FROM fresh f JOIN entries USING (entry_id)
   CROSS JOIN LATERAL jsonb_array_elements(f.postings) WITH ORDINALITY AS p(line, line_no)
)`;

/**
 * Everything a batch's recorded steps write, in one statement (one round trip instead of five;
 * each sub-statement runs once and to completion whether or not the final SELECT reads it):
 * $1 tenant, $2 documents, $3 their payloads, $4 tasks, $5 case updates, $6 events, $7 entries.
 */
export const WRITE_STEPS = `
WITH ${[DOCUMENTS, TASKS, CASES, EVENTS, ENTRIES].map((x) => x.trim()).join(',\n')}
SELECT 1`;

export const DUE_IDS = `
SELECT invoice_id FROM invoice WHERE tenant_id = $1 AND status = 'sent'
   AND next_action_date IS NOT NULL AND next_action_date <= $2
 ORDER BY next_action_date, invoice_id`;

export const RECORD_STEPS = `
INSERT INTO collection_step (tenant_id, invoice_id, step, run_date, policy_version, created_at)
SELECT $1::uuid, s.invoice_id, s.step, $3::date, $4::int, s.created_at
  FROM jsonb_to_recordset($2::jsonb) AS s(invoice_id uuid, step text, created_at timestamptz)
ON CONFLICT DO NOTHING RETURNING invoice_id`;
