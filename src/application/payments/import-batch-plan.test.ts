import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { defaultPolicy } from '../../domain/collection/policy.ts';
import { BUILT_IN_REFERENCE_RATES } from '../../domain/interest/reference-rate.ts';
import { defaultAccountMap } from '../../domain/ledger/chart-of-accounts.ts';
import { ore } from '../../domain/money.ts';
import type { TenantRecord } from '../records.ts';
import { bookInBatch, type ClientTerms } from './import-batch-plan.ts';
import type { InvoiceState } from './import-batch-state.ts';
import { BatchWrites } from './import-batch-writes.ts';

let n = 0;
const ctx = {
  ids: { newId: () => `id-${(n += 1)}` },
  clock: { now: () => '2026-05-29T06:00:00.000Z', today: () => calendarDate('2026-05-29') },
};
const terms = (writeOffBelow = 0n): ClientTerms => ({
  tenant: { tenantId: 't1' } as TenantRecord,
  accounts: defaultAccountMap,
  writeOffBelow: ore(writeOffBelow),
  policy: defaultPolicy,
  rates: BUILT_IN_REFERENCE_RATES,
});
const state = (principal: bigint, status: 'sent' | 'paid' = 'sent'): InvoiceState => ({
  tenantId: 't1',
  invoice: {
    invoiceId: `inv-${(n += 1)}`,
    customerId: 'c1',
    number: 7n,
    status,
    dueDate: calendarDate('2026-06-10'),
    nextActionDate: calendarDate('2026-06-12'),
    feesOpen: ore(0n),
    interestOpen: ore(0n),
    principalOpen: ore(principal),
    paymentsApplied: ore(0n),
    interestBookedThrough: null,
  },
  loadedCase: null,
  // One row of 800 kr + 25 % VAT: what a write-off splits its capital by.
  rows: [
    {
      description: 'Arbete',
      quantityMilli: 1000n,
      unitPrice: ore(80_000n),
      vatRate: 25,
      net: ore(80_000n),
    },
  ],
  changedAt: null,
});
const payment = (amount: bigint) => ({
  paymentId: `pay-${(n += 1)}`,
  amount: ore(amount),
  paymentDate: calendarDate('2026-05-29'),
  bankReference: `ref-${n}`,
});

describe('bookInBatch', () => {
  it('settles an invoice: entry, allocation, event, and the invoice paid out of the flow', () => {
    const s = state(100_000n);
    const writes = new BatchWrites();
    expect(bookInBatch(ctx, terms(), payment(100_000n), [s], writes)).toBe(true);
    expect(s.invoice).toMatchObject({
      status: 'paid',
      nextActionDate: null,
      principalOpen: 0n,
      paymentsApplied: 100_000n,
    });
    expect(writes.entries.map((e) => e.entry.code)).toEqual(['payment_received']);
    expect(writes.entries[0]).toMatchObject({ newCause: true, tenantId: 't1' });
    expect(writes.allocations[0]).toMatchObject({ paid: { principal: 100_000n }, overpaid: 0n });
    expect(writes.events[0]).toMatchObject({ type: 'payment', amount: 100_000n });
  });

  it('a second payment on the invoice sees what the first left', () => {
    const s = state(100_000n);
    const writes = new BatchWrites();
    bookInBatch(ctx, terms(), payment(30_000n), [s], writes);
    expect(s.invoice).toMatchObject({ status: 'sent', principalOpen: 70_000n });
    expect(s.invoice.nextActionDate).toBe('2026-06-12');
    bookInBatch(ctx, terms(), payment(70_000n), [s], writes);
    expect(s.invoice).toMatchObject({
      status: 'paid',
      principalOpen: 0n,
      paymentsApplied: 100_000n,
    });
    expect(writes.events.map((e) => e.detail?.remaining)).toEqual(['70000', '0']);
  });

  it('writes off a residual below the threshold, with its VAT', () => {
    const s = state(100_000n);
    const writes = new BatchWrites();
    bookInBatch(ctx, terms(1_000n), payment(99_500n), [s], writes);
    expect(writes.entries.map((e) => e.entry.code)).toEqual(['payment_received', 'write_off']);
    const postings = writes.entries[1]!.entry.postings.map((p) => [p.debitAccount, p.amount]);
    expect(postings).toContainEqual(['2611', 100n]);
    expect(s.invoice.status).toBe('paid');
  });

  it('leaves an overpayment, or an invoice no longer sent, to applyPayment: nothing changed', () => {
    for (const [s, amount] of [
      [state(100_000n), 100_001n],
      [state(100_000n, 'paid'), 1_000n],
    ] as const) {
      const before = s.invoice;
      const writes = new BatchWrites();
      expect(bookInBatch(ctx, terms(), payment(amount), [s], writes)).toBe(false);
      expect(s.invoice).toBe(before);
      expect(writes.entries).toEqual([]);
      expect(writes.events).toEqual([]);
      expect(writes.allocations).toEqual([]);
    }
  });
});
