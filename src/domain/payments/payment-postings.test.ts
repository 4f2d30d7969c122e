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
  customerCreditApplied,
  customerCreditRefunded,
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

  it('books money on a written-off claim to 3950 and its VAT to 2611, the rest to 2420', () => {
    const allocation = {
      ...allocatePayment(ore(150_000n), { fees: ore(0n), interest: ore(0n), principal: ore(0n) }),
    };
    const recovered = { fees: ore(18_000n), interest: ore(2_000n), principal: ore(125_000n) };
    const paid = { ...allocation, paid: recovered, overpaid: ore(5_000n) };
    const entry = paymentReceived({
      paymentId: 'p',
      invoiceId: 'i',
      invoiceNumber: 7n,
      bookingDate: date,
      allocation: paid,
      accounts,
      recovery: {
        recovered,
        vatLines: [{ vatRate: 25, taxable: ore(100_000n), vat: ore(25_000n) }],
        accounts,
      },
    })!;
    expect(netDebit(entry, '1689')).toBe(150_000n);
    expect(netDebit(entry, '1510')).toBe(0n);
    expect(netDebit(entry, '3950')).toBe(-120_000n); // 100 000 capital ex VAT + fees + interest
    expect(netDebit(entry, '2611')).toBe(-25_000n);
    expect(netDebit(entry, '2420')).toBe(-5_000n);
  });

  it('refuses a recovery larger than what was paid', () => {
    const allocation = allocatePayment(ore(100n), {
      fees: ore(0n),
      interest: ore(0n),
      principal: ore(100n),
    });
    expect(() =>
      paymentReceived({
        paymentId: 'p',
        invoiceId: 'i',
        invoiceNumber: 7n,
        bookingDate: date,
        allocation,
        accounts,
        recovery: {
          recovered: { fees: ore(0n), interest: ore(0n), principal: ore(200n) },
          vatLines: [],
          accounts,
        },
      }),
    ).toThrow(/recovered part/);
  });

  it('books credit applied (2420 against 1510) and refunded (2420 against 1689)', () => {
    const applied = customerCreditApplied({
      applicationId: 'a',
      invoiceId: 'i',
      invoiceNumber: 8n,
      bookingDate: date,
      amount: ore(4_000n),
      accounts,
    });
    expect(netDebit(applied, '2420')).toBe(4_000n);
    expect(netDebit(applied, '1510')).toBe(-4_000n);
    expect(applied.causeKey).toBe('credit-apply:a:i');
    const refunded = customerCreditRefunded({
      refundId: 'r',
      bookingDate: date,
      amount: ore(1_500n),
      accounts,
    });
    expect(netDebit(refunded, '2420')).toBe(1_500n);
    expect(netDebit(refunded, '1689')).toBe(-1_500n);
    expect(() =>
      customerCreditRefunded({ refundId: 'r', bookingDate: date, amount: ore(0n), accounts }),
    ).toThrow();
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
