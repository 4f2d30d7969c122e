/**
 * Money paid on a receivable that was written off (BAS 3950, Återvunna, tidigare avskrivna
 * kundfordringar). A written-off invoice owes nothing in the books, so allocation makes the whole
 * payment an overpayment; this takes back from that overpayment what the write-off lost, costs
 * first, then interest, then capital (the order of a payment), and leaves only the rest as credit.
 * Must not: read invoices or book anything.
 */
import { addOre, maxOre, minOre, subtractOre, ZERO_ORE, type Ore } from '../money.ts';
import { openTotal, ZERO_OPEN, type Allocation, type OpenAmounts } from './allocation.ts';

/** What the write-offs of an invoice lost and earlier payments have not yet recovered. */
export function recoverable(writtenOff: OpenAmounts, recovered: OpenAmounts): OpenAmounts {
  const left = (a: Ore, b: Ore) => maxOre(ZERO_ORE, subtractOre(a, b));
  return {
    fees: left(writtenOff.fees, recovered.fees),
    interest: left(writtenOff.interest, recovered.interest),
    principal: left(writtenOff.principal, recovered.principal),
  };
}

/**
 * Moves the overpaid part of an allocation into `paid` up to what is recoverable. The result's
 * paid + overpaid still equals the payment; `recovered` is the part of `paid` that settles the
 * written-off claim (booked to 3950 and output VAT, not to the receivable).
 */
export function recoverWrittenOff(
  allocation: Allocation,
  open: OpenAmounts,
): { allocation: Allocation; recovered: OpenAmounts } {
  if (allocation.overpaid === 0n || openTotal(open) === 0n) {
    return { allocation, recovered: ZERO_OPEN };
  }
  let left = allocation.overpaid;
  const take = (owed: Ore): Ore => {
    const part = minOre(left, owed);
    left = subtractOre(left, part);
    return part;
  };
  const recovered = {
    fees: take(open.fees),
    interest: take(open.interest),
    principal: take(open.principal),
  };
  const paid = allocation.paid;
  return {
    allocation: {
      ...allocation,
      paid: {
        fees: addOre(paid.fees, recovered.fees),
        interest: addOre(paid.interest, recovered.interest),
        principal: addOre(paid.principal, recovered.principal),
      },
      overpaid: left,
    },
    recovered,
  };
}
