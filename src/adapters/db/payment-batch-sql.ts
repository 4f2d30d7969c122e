/**
 * The SQL text of the batched import's statements (payment-batch-store.ts runs them): claim bank
 * references, resolve OCRs and tenant numbers, lock and load invoices, and write each kind of row
 * for a whole chunk of payments from one JSON array. Rows may belong to several clients (an
 * operator file), so every written row carries its tenant_id.
 */

export const CLAIM_BANK_REFERENCES = `
INSERT INTO payment_seen (scope_id, bank_reference, payment_id, file_id)
SELECT $1::uuid, c.bank_reference, c.payment_id, $2::uuid
  FROM jsonb_to_recordset($3::jsonb) AS c(bank_reference text, payment_id uuid)
ON CONFLICT (scope_id, bank_reference) DO NOTHING RETURNING bank_reference`;

export const TENANTS_BY_NUMBER = `
SELECT tenant_number, tenant_id FROM tenant WHERE tenant_number = ANY($1::int8[])`;

export const INVOICES_BY_OCR = `
SELECT ocr, invoice_id FROM invoice WHERE tenant_id = $1 AND ocr = ANY($2::text[])`;

/**
 * Locks in invoice id order and returns the rows as one JSON text (one native JSON.parse for the
 * chunk); amounts and numbers as text, since JSON numbers stop being exact at 2^53.
 */
export const LOCK_PAYABLE = `
WITH locked AS (
  SELECT invoice_id, customer_id, number, status, due_date, next_action_date, fees_open_ore,
         interest_open_ore, principal_open_ore, payments_applied_ore, interest_booked_through
    FROM invoice WHERE tenant_id = $1 AND invoice_id = ANY($2::uuid[])
   ORDER BY invoice_id FOR UPDATE)
SELECT coalesce(json_agg(json_build_array(invoice_id, customer_id, number::text, status, due_date,
         next_action_date, fees_open_ore::text, interest_open_ore::text, principal_open_ore::text,
         payments_applied_ore::text, interest_booked_through)), '[]')::text AS j
  FROM locked`;

/** Each case as one JSON text: invoice, customer, rows and open tasks (as LOCK_AND_LOAD, unlocked). */
export const LOAD_CASES = `
SELECT json_build_object(
  'invoice', to_json(l),
  'customer', (SELECT to_json(c) FROM customer c
                WHERE c.tenant_id = l.tenant_id AND c.customer_id = l.customer_id),
  'rows', (SELECT coalesce(json_agg(r ORDER BY r.row_no), '[]') FROM invoice_row r
            WHERE r.tenant_id = l.tenant_id AND r.invoice_id = l.invoice_id),
  'tasks', (SELECT coalesce(json_agg(t.kind ORDER BY t.created_at, t.task_id), '[]') FROM task t
             WHERE t.tenant_id = l.tenant_id AND t.invoice_id = l.invoice_id AND t.status = 'open')
)::text AS c
  FROM invoice l WHERE l.tenant_id = $1 AND l.invoice_id = ANY($2::uuid[])`;

export const INVOICE_ROWS = `
SELECT * FROM invoice_row WHERE tenant_id = $1 AND invoice_id = ANY($2::uuid[])
 ORDER BY invoice_id, row_no`;

/*
 * The writes of a batch, one statement (WRITE_BATCH below) of one sub-statement per kind of row,
 * each fed its JSON array ($1 payments, $2 allocations, $3 invoices, $4 events, $5 entries and
 * $6 their postings). In
 * these arrays a key missing from a row is NULL, and 0 for an amount (see the store).
 */

const INSERT_PAYMENTS = `
INSERT INTO payment (tenant_id, payment_id, scope_id, file_id, bank_reference, kind, amount_ore,
  currency, payment_date, refs, message, payer, status, matched_by, reverses_payment_id,
  created_at, matched_at)
SELECT p.tenant_id, p.payment_id, p.scope_id, p.file_id, p.bank_reference, p.kind, p.amount_ore,
       p.currency, p.payment_date, coalesce(p.refs, '[]'), p.message, p.payer, p.status,
       p.matched_by, p.reverses_payment_id, p.created_at, p.matched_at
  FROM jsonb_to_recordset($1::jsonb) AS p(tenant_id uuid, payment_id uuid, scope_id uuid,
    file_id uuid, bank_reference text, kind text, amount_ore int8, currency text,
    payment_date date, refs jsonb, message text, payer jsonb, status text, matched_by text,
    reverses_payment_id uuid, created_at timestamptz, matched_at timestamptz)
RETURNING 1`;

const INSERT_ALLOCATIONS = `
INSERT INTO payment_allocation (tenant_id, allocation_id, payment_id, invoice_id, customer_id,
  booking_date, fees_ore, interest_ore, principal_ore, overpaid_ore, written_off_fees_ore,
  written_off_interest_ore, written_off_principal_ore, reverses_allocation_id, reversed,
  payout_id, created_at)
SELECT a.tenant_id, a.allocation_id, a.payment_id, a.invoice_id, a.customer_id, a.booking_date,
       coalesce(a.fees_ore, 0), coalesce(a.interest_ore, 0), coalesce(a.principal_ore, 0),
       coalesce(a.overpaid_ore, 0), coalesce(a.written_off_fees_ore, 0),
       coalesce(a.written_off_interest_ore, 0), coalesce(a.written_off_principal_ore, 0),
       a.reverses_allocation_id, coalesce(a.reversed, false), a.payout_id, a.created_at
  FROM jsonb_to_recordset($2::jsonb) AS a(tenant_id uuid, allocation_id uuid, payment_id uuid,
    invoice_id uuid, customer_id uuid, booking_date date, fees_ore int8, interest_ore int8,
    principal_ore int8, overpaid_ore int8, written_off_fees_ore int8,
    written_off_interest_ore int8, written_off_principal_ore int8, reverses_allocation_id uuid,
    reversed boolean, payout_id uuid, created_at timestamptz)
RETURNING 1`;

