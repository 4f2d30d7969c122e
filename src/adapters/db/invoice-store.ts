/** Invoices, their rows, timeline events and credit notes in SQL. */
import type { Row, Sql } from '../../application/ports.ts';
import type {
  CreditNoteRecord,
  InvoiceEventRecord,
  InvoiceRecord,
} from '../../application/records.ts';
import type { InvoiceChange, InvoiceStore } from '../../application/stores.ts';
import type { InvoiceRow, VatRate } from '../../domain/invoicing/invoice-totals.ts';
import {
  asBigint,
  asDate,
  asDateOrNull,
  asInstant,
  asOre,
  asStringOrNull,
  decodeCursor,
  encodeCursor,
} from './row-mapping.ts';

const CHANGE_COLUMNS: Record<keyof InvoiceChange, string> = {
  number: 'number',
  ocr: 'ocr',
  status: 'status',
  stage: 'stage',
  disputed: 'disputed',
  sentDate: 'sent_date',
  credited: 'credited_ore',
  principalOpen: 'principal_open_ore',
  feesOpen: 'fees_open_ore',
  interestOpen: 'interest_open_ore',
  nextActionDate: 'next_action_date',
};

export function toRow(r: Row): InvoiceRow {
  return {
    description: String(r.description),
    quantityMilli: asBigint(r.quantity_milli),
    unit: asStringOrNull(r.unit) ?? undefined,
    unitPrice: asOre(r.unit_price_ore),
    vatRate: Number(r.vat_rate) as VatRate,
    net: asOre(r.net_ore),
  };
}

export function toInvoice(r: Row, rows: readonly InvoiceRow[]): InvoiceRecord {
  return {
    invoiceId: String(r.invoice_id),
    customerId: String(r.customer_id),
    number: r.number === null ? null : asBigint(r.number),
    ocr: asStringOrNull(r.ocr),
    status: r.status as InvoiceRecord['status'],
    stage: r.stage as InvoiceRecord['stage'],
    disputed: Boolean(r.disputed),
    invoiceDate: asDate(r.invoice_date),
    dueDate: asDate(r.due_date),
    sentDate: asDateOrNull(r.sent_date),
    deliveryMethod: r.delivery_method as InvoiceRecord['deliveryMethod'],
    language: r.language as InvoiceRecord['language'],
    yourReference: asStringOrNull(r.your_reference),
    ourReference: asStringOrNull(r.our_reference),
    customerEmailAtCreation: asStringOrNull(r.customer_email_at_creation),
    net: asOre(r.net_ore),
    vat: asOre(r.vat_ore),
    total: asOre(r.total_ore),
    credited: asOre(r.credited_ore),
    principalOpen: asOre(r.principal_open_ore),
    feesOpen: asOre(r.fees_open_ore),
    interestOpen: asOre(r.interest_open_ore),
    nextActionDate: asDateOrNull(r.next_action_date),
    createdAt: asInstant(r.created_at),
    updatedAt: asInstant(r.updated_at),
    rows,
  };
}

