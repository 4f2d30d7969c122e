/**
 * The daily run's bulk store: locks and loads a batch of due cases in one query, records their
 * steps in another, and writes everything else the steps change in a third, each kind of row fed
 * one JSON array (SQL in collection-batch-sql.ts).
 */
import type {
  CaseChange,
  CaseRecord,
  CaseUpdate,
  CollectionBatchStore,
  DocumentToQueue,
  EntryToBook,
  EventToAdd,
} from '../../application/collection/collection-store.ts';
import type { Row, Sql } from '../../application/ports.ts';
import type { TaskKind, TaskRecord } from '../../application/records.ts';
import { assertValidEntry } from '../../domain/ledger/journal-entry.ts';
import {
  DUE_IDS,
  LOCK_AND_LOAD,
  RECORD_STEPS,
  STATE_KEYS,
  WRITE_STEPS,
} from './collection-batch-sql.ts';
import { STATE_COLUMNS, toState } from './collection-state-columns.ts';
import { toCustomer } from './customer-store.ts';
import { toInvoice, toRow } from './invoice-store.ts';

/**
 * A batch goes to PostgreSQL as one JSON array, unpacked with jsonb_to_recordset: one native
 * JSON.stringify (no replacer, which would take it off its fast path) instead of escaping every
 * array element. JSON has no bigint: the callers pass amounts as text, PostgreSQL casts them.
 */
const rowsJson = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

const text = (v: bigint | null): string | null => (v === null ? null : v.toString());

const BIT = new Map(STATE_KEYS.map((k, bit) => [k, 1 << bit]));

/** A case update as WRITE_STEPS reads it: the changed columns by SQL name (bigints as text). */
function updateRow(u: CaseUpdate): Record<string, unknown> {
  const row: Record<string, unknown> = { invoice_id: u.invoiceId, m: 0, updated_at: u.updatedAt };
  let m = 0;
  for (const k in u.change) {
    const v = u.change[k as keyof CaseChange];
    row[STATE_COLUMNS[k as keyof CaseChange].name] = typeof v === 'bigint' ? v.toString() : v;
    m |= BIT.get(k as keyof CaseChange)!;
  }
  row.m = m;
  return row;
}

type CaseJson = { invoice: Row; customer: Row; rows: Row[]; tasks: TaskKind[] };

function toCase(text: string): CaseRecord {
  const c = JSON.parse(text) as CaseJson;
  return {
    invoice: toInvoice(c.invoice, c.rows.map(toRow)),
    state: toState(c.invoice),
    customer: toCustomer(c.customer),
    openTasks: c.tasks,
  };
}

const entryRows = (entries: readonly EntryToBook[]) => {
  const seen = new Set<string>();
  return entries.flatMap((e, ord) => {
    assertValidEntry(e.entry);
    if (seen.has(e.entry.causeKey)) return [];
    seen.add(e.entry.causeKey);
    const postings = e.entry.postings.map((p) => ({
      debit: p.debitAccount,
      credit: p.creditAccount,
      amount: p.amount.toString(),
    }));
    return [
      {
        ord,
        entry_id: e.entryId,
        code: e.entry.code,
        booking_date: e.entry.bookingDate,
        description: e.entry.description,
        cause_key: e.entry.causeKey,
        invoice_id: e.entry.invoiceId ?? null,
        reverses_entry_id: e.entry.reversesEntryId ?? null,
        created_at: e.createdAt,
        postings,
      },
    ];
  });
};

/** The documents' columns without their payloads (those go as an array of their own). */
const documentRows = (documents: readonly DocumentToQueue[]) =>
  documents.map((d) => ({
    document_id: d.documentId,
    invoice_id: d.invoiceId,
    kind: d.kind,
    channel: d.channel,
    document_date: d.documentDate,
    recipient: d.recipient,
    replaces_document_id: d.replacesDocumentId,
    created_at: d.createdAt,
  }));

const taskRows = (tasks: readonly TaskRecord[]) =>
  tasks.map((t) => ({
    task_id: t.taskId,
    kind: t.kind,
    invoice_id: t.invoiceId,
    document_id: t.documentId,
    detail: t.detail,
    created_at: t.createdAt,
  }));

const eventRows = (events: readonly EventToAdd[]) => {
  const order = new Map<string, number>();
  return events.map((e) => {
    const ord = (order.get(e.invoiceId) ?? 0) + 1;
    order.set(e.invoiceId, ord);
    return {
      invoice_id: e.invoiceId,
      ord,
      event_date: e.date,
      type: e.type,
      amount_ore: text(e.amount),
      document_id: e.documentId,
      policy_version: e.policyVersion,
      detail: e.detail,
      created_at: e.createdAt,
    };
  });
};

export function collectionBatchStore(sql: Sql): CollectionBatchStore {
  return {
    async allDueInvoiceIds(tenantId, date) {
      return (await sql.query(DUE_IDS, [tenantId, date])).map((r) => String(r.invoice_id));
    },
    async lockDueCases(tenantId, invoiceIds, date) {
      if (invoiceIds.length === 0) return [];
      const rows = await sql.query(LOCK_AND_LOAD, [tenantId, invoiceIds, date]);
      return rows.map((r) => toCase(String(r.c)));
    },
    async recordSteps(tenantId, steps, runDate, policyVersion) {
      if (steps.length === 0) return new Set();
      const rows = steps.map((x) => ({
        invoice_id: x.invoiceId,
        step: x.step,
        created_at: x.createdAt,
      }));
      const inserted = await sql.query(RECORD_STEPS, [
        tenantId,
        rowsJson(rows),
        runDate,
        policyVersion,
      ]);
      return new Set(inserted.map((r) => String(r.invoice_id)));
    },
    async writeSteps(tenantId, w) {
      if ([w.documents, w.tasks, w.updates, w.events, w.entries].every((x) => x.length === 0))
        return;
      await sql.query(WRITE_STEPS, [
        tenantId,
        rowsJson(documentRows(w.documents)),
        JSON.stringify(w.documents.map((d) => d.payload)),
        rowsJson(taskRows(w.tasks)),
        rowsJson(w.updates.map(updateRow)),
        rowsJson(eventRows(w.events)),
        rowsJson(entryRows(w.entries)),
      ]);
    },
  };
}