/** The invoices' state after the batch: every column a payment may change, set as computed. */
const UPDATE_PAID_INVOICES = `
UPDATE invoice i SET status = v.status, fees_open_ore = coalesce(v.fees_open_ore, 0),
       interest_open_ore = coalesce(v.interest_open_ore, 0),
       principal_open_ore = coalesce(v.principal_open_ore, 0),
       payments_applied_ore = coalesce(v.payments_applied_ore, 0),
       interest_booked_through = v.interest_booked_through,
       next_action_date = v.next_action_date, updated_at = v.updated_at
  FROM jsonb_to_recordset($3::jsonb) AS v(tenant_id uuid, invoice_id uuid, status text,
    fees_open_ore int8, interest_open_ore int8, principal_open_ore int8,
    payments_applied_ore int8, interest_booked_through date, next_action_date date,
    updated_at timestamptz)
 WHERE i.tenant_id = v.tenant_id AND i.invoice_id = v.invoice_id
RETURNING 1`;

/** seq = the invoice's highest + the event's place among the batch's events of the invoice. */
const ADD_EVENTS = `
INSERT INTO invoice_event (tenant_id, invoice_id, seq, event_date, type, amount_ore, document_id,
  policy_version, detail, created_at)
SELECT v.tenant_id, v.invoice_id,
       COALESCE((SELECT max(seq) FROM invoice_event e
                  WHERE e.tenant_id = v.tenant_id AND e.invoice_id = v.invoice_id), 0) + v.ord,
       v.event_date, v.type, v.amount_ore, v.document_id, v.policy_version, v.detail, v.created_at
  FROM jsonb_to_recordset($4::jsonb) AS v(tenant_id uuid, invoice_id uuid, ord int,
    event_date date, type text, amount_ore int8, document_id uuid, policy_version int,
    detail jsonb, created_at timestamptz)
RETURNING 1`;

/**
 * postEntry for a batch of several clients (collection-batch-sql's POST_ENTRIES per client):
 * entries whose cause the client has booked are skipped (a new cause, one naming a payment of
 * this import, is not looked up), the rest take one block of the client's gapless voucher series
 * in array order, and get their postings. The series rows are locked in
 * tenant id order. A cause booked meanwhile by another transaction fails the statement on the
 * unique key (no gap in the series); the import's transaction then rolls back whole.
 */
const POST_ENTRIES = `
e AS (
  SELECT * FROM jsonb_to_recordset($5::jsonb) AS e(ord int, tenant_id uuid, entry_id uuid,
    code text, booking_date date, description text, cause_key text, invoice_id uuid,
    reverses_entry_id uuid, created_at timestamptz, new_cause boolean)
), fresh AS (
  SELECT e.*, row_number() OVER (PARTITION BY e.tenant_id ORDER BY e.ord) AS n FROM e
   WHERE e.new_cause OR NOT EXISTS (SELECT 1 FROM journal_entry j
                      WHERE j.tenant_id = e.tenant_id AND j.cause_key = e.cause_key)
), counts AS (
  SELECT tenant_id, count(*) AS k FROM fresh GROUP BY tenant_id
), block AS (
  INSERT INTO number_series (tenant_id, series, next_number)
  SELECT tenant_id, 'voucher', k + 1 FROM counts ORDER BY tenant_id
  ON CONFLICT (tenant_id, series)
  DO UPDATE SET next_number = number_series.next_number + EXCLUDED.next_number - 1
  RETURNING tenant_id, next_number
), entries AS (
  INSERT INTO journal_entry (tenant_id, entry_id, voucher_number, code, booking_date, description,
    cause_key, invoice_id, reverses_entry_id, created_at)
  SELECT f.tenant_id, f.entry_id, b.next_number - c.k + f.n - 1, f.code, f.booking_date,
         f.description, f.cause_key, f.invoice_id, f.reverses_entry_id, f.created_at
    FROM fresh f JOIN block b USING (tenant_id) JOIN counts c USING (tenant_id)
  RETURNING tenant_id, entry_id
), postings AS (
  INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore)
  SELECT p.tenant_id, p.entry_id, p.line_no, p.debit, p.credit, p.amount
    FROM jsonb_to_recordset($6::jsonb) AS p(tenant_id uuid, entry_id uuid, line_no int,
      debit text, credit text, amount int8)
    JOIN entries USING (tenant_id, entry_id)
  RETURNING 1
)`;

/**
 * The batch in one round trip. Sub-statements of one statement run as one, so their order does
 * not matter: each kind of row is independent of the others, and every one is checked (keys,
 * foreign keys) as if written alone.
 */
export const WRITE_BATCH = `
WITH payments AS (${INSERT_PAYMENTS}),
allocations AS (${INSERT_ALLOCATIONS}),
invoices AS (${UPDATE_PAID_INVOICES}),
events AS (${ADD_EVENTS}),
${POST_ENTRIES}
SELECT (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM allocations) AS allocations,
       (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM entries) AS entries, (SELECT count(*) FROM postings) AS postings`;
