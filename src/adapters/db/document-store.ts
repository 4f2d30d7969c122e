/**
 * Documents, the outbox queue and delivery attempts in SQL. Claiming uses FOR UPDATE SKIP LOCKED
 * with a lease, so several dispatchers never hold the same message at once; the dispatcher's
 * statements work on whole batches (outbox-sql.ts).
 */
import type { Row, Sql } from '../../application/ports.ts';
import { toOutgoing } from '../../application/documents.ts';
import type { DocumentRecord } from '../../application/records.ts';
import type { ClaimedMessage, DocumentStore } from '../../application/stores.ts';
import { recordFinishedAttempts } from './outbox-finish.ts';
import { CLAIM_DUE, EXPIRED_LEASES } from './outbox-sql.ts';
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

/** Rows of CLAIM_DUE / EXPIRED_LEASES: the document with the attempt it is on. */
const toClaimed = (rows: Row[]): ClaimedMessage[] =>
  rows.map((r) => ({
    document: toOutgoing(String(r.tenant_id), toDocument(r)),
    attempt: Number(r.claimed_attempt),
  }));

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
      return toClaimed(await sql.query(CLAIM_DUE, [now, leaseSeconds, limit]));
    },
    async expiredLeases(now, limit) {
      return toClaimed(await sql.query(EXPIRED_LEASES, [now, limit]));
    },
    finishAttempts: (attempts, now) => recordFinishedAttempts(sql, attempts, now),
    async setStatus(tenantId, documentId, status) {
      await sql.query('UPDATE document SET status = $3 WHERE tenant_id = $1 AND document_id = $2', [
        tenantId,
        documentId,
        status,
      ]);
    },
  };
}
