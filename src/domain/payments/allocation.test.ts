/**
 * Goal: allocation never loses or invents an öre and follows costs → interest → capital.
 * Method: worked examples from flow.md, and fast-check properties over random amounts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addOre, ore, type Ore } from '../money.ts';
import {
  allocateAcrossInvoices,
  allocatePayment,
  openTotal,
  paidTotal,
  type Allocation,
  type OpenAmounts,
} from './allocation.ts';

const open = (fees: bigint, interest: bigint, principal: bigint): OpenAmounts => ({
  fees: ore(fees),
  interest: ore(interest),
  principal: ore(principal),
});

describe('allocatePayment', () => {
  it('pays fees, then interest, then capital', () => {
    const a = allocatePayment(ore(10_000n), open(6_000n, 1_500n, 100_000n));
    expect(a.paid).toEqual(open(6_000n, 1_500n, 2_500n));
    expect(a.remaining).toEqual(open(0n, 0n, 97_500n));
    expect(a.overpaid).toBe(0n);
  });

  it('a full payment leaves nothing, an overpayment becomes credit', () => {
    expect(allocatePayment(ore(100_000n), open(0n, 0n, 100_000n)).remaining).toEqual(
      open(0n, 0n, 0n),
    );
    const over = allocatePayment(ore(125_000n), open(0n, 0n, 100_000n));
    expect(over.overpaid).toBe(25_000n);
    expect(over.paid.principal).toBe(100_000n);
  });

  it('writes off a residual below the threshold, not one at or above it', () => {
    const small = allocatePayment(ore(99_950n), open(0n, 0n, 100_000n), ore(100n));
    expect(small.writtenOff).toEqual(open(0n, 0n, 50n));
    expect(small.remaining).toEqual(open(0n, 0n, 0n));
    const atLimit = allocatePayment(ore(99_900n), open(0n, 0n, 100_000n), ore(100n));
    expect(atLimit.writtenOff).toEqual(open(0n, 0n, 0n));
    expect(atLimit.remaining.principal).toBe(100n);
  });

  it('never writes off with the default threshold 0', () => {
    const a = allocatePayment(ore(99_999n), open(0n, 0n, 100_000n));
    expect(a.remaining.principal).toBe(1n);
    expect(openTotal(a.writtenOff)).toBe(0n);
  });

  it('an invoice with nothing open takes the whole payment as overpayment', () => {
    expect(allocatePayment(ore(500n), open(0n, 0n, 0n)).overpaid).toBe(500n);
  });
});

const amount = fc.bigInt(0n, 10n ** 10n).map(ore);
const openAmounts = fc
  .tuple(fc.bigInt(0n, 10n ** 5n), fc.bigInt(0n, 10n ** 6n), fc.bigInt(0n, 10n ** 10n))
  .map(([f, i, p]) => open(f, i, p));
const threshold = fc.bigInt(0n, 50_000n).map(ore);

function checkComponents(a: Allocation, o: OpenAmounts) {
  for (const k of ['fees', 'interest', 'principal'] as const) {
    expect(addOre(a.paid[k], a.writtenOff[k], a.remaining[k])).toBe(o[k]);
    expect(a.paid[k] >= 0n && a.writtenOff[k] >= 0n && a.remaining[k] >= 0n).toBe(true);
  }
}

describe('allocation properties', () => {
  it('preserves the sum and every component', () => {
    fc.assert(
      fc.property(amount, openAmounts, threshold, (x, o, w) => {
        const a = allocatePayment(x, o, w);
        expect(addOre(paidTotal(a), a.overpaid)).toBe(x);
        checkComponents(a, o);
      }),
      { numRuns: 2000 },
    );
  });

  it('pays a later component only once the earlier ones are settled', () => {
    fc.assert(
      fc.property(amount, openAmounts, (x, o) => {
        const a = allocatePayment(x, o);
        if (a.paid.interest > 0n) expect(a.paid.fees).toBe(o.fees);
        if (a.paid.principal > 0n) expect(a.paid.interest).toBe(o.interest);
        if (a.overpaid > 0n) expect(openTotal(a.remaining)).toBe(0n);
      }),
    );
  });

  it('writes off only a residual strictly below the threshold', () => {
    fc.assert(
      fc.property(amount, openAmounts, threshold, (x, o, w) => {
        const a = allocatePayment(x, o, w);
        const off = openTotal(a.writtenOff);
        if (off > 0n) expect(off < w && openTotal(a.remaining) === 0n).toBe(true);
        else expect(openTotal(a.remaining) === 0n || openTotal(a.remaining) >= w).toBe(true);
      }),
    );
  });

  it('a split over several invoices preserves the sum and fills them in order', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(openAmounts, { minLength: 1, maxLength: 6 }),
        threshold,
        (x, opens, w) => {
          const parts = allocateAcrossInvoices(x, opens, w);
          const total = parts.reduce<Ore>((s, a) => addOre(s, paidTotal(a), a.overpaid), ore(0n));
          expect(total).toBe(x);
          parts.forEach((a, i) => checkComponents(a, opens[i]!));
          // Only the last invoice may be overpaid; an earlier one is paid in full or not reached.
          parts.slice(0, -1).forEach((a) => expect(a.overpaid).toBe(0n));
        },
      ),
    );
  });
});