async function insertRows(
  sql: Sql,
  table: 'invoice_row' | 'credit_note_row',
  idColumn: string,
  tenantId: string,
  id: string,
  rows: readonly InvoiceRow[],
) {
  const params: unknown[] = [tenantId, id];
  const tuples = rows.map((row, i) => {
    params.push(
      i + 1,
      row.description,
      row.quantityMilli,
      row.unit ?? null,
      row.unitPrice,
      row.vatRate,
      row.net,
    );
    const b = params.length - 7;
    return `($1, $2, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  await sql.query(
    `INSERT INTO ${table} (tenant_id, ${idColumn}, row_no, description, quantity_milli, unit, unit_price_ore, vat_rate, net_ore)
     VALUES ${tuples.join(', ')}`,
    params,
  );
}

async function rowsByInvoice(
  sql: Sql,
  tenantId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, InvoiceRow[]>> {
  const map = new Map<string, InvoiceRow[]>();
  if (invoiceIds.length === 0) return map;
  const rows = await sql.query(
    'SELECT * FROM invoice_row WHERE tenant_id = $1 AND invoice_id = ANY($2::uuid[]) ORDER BY invoice_id, row_no',
    [tenantId, invoiceIds],
  );
  for (const r of rows) {
    const list = map.get(String(r.invoice_id)) ?? [];
    list.push(toRow(r));
    map.set(String(r.invoice_id), list);
  }
  return map;
}

export function invoiceStore(sql: Sql): InvoiceStore {
  return {
    async insert(tenantId, inv) {
      await sql.query(
        `INSERT INTO invoice (tenant_id, invoice_id, customer_id, number, ocr, status, stage, disputed,
           invoice_date, due_date, sent_date, delivery_method, language, your_reference, our_reference,
           customer_email_at_creation, net_ore, vat_ore, total_ore, credited_ore, principal_open_ore,
           fees_open_ore, interest_open_ore, next_action_date, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26)`,
        [
          tenantId,
          inv.invoiceId,
          inv.customerId,
          inv.number,
          inv.ocr,
          inv.status,
          inv.stage,
          inv.disputed,
          inv.invoiceDate,
          inv.dueDate,
          inv.sentDate,
          inv.deliveryMethod,
          inv.language,
          inv.yourReference,
          inv.ourReference,
          inv.customerEmailAtCreation,
          inv.net,
          inv.vat,
          inv.total,
          inv.credited,
          inv.principalOpen,
          inv.feesOpen,
          inv.interestOpen,
          inv.nextActionDate,
          inv.createdAt,
          inv.updatedAt,
        ],
      );
      await insertRows(sql, 'invoice_row', 'invoice_id', tenantId, inv.invoiceId, inv.rows);
    },
    async get(tenantId, invoiceId, options = {}) {
      const lock = options.forUpdate === true ? ' FOR UPDATE' : '';
      const found = await sql.query(
        `SELECT * FROM invoice WHERE tenant_id = $1 AND invoice_id = $2${lock}`,
        [tenantId, invoiceId],
      );
      if (found[0] === undefined) return null;
      const rows = await rowsByInvoice(sql, tenantId, [invoiceId]);
      return toInvoice(found[0], rows.get(invoiceId) ?? []);
    },
    async update(tenantId, invoiceId, change, updatedAt) {
      const sets: string[] = [];
      const params: unknown[] = [tenantId, invoiceId, updatedAt];
      for (const [key, value] of Object.entries(change)) {
        params.push(value);
        sets.push(`${CHANGE_COLUMNS[key as keyof InvoiceChange]} = $${params.length}`);
      }
      await sql.query(
        `UPDATE invoice SET ${[...sets, 'updated_at = $3'].join(', ')} WHERE tenant_id = $1 AND invoice_id = $2`,
        params,
      );
    },
    async list(tenantId, filter) {
      const params: unknown[] = [tenantId, filter.limit + 1];
      const where = ['tenant_id = $1'];
      const add = (clause: (n: number) => string, value: unknown) => {
        params.push(value);
        where.push(clause(params.length));
      };
      if (filter.status !== undefined) add((n) => `status = $${n}`, filter.status);
      if (filter.stage !== undefined) add((n) => `stage = $${n}`, filter.stage);
      if (filter.customerId !== undefined) add((n) => `customer_id = $${n}`, filter.customerId);
      if (filter.overdueOn !== undefined)
        add((n) => `status = 'sent' AND due_date < $${n}`, filter.overdueOn);
      const after = decodeCursor(filter.cursor);
      if (after !== null) {
        params.push(after[0], after[1]);
        where.push(
          `(created_at, invoice_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
        );
      }
      const found = await sql.query(
        `SELECT * FROM invoice WHERE ${where.join(' AND ')} ORDER BY created_at, invoice_id LIMIT $2`,
        params,
      );
      const page = found.slice(0, filter.limit);
      const rows = await rowsByInvoice(
        sql,
        tenantId,
        page.map((r) => String(r.invoice_id)),
      );
      const items = page.map((r) => toInvoice(r, rows.get(String(r.invoice_id)) ?? []));
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          found.length > filter.limit && last
            ? encodeCursor([last.createdAt, last.invoiceId])
            : null,
      };
    },
    async addEvent(tenantId, invoiceId, e, createdAt) {
      // seq = max + 1 is safe only one writer at a time: take the invoice's row lock first
      // (callers that change the invoice hold it already; the dispatcher's notes do not).
      await sql.query('SELECT 1 FROM invoice WHERE tenant_id = $1 AND invoice_id = $2 FOR UPDATE', [
        tenantId,
        invoiceId,
      ]);
      await sql.query(
        `INSERT INTO invoice_event (tenant_id, invoice_id, seq, event_date, type, amount_ore, document_id,
           policy_version, detail, created_at)
         SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6, $7, $8, $9
         FROM invoice_event WHERE tenant_id = $1 AND invoice_id = $2`,
        [
          tenantId,
          invoiceId,
          e.date,
          e.type,
          e.amount,
          e.documentId,
          e.policyVersion,
          e.detail === null ? null : JSON.stringify(e.detail),
          createdAt,
        ],
      );
    },
    async events(tenantId, invoiceId) {
      const rows = await sql.query(
        'SELECT * FROM invoice_event WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY seq',
        [tenantId, invoiceId],
      );
      return rows.map((r): InvoiceEventRecord => ({
        seq: Number(r.seq),
        date: asDate(r.event_date),
        type: String(r.type),
        amount: r.amount_ore === null ? null : asOre(r.amount_ore),
        documentId: asStringOrNull(r.document_id),
        policyVersion: r.policy_version === null ? null : Number(r.policy_version),
        detail: (r.detail ?? null) as Record<string, unknown> | null,
      }));
    },
    async insertCreditNote(tenantId, note) {
      await sql.query(
        `INSERT INTO credit_note (tenant_id, credit_note_id, invoice_id, number, credit_date, net_ore, vat_ore,
           total_ore, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [
          tenantId,
          note.creditNoteId,
          note.invoiceId,
          note.number,
          note.creditDate,
          note.net,
          note.vat,
          note.total,
          note.createdAt,
        ],
      );
      await insertRows(
        sql,
        'credit_note_row',
        'credit_note_id',
        tenantId,
        note.creditNoteId,
        note.rows,
      );
    },
    async creditNotes(tenantId, invoiceId) {
      const notes = await sql.query(
        'SELECT * FROM credit_note WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY number',
        [tenantId, invoiceId],
      );
      const result: CreditNoteRecord[] = [];
      for (const n of notes) {
        const rows = await sql.query(
          'SELECT * FROM credit_note_row WHERE tenant_id = $1 AND credit_note_id = $2 ORDER BY row_no',
          [tenantId, n.credit_note_id],
        );
        result.push({
          creditNoteId: String(n.credit_note_id),
          invoiceId: String(n.invoice_id),
          number: asBigint(n.number),
          creditDate: asDate(n.credit_date),
          net: asOre(n.net_ore),
          vat: asOre(n.vat_ore),
          total: asOre(n.total_ore),
          createdAt: asInstant(n.created_at),
          rows: rows.map(toRow),
        });
      }
      return result;
    },
    async openReceivables(tenantId) {
      const rows = await sql.query(
        `SELECT COALESCE(SUM(principal_open_ore + fees_open_ore + interest_open_ore), 0)::int8 AS open
         FROM invoice WHERE tenant_id = $1 AND status <> 'draft'`,
        [tenantId],
      );
      return asOre(rows[0]!.open);
    },
  };
}
