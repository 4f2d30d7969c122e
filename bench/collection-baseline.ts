/**
 * The raw-SQL baseline of the collection benchmark: set-based statements, run inside PostgreSQL,
 * that write for the baseline twin set the same kinds and numbers of rows the run writes for its
 * own (steps, entries + postings, documents + outbox messages with payloads of similar size,
 * tasks, events, invoice updates). It decides nothing: the step follows from the seeded stage.
 */
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';
import { UUID_V7_SQL } from './bench-db.ts';

const PICK = `
CREATE TEMP TABLE bl ON COMMIT DROP AS
SELECT i.tenant_id, i.invoice_id, i.number, i.ocr, i.invoice_date, i.due_date, i.total_ore,
       i.fees_open_ore, i.interest_open_ore, i.delivery_method, c.name, c.kind, c.email,
       c.identity_number, c.reminder_fee_agreed, c.street, c.postal_code, c.city,
       t.name AS seller, t.email AS seller_email,
       CASE i.stage WHEN 'none' THEN CASE WHEN i.customer_email_at_creation IS NOT NULL THEN 'notice' ELSE 'reminder' END
                    WHEN 'notice' THEN 'reminder'
                    WHEN 'reminder' THEN CASE WHEN c.identity_number IS NULL THEN 'task' ELSE 'demand' END
                    ELSE 'decision' END AS step,
       (i.total_ore * 10 * 12 / 36500)::int8 AS interest
  FROM invoice i JOIN customer c USING (tenant_id, customer_id) JOIN tenant t USING (tenant_id)
 WHERE i.status = 'sent' AND i.next_action_date IS NOT NULL AND i.next_action_date <= $1::date
   AND i.our_reference = 'baseline'
   FOR UPDATE OF i;
ANALYZE bl`;

const STEPS = `
INSERT INTO collection_step (tenant_id, invoice_id, step, run_date, policy_version, created_at)
SELECT tenant_id, invoice_id, CASE step WHEN 'notice' THEN 'send_notice' WHEN 'reminder' THEN 'send_reminder'
         WHEN 'demand' THEN 'send_collection_demand' ELSE 'await_decision' END, $1::date, 1, now()
  FROM bl WHERE step <> 'task'
ON CONFLICT DO NOTHING`;

const ENTRIES = `
CREATE TEMP TABLE ent ON COMMIT DROP AS
SELECT tenant_id, invoice_id, number, code, amount, ${UUID_V7_SQL} AS entry_id,
       row_number() OVER (PARTITION BY tenant_id ORDER BY invoice_id, code) AS n
  FROM (SELECT tenant_id, invoice_id, number, 'interest' AS code, interest AS amount FROM bl
         WHERE step IN ('reminder', 'demand')
        UNION ALL
        SELECT tenant_id, invoice_id, number, 'reminder_fee', 6000 FROM bl
         WHERE step = 'reminder' AND reminder_fee_agreed
        UNION ALL
        SELECT tenant_id, invoice_id, number, 'collection_fee', 18000 FROM bl WHERE step = 'demand') e`;

const VOUCHERS = `
CREATE TEMP TABLE vb (tenant_id uuid, first int8) ON COMMIT DROP;
WITH counts AS (SELECT tenant_id, count(*) AS k FROM ent GROUP BY tenant_id),
     taken AS (INSERT INTO number_series (tenant_id, series, next_number)
               SELECT tenant_id, 'voucher', k + 1 FROM counts
               ON CONFLICT (tenant_id, series)
               DO UPDATE SET next_number = number_series.next_number + EXCLUDED.next_number - 1
               RETURNING tenant_id, next_number)
INSERT INTO vb SELECT t.tenant_id, t.next_number - c.k FROM taken t JOIN counts c USING (tenant_id)`;

const JOURNAL = `
INSERT INTO journal_entry (tenant_id, entry_id, voucher_number, code, booking_date, description,
  cause_key, invoice_id, created_at)
SELECT e.tenant_id, e.entry_id, vb.first + e.n - 1, e.code, $1::date,
       CASE e.code WHEN 'interest' THEN 'Dröjsmålsränta faktura ' ELSE 'Avgift faktura ' END || e.number,
       e.code || ':' || e.invoice_id || CASE e.code WHEN 'interest' THEN ':' || $1 ELSE '' END,
       e.invoice_id, now()
  FROM ent e JOIN vb USING (tenant_id)`;

const POSTINGS = `
INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore)
SELECT tenant_id, entry_id, 1, '1510', CASE code WHEN 'interest' THEN '8313' ELSE '3930' END, amount
  FROM ent`;

const ADDRESS = `jsonb_build_object('street', street, 'postalCode', postal_code, 'city', city, 'country', 'SE')`;

const ADDRESS_JSON = ADDRESS.replace('jsonb_', 'json_');

