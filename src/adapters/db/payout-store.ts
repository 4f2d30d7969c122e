/**
 * Payouts in SQL: which collected money is not yet paid out, the pain.001 files, each client's
 * payout, and the rows of its settlement report; the operator's fees (operator-fee-store.ts).
 * Part of the PaymentStore (payment-store.ts).
 */
import type { Row, Sql } from '../../application/ports.ts';
import type {
  PayoutFileRecord,
  PayoutQueries,
  PayoutRecord,
} from '../../application/payments/payment-store.ts';
import { OPERATOR_SCOPE } from '../../application/payments/payment-store.ts';
import { operatorFeeQueries } from './operator-fee-store.ts';
import { toAllocation } from './payment-rows.ts';
import { asBigint, asDate, asInstant, asOre } from './row-mapping.ts';

function toPayoutFile(r: Row): PayoutFileRecord {
  return {
    fileId: String(r.file_id),
    runDate: asDate(r.run_date),
    messageId: String(r.message_id),
    content: String(r.content),
    amount: asOre(r.amount_ore),
    payouts: Number(r.payouts),
    createdAt: asInstant(r.created_at),
  };
}

function toPayout(r: Row): PayoutRecord {
  return {
    payoutId: String(r.payout_id),
    tenantId: String(r.tenant_id),
    fileId: String(r.file_id),
    payoutDate: asDate(r.payout_date),
    amount: asOre(r.amount_ore),
    accountKind: r.account_kind as PayoutRecord['accountKind'],
    account: String(r.account),
    endToEndId: String(r.end_to_end_id),
    createdAt: asInstant(r.created_at),
  };
}

export function payoutQueries(sql: Sql): PayoutQueries {
  return {
    ...operatorFeeQueries(sql),
    async tenantsWithUnpaidFunds(throughDate) {
      // Reads the partial index of unpaid rows (tenant_id, booking_date): only money not yet
      // paid out is in it, so this stays small however long the history grows.
      const rows = await sql.query(
        `SELECT DISTINCT tenant_id FROM payment_allocation
          WHERE payout_id IS NULL AND booking_date <= $1 ORDER BY tenant_id`,
        [throughDate],
      );
      return rows.map((r) => String(r.tenant_id));
    },
    async unpaidAllocations(tenantId, throughDate) {
      const rows = await sql.query(
        `SELECT * FROM payment_allocation
          WHERE tenant_id = $1 AND payout_id IS NULL AND booking_date <= $2
          ORDER BY booking_date, created_at, allocation_id FOR UPDATE`,
        [tenantId, throughDate],
      );
      return rows.map(toAllocation);
    },
    async assignPayout(tenantId, allocationIds, payoutId) {
      await sql.query(
        `UPDATE payment_allocation SET payout_id = $3
          WHERE tenant_id = $1 AND allocation_id = ANY($2::uuid[]) AND payout_id IS NULL`,
        [tenantId, allocationIds, payoutId],
      );
    },
    async insertPayoutFile(f) {
      await sql.query(
        `INSERT INTO payout_file (scope_id, file_id, run_date, message_id, content, amount_ore, payouts, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          OPERATOR_SCOPE,
          f.fileId,
          f.runDate,
          f.messageId,
          f.content,
          f.amount,
          f.payouts,
          f.createdAt,
        ],
      );
    },
    async insertPayout(p) {
      await sql.query(
        `INSERT INTO payout (tenant_id, payout_id, file_id, payout_date, amount_ore, account_kind, account,
           end_to_end_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          p.tenantId,
          p.payoutId,
          p.fileId,
          p.payoutDate,
          p.amount,
          p.accountKind,
          p.account,
          p.endToEndId,
          p.createdAt,
        ],
      );
    },
    async payoutFile(fileId) {
      const rows = await sql.query(
        'SELECT * FROM payout_file WHERE scope_id = $1 AND file_id = $2',
        [OPERATOR_SCOPE, fileId],
      );
      return rows[0] === undefined ? null : toPayoutFile(rows[0]);
    },
    async payoutOfFile(tenantId, fileId) {
      const rows = await sql.query('SELECT * FROM payout WHERE tenant_id = $1 AND file_id = $2', [
        tenantId,
        fileId,
      ]);
      return rows[0] === undefined ? null : toPayout(rows[0]);
    },
    async settlementRows(tenantId, payoutId) {
      const rows = await sql.query(
        `SELECT a.*, i.number AS invoice_number, c.name AS customer_name
           FROM payment_allocation a
           JOIN invoice i ON i.tenant_id = a.tenant_id AND i.invoice_id = a.invoice_id
           JOIN customer c ON c.tenant_id = a.tenant_id AND c.customer_id = a.customer_id
          WHERE a.tenant_id = $1 AND a.payout_id = $2
          ORDER BY a.booking_date, i.number, a.created_at`,
        [tenantId, payoutId],
      );
      return rows.map((r) => ({
        ...toAllocation(r),
        invoiceNumber: r.invoice_number === null ? null : asBigint(r.invoice_number),
        customerName: String(r.customer_name),
      }));
    },
  };
}
