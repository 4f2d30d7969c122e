/**
 * The batched import's queries and writes (SQL in payment-batch-sql.ts): a whole chunk of a bank
 * file per statement. Rows go to PostgreSQL as one JSON array each, unpacked with
 * jsonb_to_recordset (one native JSON.stringify; amounts as text, since JSON has no bigint).
 */
import type { TaskKind } from '../../application/records.ts';
import type { Row, Sql } from '../../application/ports.ts';
import type {
  PayableInvoice,
  PaymentBatchQueries,
  PaymentBatchWrites,
} from '../../application/payments/payment-store.ts';
import type { CaseRecord } from '../../application/collection/collection-store.ts';
import type { InvoiceRow } from '../../domain/invoicing/invoice-totals.ts';
import { assertValidEntry } from '../../domain/ledger/journal-entry.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import { toState } from './collection-state-columns.ts';
import { toCustomer } from './customer-store.ts';
import { toInvoice, toRow } from './invoice-store.ts';
import {
  CLAIM_BANK_REFERENCES,
  INVOICE_ROWS,
  INVOICES_BY_OCR,
  LOAD_CASES,
  LOCK_PAYABLE,
  TENANTS_BY_NUMBER,
  WRITE_BATCH,
} from './payment-batch-sql.ts';

/**
 * Values as JSON: amounts as text, and nothing at all for a null or a zero amount (the SQL reads
 * a missing key as NULL, and takes 0 or the column's default for it where that is meant), which
 * keeps the arrays to about half their size.
 */
const text = (v: bigint | null): string | undefined =>
  v === null || v === 0n ? undefined : v.toString();
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** One LOCK_PAYABLE row: the columns in the statement's order, amounts and numbers as text. */
type PayableJson = [
  string,
  string,
  string | null,
  PayableInvoice['status'],
  CalendarDate,
  CalendarDate | null,
  string,
  string,
  string,
  string,
  CalendarDate | null,
];

function toPayable(r: PayableJson): PayableInvoice {
  return {
    invoiceId: r[0],
    customerId: r[1],
    number: r[2] === null ? null : BigInt(r[2]),
    status: r[3],
    dueDate: r[4],
    nextActionDate: r[5],
    feesOpen: ore(BigInt(r[6])),
    interestOpen: ore(BigInt(r[7])),
    principalOpen: ore(BigInt(r[8])),
    paymentsApplied: ore(BigInt(r[9])),
    interestBookedThrough: r[10],
  };
}

type CaseJson = { invoice: Row; customer: Row; rows: Row[]; tasks: TaskKind[] };

function toCase(json: string): CaseRecord {
  const c = JSON.parse(json) as CaseJson;
  return {
    invoice: toInvoice(c.invoice, c.rows.map(toRow)),
    state: toState(c.invoice),
    customer: toCustomer(c.customer),
    openTasks: c.tasks,
  };
}

const paymentRows = (writes: PaymentBatchWrites) =>
  writes.payments.map((p) => ({
    tenant_id: p.tenantId,
    payment_id: p.paymentId,
    scope_id: p.scopeId,
    file_id: p.fileId,
    bank_reference: p.bankReference,
    kind: p.kind,
    amount_ore: text(p.amount),
    currency: p.currency,
    payment_date: p.paymentDate,
    refs: p.references,
    message: opt(p.message),
    payer: opt(p.payer),
    status: p.status,
    matched_by: opt(p.matchedBy),
    reverses_payment_id: opt(p.reversesPaymentId),
    created_at: p.createdAt,
    matched_at: opt(p.matchedAt),
  }));

const allocationRows = (writes: PaymentBatchWrites) =>
  writes.allocations.map((a) => ({
    tenant_id: a.tenantId,
    allocation_id: a.allocationId,
    payment_id: a.paymentId,
    invoice_id: a.invoiceId,
    customer_id: a.customerId,
    booking_date: a.bookingDate,
    fees_ore: text(a.paid.fees),
    interest_ore: text(a.paid.interest),
    principal_ore: text(a.paid.principal),
    overpaid_ore: text(a.overpaid),
    written_off_fees_ore: text(a.writtenOff.fees),
    written_off_interest_ore: text(a.writtenOff.interest),
    written_off_principal_ore: text(a.writtenOff.principal),
    reverses_allocation_id: opt(a.reversesAllocationId),
    reversed: a.reversed ? true : undefined,
    payout_id: opt(a.payoutId),
    created_at: a.createdAt,
  }));

const invoiceRows = (writes: PaymentBatchWrites) =>
  writes.invoices.map((i) => ({
    tenant_id: i.tenantId,
    invoice_id: i.invoiceId,
    status: i.status,
    fees_open_ore: text(i.feesOpen),
    interest_open_ore: text(i.interestOpen),
    principal_open_ore: text(i.principalOpen),
    payments_applied_ore: text(i.paymentsApplied),
    interest_booked_through: opt(i.interestBookedThrough),
    next_action_date: opt(i.nextActionDate),
    updated_at: i.updatedAt,
  }));