/**
 * Letter payloads shaped like the run's (seller, collector, debtor, amounts, interest segments),
 * built as json like the column that holds them.
 */
const LETTER = `json_build_object(
  'kind', CASE step WHEN 'reminder' THEN 'reminder' ELSE 'collection_demand' END, 'language', 'sv',
  'documentNumber', number || '-P', 'date', $1, 'payBy', ($1::date + 10)::text,
  'seller', json_build_object('kind', 'company', 'name', seller, 'email', seller_email, 'fSkatt', true,
    'address', json_build_object('street', 'Benchvägen 1', 'postalCode', '11122', 'city', 'Stockholm', 'country', 'SE'),
    'bankgiro', '50501055', 'vatNumber', 'SE556036079301', 'organisationNumber', '5560360793'),
  'collector', json_build_object('name', 'Reskontra Demo AB', 'email', 'inkasso@reskontra.example',
    'address', json_build_object('street', 'Box 100', 'postalCode', '111 20', 'city', 'Stockholm', 'country', 'SE'),
    'licenceText', 'Demo installation: no collection licence from Finansinspektionen',
    'organisationNumber', '5599000006'),
  'debtor', json_build_object('kind', kind, 'name', name, 'fSkatt', false, 'address', ${ADDRESS_JSON},
    'organisationNumber', coalesce(identity_number, '')),
  'registeredAddress', ${ADDRESS_JSON},
  'invoice', json_build_object('number', number::text, 'ocr', ocr, 'invoiceDate', invoice_date, 'dueDate', due_date),
  'capital', json_build_object('$bigint', total_ore::text),
  'fees', CASE WHEN fees_open_ore > 0 THEN json_build_array(json_build_object('label', 'Påminnelseavgift',
    'amount', json_build_object('$bigint', '6000'))) ELSE '[]'::json END,
  'interest', json_build_object('amount', json_build_object('$bigint', interest::text), 'fromDate', due_date,
    'toDate', $1, 'rateDescription', 'Dröjsmålsränta enligt 6 § räntelagen (referensränta + 8 procentenheter)',
    'segments', json_build_array(json_build_object('fromDate', due_date, 'toDate', $1, 'days', 12,
      'ratePercentText', '10,00 %', 'amount', json_build_object('$bigint', interest::text)))),
  'total', json_build_object('$bigint', (total_ore + fees_open_ore + interest)::text),
  'paymentTo', json_build_object('bankgiro', '50501055', 'ocr', ocr), 'contact', seller_email)`;

const NOTICE = `json_build_object('language', 'sv', 'sellerName', seller, 'sellerEmail', seller_email,
  'invoiceNumber', number::text, 'amount', json_build_object('$bigint', total_ore::text),
  'dueDate', due_date, 'bankgiro', '50501055', 'ocr', ocr)`;

const DOCUMENTS = `
CREATE TEMP TABLE docs ON COMMIT DROP AS
SELECT tenant_id, invoice_id, ${UUID_V7_SQL} AS document_id,
       CASE step WHEN 'notice' THEN 'notice' WHEN 'reminder' THEN 'reminder' ELSE 'collection_demand' END AS kind,
       CASE WHEN step = 'demand' OR email IS NULL THEN 'letter' ELSE 'email' END AS channel,
       CASE WHEN step = 'demand' OR email IS NULL
            THEN jsonb_build_object('name', name, 'address', ${ADDRESS})
            ELSE jsonb_build_object('name', name, 'email', email) END AS recipient,
       CASE step WHEN 'notice' THEN ${NOTICE} ELSE ${LETTER} END AS payload
  FROM bl WHERE step IN ('notice', 'reminder', 'demand')`;

const INSERT_DOCUMENTS = `
INSERT INTO document (tenant_id, document_id, invoice_id, kind, channel, document_date, recipient,
  payload, created_at)
SELECT tenant_id, document_id, invoice_id, kind, channel, $1::date, recipient, payload, now() FROM docs`;

const OUTBOX = `
INSERT INTO outbox_message (tenant_id, document_id, next_attempt_at)
SELECT tenant_id, document_id, now() FROM docs`;

const TASKS = `
INSERT INTO task (tenant_id, task_id, kind, invoice_id, status, detail, created_at)
SELECT tenant_id, ${UUID_V7_SQL},
       CASE step WHEN 'decision' THEN 'decide_after_demand' ELSE 'complete_identity_number' END,
       invoice_id, 'open', jsonb_build_object('invoiceNumber', number::text), now()
  FROM bl WHERE step IN ('decision', 'task') OR (step = 'reminder' AND identity_number IS NULL)
ON CONFLICT DO NOTHING`;

