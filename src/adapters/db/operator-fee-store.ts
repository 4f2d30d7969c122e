/**
 * Operator fees in SQL (migration 0011): the schedule per client, the documents not yet charged,
 * and each payout's charge with the documents it stamped. Part of the PaymentStore.
 */
import type { Row, Sql } from '../../application/ports.ts';
import type { OperatorFeeQueries } from '../../application/payments/operator-fee-store.ts';
import type { FeeDocumentKind, OperatorFeeCharge } from '../../domain/payouts/operator-fees.ts';
import { FEE_DOCUMENT_KINDS } from '../../domain/payouts/operator-fees.ts';
import { asBigint, asInstant, asOre } from './row-mapping.ts';

function toCharge(r: Row): OperatorFeeCharge {
  const line = (kind: FeeDocumentKind, count: unknown, price: unknown) => {
    const unitPrice = asOre(price);
    const n = Number(count);
    return { kind, count: n, unitPrice, amount: asOre(unitPrice * BigInt(n)) };
  };
  const fee = asOre(r.fee_ore);
  const vat = asOre(r.vat_ore);
  const gross = asOre(r.gross_ore);
  return {
    documents: [
      line('invoice', r.invoice_count, r.invoice_price_ore),
      line('reminder', r.reminder_count, r.reminder_price_ore),
      line('collection_demand', r.collection_demand_count, r.collection_demand_price_ore),
    ],
    share: {
      basisPoints: asBigint(r.share_bp),
      base: asOre(r.share_base_ore),
      amount: asOre(r.share_ore),
    },
    fee,
    vat,
    gross,
    net: asOre(gross - fee - vat),
  };
}

function scheduleQueries(sql: Sql): Pick<OperatorFeeQueries, 'feeSchedule' | 'putFeeSchedule'> {
  return {
    async feeSchedule(tenantId, options = {}) {
      const rows = await sql.query(
        `SELECT * FROM operator_fee_schedule WHERE tenant_id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
        [tenantId],
      );
      const r = rows[0];
      if (r === undefined) return null;
      return {
        perInvoice: asOre(r.per_invoice_ore),
        perReminder: asOre(r.per_reminder_ore),
        perCollectionDemand: asOre(r.per_collection_demand_ore),
        collectedShareBasisPoints: asBigint(r.collected_share_bp),
        updatedAt: asInstant(r.updated_at),
      };
    },
    async putFeeSchedule(tenantId, s, now) {
      await sql.query(
        `INSERT INTO operator_fee_schedule (tenant_id, per_invoice_ore, per_reminder_ore,
           per_collection_demand_ore, collected_share_bp, fees_from, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (tenant_id) DO UPDATE SET per_invoice_ore = EXCLUDED.per_invoice_ore,
           per_reminder_ore = EXCLUDED.per_reminder_ore,
           per_collection_demand_ore = EXCLUDED.per_collection_demand_ore,
           collected_share_bp = EXCLUDED.collected_share_bp, updated_at = EXCLUDED.updated_at`,
        [
          tenantId,
          s.perInvoice,
          s.perReminder,
          s.perCollectionDemand,
          Number(s.collectedShareBasisPoints),
          now,
        ],
      );
    },
  };
}

/** The index predicate of document_fee_scan_idx (migration 0013), for FEE_DOCUMENT_KINDS. */
const FEE_DOCUMENTS = `d.kind IN (${FEE_DOCUMENT_KINDS.map((k) => `'${k}'`).join(', ')})
  AND d.replaces_document_id IS NULL`;
// Never before fees_from: documents from before the first schedule are never charged.
const SCAN_FROM = `SELECT greatest(fees_from, coalesce(scan_from, fees_from)) FROM operator_fee_schedule
   WHERE tenant_id = $1`;

function chargeQueries(sql: Sql): Omit<OperatorFeeQueries, 'feeSchedule' | 'putFeeSchedule'> {
  return {
    async unchargedFeeDocuments(tenantId, throughDate) {
      // Only documents created since scan_from (the partial index document_fee_scan_idx, whose
      // predicate FEE_DOCUMENTS repeats word for word so the planner can use it).
      const rows = await sql.query(
        `SELECT d.document_id, d.kind FROM document d
          WHERE d.tenant_id = $1 AND ${FEE_DOCUMENTS} AND d.document_date <= $2
            AND d.created_at >= (${SCAN_FROM})
            AND NOT EXISTS (SELECT 1 FROM operator_fee_item i
                             WHERE i.tenant_id = d.tenant_id AND i.document_id = d.document_id)
          ORDER BY d.document_date, d.created_at, d.document_id`,
        [tenantId, throughDate],
      );
      return rows.map((r) => ({
        documentId: String(r.document_id),
        kind: r.kind as FeeDocumentKind,
      }));
    },
    async advanceFeeScan(tenantId, now) {
      // The oldest document still uncharged (whatever its date), or an hour before now if that is
      // earlier or there is none: a document committed late by a transaction that was open while
      // this one read is still found, as long as that transaction took less than the hour (the
      // collection run commits per 1,000 invoices; a send is one short transaction).
      await sql.query(
        `UPDATE operator_fee_schedule SET scan_from = least($2::timestamptz - interval '1 hour', coalesce(
           (SELECT min(d.created_at) FROM document d
             WHERE d.tenant_id = $1 AND ${FEE_DOCUMENTS} AND d.created_at >= (${SCAN_FROM})
               AND NOT EXISTS (SELECT 1 FROM operator_fee_item i
                                WHERE i.tenant_id = d.tenant_id AND i.document_id = d.document_id)),
           $2::timestamptz - interval '1 hour'))
          WHERE tenant_id = $1`,
        [tenantId, now],
      );
    },
    async insertFeeCharge(tenantId, payoutId, c, documents) {
      const [invoice, reminder, demand] = c.documents;
      await sql.query(
        `INSERT INTO operator_fee_charge (tenant_id, payout_id, invoice_count, invoice_price_ore,
           reminder_count, reminder_price_ore, collection_demand_count, collection_demand_price_ore,
           share_bp, share_base_ore, share_ore, fee_ore, vat_ore, gross_ore)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          tenantId,
          payoutId,
          invoice!.count,
          invoice!.unitPrice,
          reminder!.count,
          reminder!.unitPrice,
          demand!.count,
          demand!.unitPrice,
          Number(c.share.basisPoints),
          c.share.base,
          c.share.amount,
          c.fee,
          c.vat,
          c.gross,
        ],
      );
      if (documents.length === 0) return;
      await sql.query(
        `INSERT INTO operator_fee_item (tenant_id, document_id, payout_id, kind, price_ore)
         SELECT $1, d.id, $2, d.kind, d.price
           FROM unnest($3::uuid[], $4::text[], $5::int8[]) AS d(id, kind, price)`,
        [
          tenantId,
          payoutId,
          documents.map((d) => d.documentId),
          documents.map((d) => d.kind),
          documents.map((d) => d.price.toString()),
        ],
      );
    },
    async feeChargeOfPayout(tenantId, payoutId) {
      const rows = await sql.query(
        'SELECT * FROM operator_fee_charge WHERE tenant_id = $1 AND payout_id = $2',
        [tenantId, payoutId],
      );
      return rows[0] === undefined ? null : toCharge(rows[0]);
    },
  };
}

export function operatorFeeQueries(sql: Sql): OperatorFeeQueries {
  return { ...scheduleQueries(sql), ...chargeQueries(sql) };
}
