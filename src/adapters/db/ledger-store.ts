/** The ledger in SQL: journal entries with their postings, the trial balance. Append-only. */
import type { Sql } from '../../application/ports.ts';
import type { LedgerStore } from '../../application/stores.ts';
import {
  assertValidEntry,
  type EntryCode,
  type JournalEntryDraft,
  type Posting,
} from '../../domain/ledger/journal-entry.ts';
import { asBigint, asDate, asOre, asStringOrNull } from './row-mapping.ts';

export function ledgerStore(sql: Sql): LedgerStore {
  return {
    async post(tenantId, entry, meta) {
      assertValidEntry(entry);
      const inserted = await sql.query(
        `INSERT INTO journal_entry (tenant_id, entry_id, voucher_number, code, booking_date, description,
           cause_key, invoice_id, reverses_entry_id, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
         ON CONFLICT (tenant_id, cause_key) DO NOTHING RETURNING entry_id`,
        [
          tenantId,
          meta.entryId,
          meta.voucherNumber,
          entry.code,
          entry.bookingDate,
          entry.description,
          entry.causeKey,
          entry.invoiceId ?? null,
          entry.reversesEntryId ?? null,
          meta.createdAt,
        ],
      );
      if (inserted.length === 0) return null;
      const params: unknown[] = [tenantId, meta.entryId];
      const tuples = entry.postings.map((p, i) => {
        params.push(i + 1, p.debitAccount, p.creditAccount, p.amount);
        const b = params.length - 4;
        return `($1, $2, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4})`;
      });
      await sql.query(
        `INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore)
         VALUES ${tuples.join(', ')}`,
        params,
      );
      return { entryId: meta.entryId, voucherNumber: meta.voucherNumber };
    },
    async hasCause(tenantId, causeKey) {
      const rows = await sql.query(
        'SELECT 1 FROM journal_entry WHERE tenant_id = $1 AND cause_key = $2',
        [tenantId, causeKey],
      );
      return rows.length > 0;
    },
    async trialBalance(tenantId, throughDate) {
      const rows = await sql.query(
        `SELECT account, SUM(debit)::int8 AS debit, SUM(credit)::int8 AS credit FROM (
           SELECT p.debit_account AS account, p.amount_ore AS debit, 0::int8 AS credit
             FROM posting p JOIN journal_entry e USING (tenant_id, entry_id)
            WHERE p.tenant_id = $1 AND e.booking_date <= $2
           UNION ALL
           SELECT p.credit_account, 0::int8, p.amount_ore
             FROM posting p JOIN journal_entry e USING (tenant_id, entry_id)
            WHERE p.tenant_id = $1 AND e.booking_date <= $2
         ) movements GROUP BY account ORDER BY account`,
        [tenantId, throughDate],
      );
      return rows.map((r) => ({
        account: String(r.account),
        debit: asOre(r.debit),
        credit: asOre(r.credit),
      }));
    },
    async entries(tenantId, range) {
      const rows = await sql.query(
        `SELECT e.*, p.line_no, p.debit_account, p.credit_account, p.amount_ore
           FROM journal_entry e JOIN posting p USING (tenant_id, entry_id)
          WHERE e.tenant_id = $1 AND e.booking_date BETWEEN $2 AND $3
          ORDER BY e.voucher_number, p.line_no`,
        [tenantId, range.from, range.to],
      );
      const byId = new Map<
        string,
        JournalEntryDraft & { entryId: string; voucherNumber: bigint; postings: Posting[] }
      >();
      for (const r of rows) {
        const id = String(r.entry_id);
        let entry = byId.get(id);
        if (entry === undefined) {
          entry = {
            entryId: id,
            voucherNumber: asBigint(r.voucher_number),
            code: r.code as EntryCode,
            bookingDate: asDate(r.booking_date),
            description: String(r.description),
            causeKey: String(r.cause_key),
            invoiceId: asStringOrNull(r.invoice_id) ?? undefined,
            reversesEntryId: asStringOrNull(r.reverses_entry_id) ?? undefined,
            postings: [],
          };
          byId.set(id, entry);
        }
        entry.postings.push({
          debitAccount: String(r.debit_account),
          creditAccount: String(r.credit_account),
          amount: asOre(r.amount_ore),
        });
      }
      return [...byId.values()];
    },
  };
}
