/**
 * What a batch of payments writes, gathered in file order, and the chain that writes the batches
 * one after another while the next is planned.
 */
import type { EntryToBook, EventToAdd } from '../collection/collection-store.ts';
import type { Stores } from '../stores.ts';
import type { InvoiceState } from './import-batch-state.ts';
import type {
  AllocationRecord,
  BatchEntry,
  OfTenant,
  PaidInvoiceUpdate,
  PaymentRecord,
} from './payment-store.ts';

export class BatchWrites {
  readonly payments: PaymentRecord[] = [];
  readonly allocations: OfTenant<AllocationRecord>[] = [];
  readonly events: OfTenant<EventToAdd>[] = [];
  readonly entries: BatchEntry[] = [];
  private readonly changed = new Set<InvoiceState>();

  /** newCause: the cause names the payment being booked (see BatchEntry). */
  entry(tenantId: string, entry: EntryToBook, newCause: boolean): void {
    this.entries.push({ ...entry, tenantId, newCause });
  }

  event(tenantId: string, event: EventToAdd): void {
    this.events.push({ ...event, tenantId });
  }

  /** Marks the invoice to be written back as its state stands when the batch is sealed. */
  touched(state: InvoiceState): void {
    this.changed.add(state);
  }

  get size(): number {
    return this.payments.length;
  }

  /**
   * Ends the batch: its statement is prepared now, with the invoices as they stand, and the
   * returned write sends it (once the writes before it are done: WriteChain).
   */
  seal(stores: Stores): () => Promise<void> {
    const invoices: PaidInvoiceUpdate[] = [...this.changed].map((s) => ({
      tenantId: s.tenantId,
      invoiceId: s.invoice.invoiceId,
      status: s.invoice.status,
      nextActionDate: s.invoice.nextActionDate,
      feesOpen: s.invoice.feesOpen,
      interestOpen: s.invoice.interestOpen,
      principalOpen: s.invoice.principalOpen,
      paymentsApplied: s.invoice.paymentsApplied,
      interestBookedThrough: s.invoice.interestBookedThrough,
      updatedAt: s.changedAt!,
    }));
    return stores.payments.prepareBatchWrite({
      payments: this.payments,
      allocations: this.allocations,
      invoices,
      events: this.events,
      entries: this.entries,
    });
  }
}

/**
 * Runs batch writes one after another, in the order they are added, while the import plans the
 * next batch: add() returns once the write before the one added is done, so at most one waits
 * while another runs. settle() waits for all; a failed write fails it (and every later one).
 */
export class WriteChain {
  private tail: Promise<void> = Promise.resolve();

  async add(write: () => Promise<void>): Promise<void> {
    const previous = this.tail;
    this.tail = previous.then(write);
    // Reported by settle() or the next add(); not an unhandled rejection meanwhile.
    this.tail.catch(() => undefined);
    await previous;
  }

  async settle(): Promise<void> {
    await this.tail;
  }
}
