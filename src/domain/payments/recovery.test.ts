/**
 * Goal: a payment on a written-off claim recovers costs, then interest, then capital, never more
 * than was written off and not yet recovered, and the money still adds up to the payment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addOre, ore } from '../money.ts';
import { allocatePayment, openTotal, paidTotal, ZERO_OPEN } from './allocation.ts';
import { recoverable, recoverWrittenOff } from './recovery.ts';

const amounts = (fees: bigint, interest: bigint, principal: bigint) => ({
  fees: ore(fees),
  interest: ore(interest),
  principal: ore(principal),
});

describe('recovery of written-off claims', () => {
  it('takes costs, interest, then capital out of the overpayment', () => {
    const allocation = allocatePayment(ore(30_000n), ZERO_OPEN);
    const { allocation: a, recovered } = recoverWrittenOff(
      allocation,
      amounts(6_000n, 1_000n, 20_000n),
    );
    expect(recovered).toEqual(amounts(6_000n, 1_000n, 20_000n));
    expect(a.paid).toEqual(recovered);
    expect(a.overpaid).toBe(3_000n);
  });

  it('a part payment recovers costs first', () => {
    const { recovered } = recoverWrittenOff(
      allocatePayment(ore(7_500n), ZERO_OPEN),
      amounts(6_000n, 1_000n, 20_000n),
    );
    expect(recovered).toEqual(amounts(6_000n, 1_000n, 500n));
  });

  it('what was recovered before is not recoverable again', () => {
    expect(recoverable(amounts(6_000n, 0n, 20_000n), amounts(6_000n, 0n, 5_000n))).toEqual(
      amounts(0n, 0n, 15_000n),
    );
    expect(recoverable(amounts(100n, 0n, 0n), amounts(300n, 0n, 0n))).toEqual(ZERO_OPEN);
  });

  it('nothing written off leaves the allocation as it was', () => {
    const allocation = allocatePayment(ore(500n), ZERO_OPEN);
    expect(recoverWrittenOff(allocation, ZERO_OPEN)).toEqual({ allocation, recovered: ZERO_OPEN });
  });

  it('paid + overpaid stays the payment; recovered never exceeds what is open', () => {
    const o = fc.bigInt({ min: 0n, max: 10_000_000n });
    fc.assert(
      fc.property(o, o, o, o, (amount, f, i, p) => {
        const open = amounts(f, i, p);
        const { allocation, recovered } = recoverWrittenOff(
          allocatePayment(ore(amount), ZERO_OPEN),
          open,
        );
        expect(addOre(paidTotal(allocation), allocation.overpaid)).toBe(amount);
        expect(recovered.fees <= open.fees && recovered.interest <= open.interest).toBe(true);
        expect(recovered.principal <= open.principal).toBe(true);
        expect(openTotal(recovered)).toBe(amount < openTotal(open) ? amount : openTotal(open));
      }),
    );
  });
});
