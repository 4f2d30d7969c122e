/**
 * Payments in SQL: imported files, payments and their dedupe keys, allocations, customer credit,
 * and the lookups matching needs. Payouts are in payout-store.ts and the batched import's
 * statements in payment-batch-store.ts; the three make one PaymentStore.
 */
import type { Sql } from '../../application/ports.ts';
import type { PaymentStore } from '../../application/payments/payment-store.ts';
import { bankFileReader } from '../bank-files/read-bank-file.ts';
import { paymentBatchStore } from './payment-batch-store.ts';
import { toAllocation, toPayment } from './payment-rows.ts';
import { payoutQueries } from './payout-store.ts';
import {
  asBigint,
  asDate,
  asOre,
  asStringOrNull,
  decodeCursor,
  encodeCursor,
} from './row-mapping.ts';

/** A LIKE pattern matching the word anywhere, with LIKE's own wildcards escaped. */
const containsPattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function paymentStore(sql: Sql): PaymentStore {
  return {
    bankFiles: bankFileReader,
    ...payoutQueries(sql),
    ...paymentBatchStore(sql),
    async insertBankFile(f) {
      const rows = await sql.query(
        `INSERT INTO bank_file (scope_id, file_id, checksum, format, file_reference, test_file, imported_at,
           payments, matched, unmatched, skipped, amount_ore)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, 0, 0) ON CONFLICT (scope_id, checksum) DO NOTHING RETURNING 1`,
        [f.scopeId, f.fileId, f.checksum, f.format, f.fileReference, f.test, f.importedAt],
      );
      return rows.length > 0;
    },
    async setBankFileCounts(scopeId, fileId, c) {
      await sql.query(
        `UPDATE bank_file SET payments = $3, matched = $4, unmatched = $5, skipped = $6, amount_ore = $7
         WHERE scope_id = $1 AND file_id = $2`,
        [scopeId, fileId, c.payments, c.matched, c.unmatched, c.skipped, c.amount],
      );
    },
    async claimBankReference(scopeId, bankReference, paymentId, fileId) {
      const rows = await sql.query(
        `INSERT INTO payment_seen (scope_id, bank_reference, payment_id, file_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope_id, bank_reference) DO NOTHING RETURNING 1`,
        [scopeId, bankReference, paymentId, fileId],
      );
      return rows.length > 0;
    },
    async insertPayment(p) {
      await sql.query(
        `INSERT INTO payment (tenant_id, payment_id, scope_id, file_id, bank_reference, kind, amount_ore,
           currency, payment_date, refs, message, payer, status, matched_by, reverses_payment_id,
           created_at, matched_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
        [
          p.tenantId,
          p.paymentId,
          p.scopeId,
          p.fileId,
          p.bankReference,
          p.kind,
          p.amount,
          p.currency,
          p.paymentDate,
          JSON.stringify(p.references),
          p.message,
          p.payer === null ? null : JSON.stringify(p.payer),
          p.status,
          p.matchedBy,
          p.reversesPaymentId,
          p.createdAt,
          p.matchedAt,
        ],
      );
    },
    async get(tenantId, paymentId, options = {}) {
      const lock = options.forUpdate === true ? ' FOR UPDATE' : '';
      const rows = await sql.query(
        `SELECT * FROM payment WHERE tenant_id = $1 AND payment_id = $2${lock}`,
        [tenantId, paymentId],
      );
      return rows[0] === undefined ? null : toPayment(rows[0]);
    },
    async setStatus(tenantId, paymentId, change) {
      await sql.query(
        `UPDATE payment SET status = $3, matched_by = COALESCE($4, matched_by),
           matched_at = COALESCE($5, matched_at), reverses_payment_id = COALESCE($6, reverses_payment_id),
           tenant_id = COALESCE($7, tenant_id)
         WHERE tenant_id = $1 AND payment_id = $2`,
        [
          tenantId,
          paymentId,
          change.status,
          change.matchedBy ?? null,
          change.matchedAt ?? null,
          change.reversesPaymentId ?? null,
          change.moveTo ?? null,
        ],
      );
    },
    async list(tenantId, options) {
      const params: unknown[] = [tenantId, options.limit + 1];
      const where = ['tenant_id = $1'];
      if (options.unmatched) where.push("status = 'unmatched'");
      const after = decodeCursor(options.cursor);
      if (after !== null) {
        params.push(after[0], after[1]);
        where.push(`(created_at, payment_id) > ($3::timestamptz, $4::uuid)`);
      }
      const found = await sql.query(
        `SELECT * FROM payment WHERE ${where.join(' AND ')} ORDER BY created_at, payment_id LIMIT $2`,
        params,
      );
      const items = found.slice(0, options.limit).map(toPayment);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          found.length > options.limit && last
            ? encodeCursor([last.createdAt, last.paymentId])
            : null,
      };
    },
    async insertAllocation(tenantId, a) {
      await sql.query(
        `INSERT INTO payment_allocation (tenant_id, allocation_id, payment_id, invoice_id, customer_id,
           booking_date, fees_ore, interest_ore, principal_ore, overpaid_ore, written_off_fees_ore,
           written_off_interest_ore, written_off_principal_ore, reverses_allocation_id, reversed,
           payout_id, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
        [
          tenantId,
          a.allocationId,
          a.paymentId,
          a.invoiceId,
          a.customerId,
          a.bookingDate,
          a.paid.fees,
          a.paid.interest,
          a.paid.principal,
          a.overpaid,
          a.writtenOff.fees,
          a.writtenOff.interest,
          a.writtenOff.principal,
          a.reversesAllocationId,
          a.reversed,
          a.payoutId,
          a.createdAt,
        ],
      );
    },
    async allocations(tenantId, paymentId) {
      const rows = await sql.query(
        'SELECT * FROM payment_allocation WHERE tenant_id = $1 AND payment_id = $2 ORDER BY created_at, allocation_id',
        [tenantId, paymentId],
      );
      return rows.map(toAllocation);
    },
    async markAllocationReversed(tenantId, allocationId) {
      await sql.query(
        'UPDATE payment_allocation SET reversed = true WHERE tenant_id = $1 AND allocation_id = $2',
        [tenantId, allocationId],
      );
    },
    async findReversible(tenantId, invoiceId, amount) {
      const rows = await sql.query(
        `SELECT p.* FROM payment p
         WHERE p.tenant_id = $1 AND p.kind = 'payment' AND p.status = 'matched' AND p.amount_ore = $3
           AND EXISTS (SELECT 1 FROM payment_allocation a WHERE a.tenant_id = p.tenant_id
                         AND a.payment_id = p.payment_id AND a.invoice_id = $2 AND NOT a.reversed)
         ORDER BY p.payment_date DESC, p.created_at DESC LIMIT 1 FOR UPDATE OF p`,
        [tenantId, invoiceId, amount],
      );
      return rows[0] === undefined ? null : toPayment(rows[0]);
    },
    async addCustomerCredit(tenantId, c) {
      await sql.query(
        `INSERT INTO customer_credit (tenant_id, credit_id, customer_id, payment_id, invoice_id, booking_date,
           amount_ore, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [
          tenantId,
          c.creditId,
          c.customerId,
          c.paymentId,
          c.invoiceId,
          c.bookingDate,
          c.amount,
          c.createdAt,
        ],
      );
    },
    async customerCreditBalance(tenantId, customerId) {
      const rows = await sql.query(
        `SELECT COALESCE(SUM(amount_ore), 0)::int8 AS balance FROM customer_credit
         WHERE tenant_id = $1 AND customer_id = $2`,
        [tenantId, customerId],
      );
      return asOre(rows[0]!.balance);
    },
    async addPaymentsApplied(tenantId, invoiceId, delta) {
      await sql.query(
        `UPDATE invoice SET payments_applied_ore = payments_applied_ore + $3
         WHERE tenant_id = $1 AND invoice_id = $2`,
        [tenantId, invoiceId, delta],
      );
    },
    async invoiceIdByOcr(tenantId, ocr) {
      const rows = await sql.query(
        'SELECT invoice_id FROM invoice WHERE tenant_id = $1 AND ocr = $2',
        [tenantId, ocr],
      );
      return rows[0] === undefined ? null : String(rows[0].invoice_id);
    },
    async tenantIdByNumber(tenantNumber) {
      const rows = await sql.query('SELECT tenant_id FROM tenant WHERE tenant_number = $1', [
        tenantNumber,
      ]);
      return rows[0] === undefined ? null : String(rows[0].tenant_id);
    },
    async suggestionCandidates(tenantId, amount, nameWords) {
      const rows = await sql.query(
        `SELECT i.invoice_id, i.number, i.ocr, i.due_date, c.name,
                (i.principal_open_ore + i.fees_open_ore + i.interest_open_ore) AS owed
           FROM invoice i JOIN customer c ON c.tenant_id = i.tenant_id AND c.customer_id = i.customer_id
          WHERE i.tenant_id = $1 AND i.status = 'sent'
            AND (i.principal_open_ore + i.fees_open_ore + i.interest_open_ore = $2
                 OR lower(c.name) LIKE ANY ($3::text[]))
          ORDER BY i.due_date, i.invoice_id LIMIT 20`,
        [tenantId, amount, nameWords.map(containsPattern)],
      );
      return rows.map((r) => ({
        invoiceId: String(r.invoice_id),
        number: r.number === null ? null : asBigint(r.number),
        ocr: asStringOrNull(r.ocr),
        customerName: String(r.name),
        owed: asOre(r.owed),
        dueDate: asDate(r.due_date),
      }));
    },
  };
}