/** ord = the event's place among the statement's events of its invoice. */
const eventRows = (writes: PaymentBatchWrites) => {
  const order = new Map<string, number>();
  return writes.events.map((e) => {
    const key = `${e.tenantId}:${e.invoiceId}`;
    const ord = (order.get(key) ?? 0) + 1;
    order.set(key, ord);
    return {
      tenant_id: e.tenantId,
      invoice_id: e.invoiceId,
      ord,
      event_date: e.date,
      type: e.type,
      amount_ore: e.amount === null ? undefined : e.amount.toString(),
      document_id: opt(e.documentId),
      policy_version: opt(e.policyVersion),
      detail: opt(e.detail),
      created_at: e.createdAt,
    };
  });
};

/**
 * A cause twice in the batch is booked once, as postEntry's second call would book nothing. The
 * postings go as rows of their own, joined to the entries actually inserted.
 */
function entryRows(writes: PaymentBatchWrites) {
  const seen = new Set<string>();
  const entries: Record<string, unknown>[] = [];
  const postings: Record<string, unknown>[] = [];
  writes.entries.forEach((e, ord) => {
    assertValidEntry(e.entry);
    const key = `${e.tenantId}:${e.entry.causeKey}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({
      ord,
      tenant_id: e.tenantId,
      entry_id: e.entryId,
      code: e.entry.code,
      booking_date: e.entry.bookingDate,
      description: e.entry.description,
      cause_key: e.entry.causeKey,
      invoice_id: e.entry.invoiceId,
      reverses_entry_id: e.entry.reversesEntryId,
      created_at: e.createdAt,
      new_cause: e.newCause ? true : undefined,
    });
    e.entry.postings.forEach((p, i) =>
      postings.push({
        tenant_id: e.tenantId,
        entry_id: e.entryId,
        line_no: i + 1,
        debit: p.debitAccount,
        credit: p.creditAccount,
        amount: p.amount.toString(),
      }),
    );
  });
  return { entries, postings };
}

export function paymentBatchStore(sql: Sql): PaymentBatchQueries {
  return {
    async claimBankReferences(scopeId, fileId, claims) {
      if (claims.length === 0) return new Set();
      const rows = claims.map((c) => ({
        bank_reference: c.bankReference,
        payment_id: c.paymentId,
      }));
      const claimed = await sql.query(CLAIM_BANK_REFERENCES, [
        scopeId,
        fileId,
        JSON.stringify(rows),
      ]);
      return new Set(claimed.map((r) => String(r.bank_reference)));
    },
    async tenantIdsByNumber(tenantNumbers) {
      if (tenantNumbers.length === 0) return new Map();
      const rows = await sql.query(TENANTS_BY_NUMBER, [tenantNumbers.map(String)]);
      return new Map(rows.map((r) => [BigInt(String(r.tenant_number)), String(r.tenant_id)]));
    },
    async invoiceIdsByOcr(tenantId, ocrs) {
      if (ocrs.length === 0) return new Map();
      const rows = await sql.query(INVOICES_BY_OCR, [tenantId, ocrs]);
      return new Map(rows.map((r) => [String(r.ocr), String(r.invoice_id)]));
    },
    async lockPayableInvoices(tenantId, invoiceIds) {
      if (invoiceIds.length === 0) return [];
      const rows = await sql.query(LOCK_PAYABLE, [tenantId, invoiceIds]);
      return (JSON.parse(String(rows[0]!.j)) as PayableJson[]).map(toPayable);
    },
    async paymentCases(tenantId, invoiceIds) {
      if (invoiceIds.length === 0) return [];
      const rows = await sql.query(LOAD_CASES, [tenantId, invoiceIds]);
      return rows.map((r) => toCase(String(r.c)));
    },
    async invoiceRows(tenantId, invoiceIds) {
      const map = new Map<string, InvoiceRow[]>();
      if (invoiceIds.length === 0) return map;
      for (const r of await sql.query(INVOICE_ROWS, [tenantId, invoiceIds])) {
        const id = String(r.invoice_id);
        const list = map.get(id) ?? [];
        list.push(toRow(r));
        map.set(id, list);
      }
      return map;
    },
    prepareBatchWrite(writes) {
      if (writes.payments.length === 0) return async () => undefined;
      const { entries, postings } = entryRows(writes);
      const params = [
        JSON.stringify(paymentRows(writes)),
        JSON.stringify(allocationRows(writes)),
        JSON.stringify(invoiceRows(writes)),
        JSON.stringify(eventRows(writes)),
        JSON.stringify(entries),
        JSON.stringify(postings),
      ];
      return async () => {
        await sql.query(WRITE_BATCH, params);
      };
    },
  };
}
