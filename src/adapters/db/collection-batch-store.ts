/**
 * The daily run's bulk store: locks and loads a batch of due cases in one query, and writes each
 * kind of row for the whole batch with one statement fed one JSON array (SQL in
 * collection-batch-sql.ts).
 */
import type {
  CaseChange,
  CaseRecord,
  CollectionBatchStore,
  DocumentToQueue,
  EntryToBook,
  EventToAdd,
} from '../../application/collection/collection-store.ts';
import type { Row, Sql } from '../../application/ports.ts';
import type { TaskKind, TaskRecord } from '../../application/records.ts';
import { assertValidEntry } from '../../domain/ledger/journal-entry.ts';
import {
  ADD_EVENTS,
  DUE_IDS,
  LOCK_AND_LOAD,
  OPEN_TASKS,
  POST_ENTRIES,
  QUEUE_DOCUMENTS,
  RECORD_STEPS,
  UPDATE_CASES,
} from './collection-batch-sql.ts';
import { toState } from './collection-state-columns.ts';
import { toCustomer } from './customer-store.ts';
import { toInvoice, toRow } from './invoice-store.ts';

/**
 * Every task kind: the open-task lookup probes the unique (tenant, kind, invoice) index of open
 * tasks once per kind, instead of reading every open task of the client for each invoice.
 */
export const TASK_KINDS = Object.keys({
  email_bounced: 1,
  letter_returned: 1,
  delivery_failed: 1,
  delivery_unconfirmed: 1,
  complete_identity_number: 1,
  complete_registered_address: 1,
  decide_after_demand: 1,
} satisfies Record<TaskKind, 1>);

/**
 * A batch goes to PostgreSQL as one JSON array, unpacked with jsonb_to_recordset: one native
 * JSON.stringify (no replacer, which would take it off its fast path) instead of escaping every
 * array element. JSON has no bigint: the callers pass amounts as text, PostgreSQL casts them.
 */
const rowsJson = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

const text = (v: bigint | null): string | null => (v === null ? null : v.toString());

/** A case change as JSON: bigints as text. */
function changeJson(change: CaseChange): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(change)) out[k] = typeof v === 'bigint' ? v.toString() : v;
  return out;
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

const documentRows = (documents: readonly DocumentToQueue[]) =>
  documents.map((d) => ({
    document_id: d.documentId,
    invoice_id: d.invoiceId,
    kind: d.kind,
    channel: d.channel,
    document_date: d.documentDate,
    recipient: d.recipient,
    payload: d.payload,
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
  /** One statement for many rows; none at all for none. */
  const many = async (text: string, tenantId: string, rows: readonly Record<string, unknown>[]) =>
    rows.length === 0 ? [] : sql.query(text, [tenantId, rowsJson(rows)]);
  return {
    async allDueInvoiceIds(tenantId, date) {
      return (await sql.query(DUE_IDS, [tenantId, date])).map((r) => String(r.invoice_id));
    },
    async lockDueCases(tenantId, invoiceIds, date) {
      if (invoiceIds.length === 0) return [];
      const rows = await sql.query(LOCK_AND_LOAD, [tenantId, invoiceIds, date, TASK_KINDS]);
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
    async postEntries(tenantId, entries) {
      await many(POST_ENTRIES, tenantId, entryRows(entries));
    },
    async queueDocuments(tenantId, documents) {
      await many(QUEUE_DOCUMENTS, tenantId, documentRows(documents));
    },
    async openTasks(tenantId, tasks) {
      await many(OPEN_TASKS, tenantId, taskRows(tasks));
    },
    async updateCases(tenantId, updates) {
      const rows = updates.map((u) => ({
        invoice_id: u.invoiceId,
        change: changeJson(u.change),
        updated_at: u.updatedAt,
      }));
      await many(UPDATE_CASES, tenantId, rows);
    },
    async addEvents(tenantId, events) {
      await many(ADD_EVENTS, tenantId, eventRows(events));
    },
  };
}
