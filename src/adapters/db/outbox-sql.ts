/**
 * The dispatcher's statements, set-based: one claims a batch (lease, attempt rows, documents),
 * one records a batch of outcomes, and two write its timeline events and tasks. Parameters that
 * carry a batch are one JSON array each (jsonb_to_recordset).
 */

/** Due messages, oldest first, leased and put on their next attempt; returns their documents. */
export const CLAIM_DUE = `
WITH due AS (
  SELECT tenant_id, document_id FROM outbox_message
   WHERE state = 'pending' AND next_attempt_at <= $1::timestamptz
   ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE outbox_message m SET state = 'delivering', attempts = m.attempts + 1,
         lease_until = $1::timestamptz + make_interval(secs => $2::int)
    FROM due WHERE m.tenant_id = due.tenant_id AND m.document_id = due.document_id
  RETURNING m.tenant_id, m.document_id, m.attempts, m.next_attempt_at
), attempt AS (
  INSERT INTO delivery_attempt (tenant_id, document_id, attempt_no, started_at)
  SELECT tenant_id, document_id, attempts, $1::timestamptz FROM claimed
)
SELECT d.*, c.attempts AS claimed_attempt
  FROM claimed c JOIN document d ON d.tenant_id = c.tenant_id AND d.document_id = c.document_id
 ORDER BY c.next_attempt_at, d.created_at, d.document_id`;

/** Messages still 'delivering' after their lease: leased again for recovery, with documents. */
export const EXPIRED_LEASES = `
WITH lost AS (
  SELECT tenant_id, document_id FROM outbox_message
   WHERE state = 'delivering' AND lease_until < $1::timestamptz
   ORDER BY lease_until LIMIT $2 FOR UPDATE SKIP LOCKED
), leased AS (
  UPDATE outbox_message m SET lease_until = $1::timestamptz + interval '5 minutes'
    FROM lost WHERE m.tenant_id = lost.tenant_id AND m.document_id = lost.document_id
  RETURNING m.tenant_id, m.document_id, m.attempts
)
SELECT d.*, l.attempts AS claimed_attempt
  FROM leased l JOIN document d ON d.tenant_id = l.tenant_id AND d.document_id = l.document_id
 ORDER BY d.created_at, d.document_id`;

/**
 * Records outcomes ($1: tenant_id, document_id, attempt, outcome, state, error, retry; $2: now).
 * Only a message still 'delivering' on that very attempt is touched — a dispatcher whose lease
 * was taken over finds nothing — and the attempt row and the document follow the messages that
 * were. Returns the keys recorded.
 */
export const FINISH_ATTEMPTS = `
WITH r AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, document_id uuid, attempt int,
    outcome text, state text, error text, retry int)
), m AS (
  UPDATE outbox_message m SET state = r.state, lease_until = NULL, last_error = r.error,
         next_attempt_at = $2::timestamptz + make_interval(secs => r.retry)
    FROM r
   WHERE m.tenant_id = r.tenant_id AND m.document_id = r.document_id
     AND m.attempts = r.attempt AND m.state = 'delivering'
  RETURNING m.tenant_id, m.document_id, r.attempt, r.outcome, r.state, r.error
), a AS (
  UPDATE delivery_attempt a SET finished_at = $2::timestamptz, outcome = m.outcome, error = m.error
    FROM m
   WHERE a.tenant_id = m.tenant_id AND a.document_id = m.document_id AND a.attempt_no = m.attempt
), d AS (
  UPDATE document d SET status = m.state,
         delivered_at = CASE WHEN m.state = 'delivered' THEN $2::timestamptz ELSE d.delivered_at END
    FROM m
   WHERE d.tenant_id = m.tenant_id AND d.document_id = m.document_id AND m.state <> 'pending'
)
SELECT tenant_id, document_id FROM m`;

/**
 * The invoices whose timelines get events, locked in key order: seq = max + 1 needs one writer
 * per invoice, and a fixed order keeps two batches from deadlocking on each other.
 */
export const LOCK_INVOICES = `
SELECT 1 FROM invoice i
  JOIN (SELECT DISTINCT tenant_id, invoice_id
          FROM jsonb_to_recordset($1::jsonb) AS k(tenant_id uuid, invoice_id uuid)) k
    ON i.tenant_id = k.tenant_id AND i.invoice_id = k.invoice_id
 ORDER BY i.tenant_id, i.invoice_id
   FOR UPDATE OF i`;

/**
 * Events ($1, in batch order; seq continues each invoice's timeline) and tasks ($2; an open task
 * of the same kind for the invoice is kept instead, as TaskStore.open does). Run after
 * LOCK_INVOICES, as its own statement, so that the max(seq) it reads is the committed one.
 */
export const ADD_EVENTS_AND_TASKS = `
WITH e AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(ord int, tenant_id uuid, invoice_id uuid,
    event_date date, type text, document_id uuid, detail jsonb)
), top AS (
  SELECT k.tenant_id, k.invoice_id, COALESCE(MAX(x.seq), 0) AS seq
    FROM (SELECT DISTINCT tenant_id, invoice_id FROM e) k
    LEFT JOIN invoice_event x ON x.tenant_id = k.tenant_id AND x.invoice_id = k.invoice_id
   GROUP BY k.tenant_id, k.invoice_id
), events AS (
  INSERT INTO invoice_event (tenant_id, invoice_id, seq, event_date, type, amount_ore, document_id,
    policy_version, detail, created_at)
  SELECT e.tenant_id, e.invoice_id,
         top.seq + row_number() OVER (PARTITION BY e.tenant_id, e.invoice_id ORDER BY e.ord),
         e.event_date, e.type, NULL, e.document_id, NULL, e.detail, $3::timestamptz
    FROM e JOIN top ON top.tenant_id = e.tenant_id AND top.invoice_id = e.invoice_id
)
INSERT INTO task (tenant_id, task_id, kind, invoice_id, document_id, status, detail, created_at)
SELECT t.tenant_id, t.task_id, t.kind, t.invoice_id, t.document_id, 'open', t.detail, $3::timestamptz
  FROM jsonb_to_recordset($2::jsonb) AS t(tenant_id uuid, task_id uuid, kind text, invoice_id uuid,
    document_id uuid, detail jsonb)
ON CONFLICT DO NOTHING`;
