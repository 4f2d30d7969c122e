/**
 * The invoices a run of batched payments books on, held in memory: locked and loaded in one
 * statement per client, then changed payment by payment in file order, so that a second payment
 * on an invoice sees what the first left (as it would read it back one payment after another).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { InvoiceRow } from '../../domain/invoicing/invoice-totals.ts';
import type { CaseRecord, CollectionStore } from '../collection/collection-store.ts';
import type { InvoiceStore, Stores } from '../stores.ts';
import type { PayableInvoice, PaymentStore } from './payment-store.ts';

export type InvoiceState = {
  readonly tenantId: string;
  /** As locked, then as the payments booked so far left it. */
  invoice: PayableInvoice;
  /**
   * The case (customer, rows, open tasks) as loaded, for an invoice overdue at the date of a
   * payment on it: interest may have to be booked first. Null otherwise: interest never starts
   * before the day after the due date (räntelagen 2 §, interestStartDate), so an invoice paid by
   * its due date has none to book and its case is not read.
   */
  readonly loadedCase: CaseRecord | null;
  /**
   * The invoice's rows (for the VAT lines of a write-off), read for clients that write off
   * residuals (writeOffBelow > 0); else null, as for a case loaded (which has them).
   */
  readonly rows: readonly InvoiceRow[] | null;
  /** When a payment last changed it; null while unchanged (nothing to write back). */
  changedAt: string | null;
};

export type InvoiceStates = Map<string, InvoiceState>;

export const stateKey = (tenantId: string, invoiceId: string) => `${tenantId} ${invoiceId}`;

/** What one payment asks for: the invoices it will be booked on, and its date. */
export type Wanted = {
  readonly tenantId: string;
  readonly invoiceIds: readonly string[];
  readonly paymentDate: CalendarDate;
};

type Dates = Map<string, Map<string, CalendarDate>>;

/** Per client, per invoice: the latest date of a payment on it. */
function latestDates(wanted: readonly Wanted[], only?: ReadonlySet<string>): Dates {
  const latest: Dates = new Map();
  for (const w of wanted) {
    for (const id of w.invoiceIds) {
      if (only !== undefined && !only.has(stateKey(w.tenantId, id))) continue;
      const dates = latest.get(w.tenantId) ?? new Map<string, CalendarDate>();
      latest.set(w.tenantId, dates);
      const known = dates.get(id);
      if (known === undefined || known < w.paymentDate) dates.set(id, w.paymentDate);
    }
  }
  return latest;
}

/**
 * Locks the invoices (one statement per client, clients in id order, invoices in id order within
 * each) and loads the cases of those overdue at the latest date of a payment on them.
 */
async function lockAndLoad(
  stores: Stores,
  latest: Dates,
  writesOff: ReadonlySet<string>,
  into: InvoiceStates,
): Promise<void> {
  for (const tenantId of [...latest.keys()].sort()) {
    const dates = latest.get(tenantId)!;
    const ids = [...dates.keys()];
    const locked = await stores.payments.lockPayableInvoices(tenantId, ids);
    const overdue = locked.filter(
      (i) => i.status === 'sent' && i.dueDate < dates.get(i.invoiceId)!,
    );
    const cases = await stores.payments.paymentCases(
      tenantId,
      overdue.map((i) => i.invoiceId),
    );
    const caseOf = new Map(cases.map((c) => [c.invoice.invoiceId, c]));
    const rows = writesOff.has(tenantId)
      ? await stores.payments.invoiceRows(
          tenantId,
          ids.filter((id) => !caseOf.has(id)),
        )
      : new Map<string, InvoiceRow[]>();
    for (const invoice of locked) {
      const loadedCase = caseOf.get(invoice.invoiceId) ?? null;
      into.set(stateKey(tenantId, invoice.invoiceId), {
        tenantId,
        invoice,
        loadedCase,
        rows: loadedCase?.invoice.rows ?? rows.get(invoice.invoiceId) ?? null,
        changedAt: null,
      });
    }
  }
}

