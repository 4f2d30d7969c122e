/**
 * Customer credit in SQL (migration 0007): the balance as Σ signed customer_credit rows, the
 * client's handling choice, refunds waiting for a payout, and claim recoveries.
 */
import type { Row, Sql } from '../../application/ports.ts';
import type {
  CreditHandling,
  CreditMovement,
  CustomerCreditStore,
  RefundRow,
} from '../../application/payments/customer-credit-store.ts';
import { ore } from '../../domain/money.ts';
import type { OpenAmounts } from '../../domain/payments/allocation.ts';
import { asDate, asInstant, asOre, asStringOrNull } from './row-mapping.ts';

function toMovement(r: Row): CreditMovement {
  return {
    creditId: String(r.credit_id),
    customerId: String(r.customer_id),
    kind: r.kind as CreditMovement['kind'],
    amount: asOre(r.amount_ore),
    bookingDate: asDate(r.booking_date),
    paymentId: asStringOrNull(r.payment_id),
    invoiceId: asStringOrNull(r.invoice_id),
    movementId: asStringOrNull(r.movement_id),
    createdAt: asInstant(r.created_at),
  };
}

function toRefund(r: Row): RefundRow {
  return {
    refundId: String(r.refund_id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    amount: asOre(r.amount_ore),
    accountKind: r.account_kind as RefundRow['accountKind'],
    account: String(r.account),
    bookingDate: asDate(r.booking_date),
    endToEndId: String(r.end_to_end_id),
    payoutId: asStringOrNull(r.payout_id),
    createdAt: asInstant(r.created_at),
  };
}

const toAmounts = (r: Row | undefined): OpenAmounts => ({
  fees: asOre(r?.fees_ore ?? 0n),
  interest: asOre(r?.interest_ore ?? 0n),
  principal: asOre(r?.principal_ore ?? 0n),
});

const REFUND_SELECT = `SELECT f.*, c.name AS customer_name FROM customer_refund f
  JOIN customer c ON c.tenant_id = f.tenant_id AND c.customer_id = f.customer_id`;

export function customerCreditStore(sql: Sql): CustomerCreditStore {
  return {
    async handling(tenantId) {
      const rows = await sql.query(
        'SELECT handling FROM customer_credit_setting WHERE tenant_id = $1',
        [tenantId],
      );
      return (rows[0]?.handling as CreditHandling | undefined) ?? 'apply';
    },
    async setHandling(tenantId, handling, now) {
      await sql.query(
        `INSERT INTO customer_credit_setting (tenant_id, handling, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET handling = $2, updated_at = $3`,
        [tenantId, handling, now],
      );
    },
    async lockCustomer(tenantId, customerId) {
      const rows = await sql.query(
        'SELECT 1 FROM customer WHERE tenant_id = $1 AND customer_id = $2 FOR UPDATE',
        [tenantId, customerId],
      );
      return rows.length > 0;
    },
    async balance(tenantId, customerId) {
      const rows = await sql.query(
        `SELECT COALESCE(SUM(amount_ore), 0)::int8 AS s FROM customer_credit
          WHERE tenant_id = $1 AND customer_id = $2`,
        [tenantId, customerId],
      );
      return asOre(rows[0]?.s ?? 0n);
    },
    async movements(tenantId, customerId) {
      const rows = await sql.query(
        `SELECT * FROM customer_credit WHERE tenant_id = $1 AND customer_id = $2
          ORDER BY booking_date, seq`,
        [tenantId, customerId],
      );
      return rows.map(toMovement);
    },
    async addMovement(tenantId, m) {
      await sql.query(
        `INSERT INTO customer_credit (tenant_id, credit_id, customer_id, payment_id, invoice_id,
           booking_date, amount_ore, created_at, kind, movement_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          tenantId,
          m.creditId,
          m.customerId,
          m.paymentId,
          m.invoiceId,
          m.bookingDate,
          m.amount,
          m.createdAt,
          m.kind,
          m.movementId,
        ],
      );
    },
    async openInvoiceIds(tenantId, customerId) {
      const rows = await sql.query(
        `SELECT invoice_id FROM invoice
          WHERE tenant_id = $1 AND customer_id = $2 AND status = 'sent'
            AND principal_open_ore + fees_open_ore + interest_open_ore > 0
          ORDER BY due_date, number, invoice_id`,
        [tenantId, customerId],
      );
      return rows.map((r) => String(r.invoice_id));
    },
    async insertRefund(tenantId, f) {
      await sql.query(
        `INSERT INTO customer_refund (tenant_id, refund_id, customer_id, amount_ore, account_kind,
           account, booking_date, end_to_end_id, payout_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          tenantId,
          f.refundId,
          f.customerId,
          f.amount,
          f.accountKind,
          f.account,
          f.bookingDate,
          f.endToEndId,
          f.payoutId,
          f.createdAt,
        ],
      );
    },
    async tenantsWithUnpaidRefunds(throughDate) {
      const rows = await sql.query(
        `SELECT DISTINCT tenant_id FROM customer_refund
          WHERE payout_id IS NULL AND booking_date <= $1 ORDER BY tenant_id`,
        [throughDate],
      );
      return rows.map((r) => String(r.tenant_id));
    },
    async unpaidRefunds(tenantId, throughDate) {
      const rows = await sql.query(
        `${REFUND_SELECT}
          WHERE f.tenant_id = $1 AND f.payout_id IS NULL AND f.booking_date <= $2
          ORDER BY f.booking_date, f.created_at, f.refund_id FOR UPDATE OF f`,
        [tenantId, throughDate],
      );
      return rows.map(toRefund);
    },
    async assignRefundPayout(tenantId, refundIds, payoutId) {
      await sql.query(
        `UPDATE customer_refund SET payout_id = $3
          WHERE tenant_id = $1 AND refund_id = ANY($2::uuid[]) AND payout_id IS NULL`,
        [tenantId, refundIds, payoutId],
      );
    },
    async refundsOfPayout(tenantId, payoutId) {
      const rows = await sql.query(
        `${REFUND_SELECT} WHERE f.tenant_id = $1 AND f.payout_id = $2
          ORDER BY f.booking_date, f.created_at, f.refund_id`,
        [tenantId, payoutId],
      );
      return rows.map(toRefund);
    },
    async refundsOfCustomer(tenantId, customerId) {
      const rows = await sql.query(
        `${REFUND_SELECT} WHERE f.tenant_id = $1 AND f.customer_id = $2
          ORDER BY f.booking_date, f.created_at, f.refund_id`,
        [tenantId, customerId],
      );
      return rows.map(toRefund);
    },
    async writtenOff(tenantId, invoiceId, accounts) {
      // A write-off debits bad debt / VAT / fee income / interest income against the
      // receivable; a deduction's reversal of a residual write-off swaps the same accounts.
      const rows = await sql.query(
        `SELECT CASE WHEN e.code = 'write_off' THEN p.debit_account ELSE p.credit_account END AS account,
                SUM(CASE WHEN e.code = 'write_off' THEN p.amount_ore ELSE -p.amount_ore END)::int8 AS s
           FROM journal_entry e
           JOIN posting p ON p.tenant_id = e.tenant_id AND p.entry_id = e.entry_id
          WHERE e.tenant_id = $1 AND e.invoice_id = $2
            AND (e.code = 'write_off' OR (e.code = 'payment_reversed' AND e.cause_key LIKE '%:write-off'))
          GROUP BY 1`,
        [tenantId, invoiceId],
      );
      let fees = 0n;
      let interest = 0n;
      let principal = 0n;
      for (const r of rows) {
        const amount = BigInt(String(r.s));
        if (r.account === accounts.feeIncome) fees += amount;
        else if (r.account === accounts.interestIncome) interest += amount;
        else principal += amount;
      }
      return { fees: ore(fees), interest: ore(interest), principal: ore(principal) };
    },
    async recovered(tenantId, invoiceId) {
      const rows = await sql.query(
        `SELECT COALESCE(SUM(fees_ore), 0)::int8 AS fees_ore,
                COALESCE(SUM(interest_ore), 0)::int8 AS interest_ore,
                COALESCE(SUM(principal_ore), 0)::int8 AS principal_ore
           FROM claim_recovery WHERE tenant_id = $1 AND invoice_id = $2`,
        [tenantId, invoiceId],
      );
      return toAmounts(rows[0]);
    },
    async recoveryOfAllocation(tenantId, allocationId) {
      const rows = await sql.query(
        'SELECT * FROM claim_recovery WHERE tenant_id = $1 AND allocation_id = $2',
        [tenantId, allocationId],
      );
      return rows[0] === undefined ? null : toAmounts(rows[0]);
    },
    async insertRecovery(tenantId, r) {
      await sql.query(
        `INSERT INTO claim_recovery (tenant_id, allocation_id, invoice_id, payment_id, booking_date,
           fees_ore, interest_ore, principal_ore, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          tenantId,
          r.allocationId,
          r.invoiceId,
          r.paymentId,
          r.bookingDate,
          r.amounts.fees,
          r.amounts.interest,
          r.amounts.principal,
          r.createdAt,
        ],
      );
    },
  };
}
