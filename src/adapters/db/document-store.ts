/**
 * Documents, the outbox queue and delivery attempts in SQL. Claiming uses FOR UPDATE SKIP LOCKED
 * with a lease, so several dispatchers never hold the same message at once.
 */
import type { Row, Sql } from '../../application/ports.ts';
import { toOutgoing } from '../../application/documents.ts';
import type { DocumentRecord } from '../../application/records.ts';
import type { ClaimedMessage, DocumentStore } from '../../application/stores.ts';
import { asDate, asInstant, asStringOrNull } from './row-mapping.ts';

function toDocument(r: Row): DocumentRecord {
  return {
    documentId: String(r.document_id),
    invoiceId: asStringOrNull(r.invoice_id),
    kind: r.kind as DocumentRecord['kind'],
    channel: r.channel as DocumentRecord['channel'],
    documentDate: asDate(r.document_date),
    recipient: r.recipient as DocumentRecord['recipient'],
    payload: r.payload,
    status: r.status as DocumentRecord['status'],
    replacesDocumentId: asStringOrNull(r.replaces_document_id),
    createdAt: asInstant(r.created_at),
    deliveredAt: r.delivered_at === null ? null : asInstant(r.delivered_at),
  };
}

async function loadClaimed(sql: Sql, claimed: Row[]): Promise<ClaimedMessage[]> {
  const result: ClaimedMessage[] = [];
  for (const c of claimed) {
    const rows = await sql.query(
      'SELECT * FROM document WHERE tenant_id = $1 AND document_id = $2',
      [c.tenant_id, c.document_id],
    );
    result.push({
      document: toOutgoing(String(c.tenant_id), toDocument(rows[0]!)),
      attempt: Number(c.attempts),
    });
  }
  return result;
}

export function documentStore(sql: Sql): DocumentStore {
  return {
    async queue(tenantId, d, now) {
      await sql.query(
        `INSERT INTO document (tenant_id, document_id, invoice_id, kind, channel, document_date, recipient, payload,
           replaces_document_id, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [
          tenantId,
          d.documentId,
          d.invoiceId,
          d.kind,
          d.channel,
          d.documentDate,
          JSON.stringify(d.recipient),
          JSON.stringify(d.payload),
          d.replacesDocumentId,
          d.createdAt,
        ],
      );
      await sql.query(
        'INSERT INTO outbox_message (tenant_id, document_id, next_attempt_at) VALUES ($1, $2, $3)',
        [tenantId, d.documentId, now],
      );
    },
    async get(tenantId, documentId) {
      const rows = await sql.query(
        'SELECT * FROM document WHERE tenant_id = $1 AND document_id = $2',
        [tenantId, documentId],
      );
      return rows[0] === undefined ? null : toDocument(rows[0]);
    },
    async byInvoice(tenantId, invoiceId) {
      const rows = await sql.query(
        'SELECT * FROM document WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY created_at, document_id',
        [tenantId, invoiceId],
      );
      return rows.map(toDocument);
    },
    async claimDue(now, leaseSeconds, limit) {
      const claimed = await sql.query(
        `WITH due AS (
           SELECT tenant_id, document_id FROM outbox_message
            WHERE state = 'pending' AND next_attempt_at <= $1::timestamptz
            ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE outbox_message m SET state = 'delivering', attempts = m.attempts + 1,
                lease_until = $1::timestamptz + make_interval(secs => $2::int)
           FROM due WHERE m.tenant_id = due.tenant_id AND m.document_id = due.document_id
         RETURNING m.tenant_id, m.document_id, m.attempts`,
        [now, leaseSeconds, limit],
      );
      for (const c of claimed) {
        await sql.query(
          'INSERT INTO delivery_attempt (tenant_id, document_id, attempt_no, started_at) VALUES ($1, $2, $3, $4)',
          [c.tenant_id, c.document_id, c.attempts, now],
        );
      }
      return loadClaimed(sql, claimed);
    },
    async expiredLeases(now, limit) {
      const expired = await sql.query(
        `WITH lost AS (
           SELECT tenant_id, document_id FROM outbox_message
            WHERE state = 'delivering' AND lease_until < $1::timestamptz
            ORDER BY lease_until LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE outbox_message m SET lease_until = $1::timestamptz + interval '5 minutes'
           FROM lost WHERE m.tenant_id = lost.tenant_id AND m.document_id = lost.document_id
         RETURNING m.tenant_id, m.document_id, m.attempts`,
        [now, limit],
      );
      return loadClaimed(sql, expired);
    },
    async finishAttempt(tenantId, documentId, attempt, outcome, options) {
      await sql.query(
        `UPDATE delivery_attempt SET finished_at = $4, outcome = $5, error = $6
          WHERE tenant_id = $1 AND document_id = $2 AND attempt_no = $3`,
        [tenantId, documentId, attempt, options.now, outcome, options.error ?? null],
      );
      const delivered = outcome === 'delivered' || outcome === 'found_delivered';
      const state = delivered
        ? 'delivered'
        : outcome === 'unconfirmed'
          ? 'unconfirmed'
          : options.giveUp === true
            ? 'failed'
            : 'pending';
      await sql.query(
        `UPDATE outbox_message SET state = $4, lease_until = NULL, last_error = $5,
                next_attempt_at = $6::timestamptz + make_interval(secs => $7::int)
          WHERE tenant_id = $1 AND document_id = $2 AND attempts = $3 AND state = 'delivering'`,
        [
          tenantId,
          documentId,
          attempt,
          state,
          options.error ?? null,
          options.now,
          options.retryInSeconds ?? 0,
        ],
      );
      if (state !== 'pending') {
        const status = delivered ? 'delivered' : state;
        await sql.query(
          `UPDATE document SET status = $3, delivered_at = CASE WHEN $3 = 'delivered' THEN $4::timestamptz ELSE delivered_at END
            WHERE tenant_id = $1 AND document_id = $2`,
          [tenantId, documentId, status, options.now],
        );
      }
    },
    async setStatus(tenantId, documentId, status) {
      await sql.query('UPDATE document SET status = $3 WHERE tenant_id = $1 AND document_id = $2', [
        tenantId,
        documentId,
        status,
      ]);
    },
  };
}
