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

function chargeQueries(sql: Sql): Omit<OperatorFeeQueries, 'feeSchedule' | 'putFeeSchedule'> {
  return {
    async unchargedFeeDocuments(tenantId, throughDate) {
      // Reads the client's documents through the primary key's tenant prefix: document gets no
      // index for this (the collection run writes it in bulk); see docs/payments.md.
      const rows = await sql.query(
        `SELECT d.document_id, d.kind FROM document d
           JOIN operator_fee_schedule s ON s.tenant_id = d.tenant_id
          WHERE d.tenant_id = $1 AND d.kind = ANY($2::text[]) AND d.document_date <= $3
            AND d.replaces_document_id IS NULL AND d.created_at >= s.fees_from
            AND NOT EXISTS (SELECT 1 FROM operator_fee_item i
                             WHERE i.tenant_id = d.tenant_id AND i.document_id = d.document_id)
          ORDER BY d.document_date, d.created_at, d.document_id`,
        [tenantId, FEE_DOCUMENT_KINDS, throughDate],
      );
      return rows.map((r) => ({
        documentId: String(r.document_id),
        kind: r.kind as FeeDocumentKind,
      }));
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
