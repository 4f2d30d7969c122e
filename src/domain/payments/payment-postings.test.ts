/**
 * Goal: payment, write-off and payout entries move the right accounts by the right amounts.
 * Method: worked examples against the default BAS map, and a property that the VAT split of a
 * written-off capital always adds up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../calendar-date.ts';
import { defaultAccountMap } from '../ledger/chart-of-accounts.ts';
import { netDebit } from '../ledger/journal-entry.ts';
import { addOre, ore, sumOre } from '../money.ts';
import { allocatePayment } from './allocation.ts';
import {
  paymentReceived,
  payoutBooked,
  residualWrittenOff,
  splitCapitalByVat,
} from './payment-postings.ts';

const date = calendarDate('2026-03-10');
const accounts = defaultAccountMap;

describe('payment postings', () => {
  it('books a payment with an overpayment: 1689 against 1510 and 2420', () => {
    const allocation = allocatePayment(ore(130_000n), {
      fees: ore(0n),
      interest: ore(0n),
      principal: ore(125_000n),
    });
    const entry = paymentReceived({
      paymentId: 'p',
      invoiceId: 'i',
      invoiceNumber: 7n,
      bookingDate: date,
      allocation,
      accounts,
    })!;
    expect(netDebit(entry, '1689')).toBe(130_000n);
    expect(netDebit(entry, '1510')).toBe(-125_000n);
    expect(netDebit(entry, '2420')).toBe(-5_000n);
  });

  it('writes off capital ex VAT to 6351, its VAT to 2611, fees to 3590, interest to 8313', () => {
    const entry = residualWrittenOff({
      paymentId: 'p',
      invoiceId: 'i',
      invoiceNumber: 7n,
      bookingDate: date,
      writtenOff: { fees: ore(100n), interest: ore(20n), principal: ore(125n) },
      vatLines: [{ vatRate: 25, taxable: ore(100_000n), vat: ore(25_000n) }],
      accounts,
    })!;
    expect(netDebit(entry, '6351')).toBe(100n);
    expect(netDebit(entry, '2611')).toBe(25n);
    expect(netDebit(entry, '3590')).toBe(100n);
    expect(netDebit(entry, '8313')).toBe(20n);
    expect(netDebit(entry, '1510')).toBe(-245n);
  });

  it('books a payout: 1930 against 1689', () => {
    const entry = payoutBooked({ payoutId: 'x', bookingDate: date, amount: ore(5n), accounts });
    expect(netDebit(entry, '1930')).toBe(5n);
    expect(netDebit(entry, '1689')).toBe(-5n);
  });

  it('the VAT split of a capital adds up (property)', () => {
    const line = fc.record({
      vatRate: fc.constantFrom(25 as const, 12 as const, 6 as const, 0 as const),
      taxable: fc.bigInt(0n, 10n ** 9n).map(ore),
    });
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 6n).map(ore), fc.array(line, { maxLength: 4 }), (c, ls) => {
        const lines = ls.map((l) => ({ ...l, vat: ore((l.taxable * BigInt(l.vatRate)) / 100n) }));
        const split = splitCapitalByVat(c, lines);
        expect(addOre(split.exVat, sumOre(split.vat.map((v) => v.amount)))).toBe(c);
        expect(split.exVat >= 0n).toBe(true);
      }),
    );
  });
});
