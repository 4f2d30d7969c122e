/**
 * Payment allocation (flow.md "Partial payment"): costs first, then interest, then capital; what
 * is left over is an overpayment, and a residual below the client's threshold is written off.
 * Owns: the split and its invariants. Must not: read invoices, book anything or round.
 */
import { addOre, minOre, subtractOre, ZERO_ORE, type Ore } from '../money.ts';
import { assert } from '../result.ts';

/** What an invoice owes, per component. Fees are reminder/collection fees and statutory costs. */
export type OpenAmounts = {
  readonly fees: Ore;
  readonly interest: Ore;
  readonly principal: Ore;
};

export type Allocation = {
  /** Paid to each component; never more than was open. */
  readonly paid: OpenAmounts;
  /** The part of the payment beyond everything owed: a credit balance on the customer. */
  readonly overpaid: Ore;
  /** The residual written off because it was below the threshold (all zero otherwise). */
  readonly writtenOff: OpenAmounts;
  /** Still owed after the payment and any write-off. */
  readonly remaining: OpenAmounts;
};

export const ZERO_OPEN: OpenAmounts = { fees: ZERO_ORE, interest: ZERO_ORE, principal: ZERO_ORE };

export const openTotal = (open: OpenAmounts): Ore =>
  addOre(open.fees, open.interest, open.principal);

export const paidTotal = (allocation: Pick<Allocation, 'paid'>): Ore => openTotal(allocation.paid);

function assertOpen(open: OpenAmounts): void {
  assert(
    open.fees >= 0n && open.interest >= 0n && open.principal >= 0n,
    'open amounts must not be negative',
  );
}

/**
 * Allocates `amount` over one invoice's open amounts. writeOffBelow is the client's threshold in
 * öre (0 = never): a residual r with 0 < r < writeOffBelow is written off, so the invoice ends
 * settled. Invariants (property-tested): paid + overpaid = amount, and per component
 * paid + writtenOff + remaining = open.
 */
export function allocatePayment(
  amount: Ore,
  open: OpenAmounts,
  writeOffBelow: Ore = ZERO_ORE,
): Allocation {
  assert(amount >= 0n, 'a payment allocates a non-negative amount');
  assert(writeOffBelow >= 0n, 'the write-off threshold is not negative');
  assertOpen(open);
  let left = amount;
  const take = (owed: Ore): Ore => {
    const part = minOre(left, owed);
    left = subtractOre(left, part);
    return part;
  };
  // The order is the law's and flow.md's: costs, then interest, then capital.
  const paid = {
    fees: take(open.fees),
    interest: take(open.interest),
    principal: take(open.principal),
  };
  const residual: OpenAmounts = {
    fees: subtractOre(open.fees, paid.fees),
    interest: subtractOre(open.interest, paid.interest),
    principal: subtractOre(open.principal, paid.principal),
  };
  const residualTotal = openTotal(residual);
  const writeOff = residualTotal > 0n && residualTotal < writeOffBelow;
  return {
    paid,
    overpaid: left,
    writtenOff: writeOff ? residual : ZERO_OPEN,
    remaining: writeOff ? ZERO_OPEN : residual,
  };
}

/**
 * One payment over several invoices (extra references): in reference order each invoice gets
 * what it owes, until the money runs out; the last invoice takes whatever is left, so an
 * overpayment lands on it. An invoice the money does not reach gets an all-zero allocation with
 * its open amounts remaining (and no write-off: nothing was paid on it).
 */
export function allocateAcrossInvoices(
  amount: Ore,
  opens: readonly OpenAmounts[],
  writeOffBelow: Ore = ZERO_ORE,
): Allocation[] {
  assert(opens.length > 0, 'a split payment needs at least one invoice');
  let left = amount;
  return opens.map((open, index) => {
    const last = index === opens.length - 1;
    const share = last ? left : minOre(left, openTotal(open));
    left = subtractOre(left, share);
    if (share === 0n)
      return { paid: ZERO_OPEN, overpaid: ZERO_ORE, writtenOff: ZERO_OPEN, remaining: open };
    return allocatePayment(share, open, writeOffBelow);
  });
}