/**
 * The states of every invoice `wanted` names, locked and loaded; with their rows for the clients
 * in `writesOff`.
 */
export async function loadStates(
  stores: Stores,
  wanted: readonly Wanted[],
  writesOff: ReadonlySet<string>,
): Promise<InvoiceStates> {
  const states: InvoiceStates = new Map();
  await lockAndLoad(stores, latestDates(wanted), writesOff, states);
  return states;
}

/** Reads again the states of the `touched` invoices (keys) that `wanted` still names. */
export async function reloadStates(
  stores: Stores,
  states: InvoiceStates,
  wanted: readonly Wanted[],
  writesOff: ReadonlySet<string>,
  touched: ReadonlySet<string>,
): Promise<void> {
  if (touched.size === 0) return;
  await lockAndLoad(stores, latestDates(wanted, touched), writesOff, states);
}

/** The rows of an invoice a payment writes off a residual of. */
export function rowsOf(s: InvoiceState): readonly InvoiceRow[] {
  if (s.rows === null) throw new Error(`rows of invoice ${s.invoice.invoiceId} not read`);
  return s.rows;
}

/**
 * Stores that note (as state keys) every invoice the per-payment code reads, locks or changes.
 * Every change to an invoice takes its lock first (invoices.get forUpdate, stores.ts), so these
 * are all the invoices whose state in memory it can have made stale.
 */
export function noting(stores: Stores, touched: Set<string>): Stores {
  const note = (tenantId: string, invoiceId: string) => touched.add(stateKey(tenantId, invoiceId));
  const invoices: InvoiceStore = Object.assign(Object.create(stores.invoices) as InvoiceStore, {
    get: ((tenantId, invoiceId, options) => {
      note(tenantId, invoiceId);
      return stores.invoices.get(tenantId, invoiceId, options);
    }) satisfies InvoiceStore['get'],
    update: ((tenantId, invoiceId, change, updatedAt) => {
      note(tenantId, invoiceId);
      return stores.invoices.update(tenantId, invoiceId, change, updatedAt);
    }) satisfies InvoiceStore['update'],
  });
  const collection: CollectionStore = Object.assign(
    Object.create(stores.collection) as CollectionStore,
    {
      loadCase: ((tenantId, invoiceId, options) => {
        note(tenantId, invoiceId);
        return stores.collection.loadCase(tenantId, invoiceId, options);
      }) satisfies CollectionStore['loadCase'],
      updateCase: ((tenantId, invoiceId, change, updatedAt) => {
        note(tenantId, invoiceId);
        return stores.collection.updateCase(tenantId, invoiceId, change, updatedAt);
      }) satisfies CollectionStore['updateCase'],
    },
  );
  const payments: PaymentStore = Object.assign(Object.create(stores.payments) as PaymentStore, {
    addPaymentsApplied: ((tenantId, invoiceId, delta) => {
      note(tenantId, invoiceId);
      return stores.payments.addPaymentsApplied(tenantId, invoiceId, delta);
    }) satisfies PaymentStore['addPaymentsApplied'],
  });
  return { ...stores, invoices, collection, payments };
}

/**
 * The case as open-amounts.ts would load it now: as loaded, with what the payments booked so far
 * changed (status, open amounts, interest booked through, payments applied).
 */
export function currentCase(s: InvoiceState): CaseRecord | null {
  const c = s.loadedCase;
  if (c === null) return null;
  const i = s.invoice;
  return {
    ...c,
    invoice: {
      ...c.invoice,
      status: i.status,
      feesOpen: i.feesOpen,
      interestOpen: i.interestOpen,
      principalOpen: i.principalOpen,
      nextActionDate: i.nextActionDate,
    },
    state: {
      ...c.state,
      interestBookedThrough: i.interestBookedThrough,
      paymentsApplied: i.paymentsApplied,
    },
  };
}