const EVENTS = `
INSERT INTO invoice_event (tenant_id, invoice_id, seq, event_date, type, amount_ore, document_id,
  policy_version, detail, created_at)
SELECT ev.tenant_id, ev.invoice_id,
       coalesce((SELECT max(seq) FROM invoice_event e
                  WHERE e.tenant_id = ev.tenant_id AND e.invoice_id = ev.invoice_id), 0) + ev.ord,
       $1::date, ev.type, ev.amount, ev.document_id, 1, ev.detail, now()
  FROM (SELECT bl.tenant_id, bl.invoice_id, 1 AS ord,
               CASE step WHEN 'notice' THEN 'notice_sent' WHEN 'reminder' THEN 'reminder_sent'
                 WHEN 'demand' THEN 'collection_demand_sent' WHEN 'task' THEN 'task_complete_identity_number'
                 ELSE 'decision_due' END AS type,
               CASE WHEN step IN ('reminder', 'demand') THEN interest END AS amount, d.document_id,
               CASE WHEN step IN ('reminder', 'demand') THEN jsonb_build_object('fee', '6000',
                 'interest', interest::text, 'payBy', ($1::date + 10)::text, 'channel', d.channel)
                 ELSE '{}'::jsonb END AS detail
          FROM bl LEFT JOIN docs d USING (tenant_id, invoice_id)
        UNION ALL
        SELECT tenant_id, invoice_id, 2, 'task_complete_identity_number', NULL, NULL, '{}'::jsonb
          FROM bl WHERE step = 'reminder' AND identity_number IS NULL) ev`;

const UPDATE = `
UPDATE invoice i SET
  stage = CASE bl.step WHEN 'notice' THEN 'notice' WHEN 'reminder' THEN 'reminder'
            WHEN 'demand' THEN 'collection_demand' WHEN 'decision' THEN 'awaiting_decision' ELSE i.stage END,
  next_action_date = CASE bl.step WHEN 'notice' THEN $1::date + 6 WHEN 'reminder' THEN $1::date + 15
            WHEN 'demand' THEN $1::date + 12 ELSE NULL END,
  notice_sent_date = CASE bl.step WHEN 'notice' THEN $1::date ELSE i.notice_sent_date END,
  reminder_sent_date = CASE bl.step WHEN 'reminder' THEN $1::date ELSE i.reminder_sent_date END,
  reminder_due_date = CASE bl.step WHEN 'reminder' THEN $1::date + 10 ELSE i.reminder_due_date END,
  demand_sent_date = CASE bl.step WHEN 'demand' THEN $1::date ELSE i.demand_sent_date END,
  demand_due_date = CASE bl.step WHEN 'demand' THEN $1::date + 10 ELSE i.demand_due_date END,
  interest_open_ore = i.interest_open_ore + CASE WHEN bl.step IN ('reminder', 'demand') THEN bl.interest ELSE 0 END,
  interest_booked_through = CASE WHEN bl.step IN ('reminder', 'demand') THEN $1::date ELSE i.interest_booked_through END,
  fees_open_ore = i.fees_open_ore + CASE WHEN bl.step = 'demand' THEN 18000
            WHEN bl.step = 'reminder' AND bl.reminder_fee_agreed THEN 6000 ELSE 0 END,
  reminder_fee_charged = i.reminder_fee_charged OR (bl.step = 'reminder' AND bl.reminder_fee_agreed),
  collection_fee_charged = i.collection_fee_charged OR bl.step = 'demand',
  updated_at = now()
  FROM bl WHERE i.tenant_id = bl.tenant_id AND i.invoice_id = bl.invoice_id`;

/**
 * Runs the baseline for `date` in one transaction; returns its wall time in milliseconds.
 * BENCH_TRACE=1 prints each statement's time; BENCH_TRACE=EVENTS (a statement's name) its plan.
 */
export async function runBaseline(db: PgDatabase, date: string): Promise<number> {
  const client = await db.pool.connect();
  try {
    const started = performance.now();
    await client.query('BEGIN');
    const statements = {
      PICK,
      STEPS,
      ENTRIES,
      VOUCHERS,
      JOURNAL,
      POSTINGS,
      DOCUMENTS,
      INSERT_DOCUMENTS,
      OUTBOX,
      TASKS,
      EVENTS,
      UPDATE,
    };
    for (const [name, sql] of Object.entries(statements)) {
      const t0 = performance.now();
      const explain = process.env.BENCH_TRACE === name;
      const r = await client.query(
        (explain ? 'EXPLAIN ANALYZE ' : '') + sql.replace(/\$1(?!\d)/g, `'${date}'`),
      );
      if (explain)
        console.log(r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n'));
      if (process.env.BENCH_TRACE !== undefined)
        console.log(`    baseline ${name}: ${(performance.now() - t0).toFixed(0)} ms`);
    }
    await client.query('COMMIT');
    return performance.now() - started;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
