/**
 * Reading what a payout run produced: the pain.001 file (operator), and one client's settlement
 * report for it (per invoice payment: capital, fees, interest), as totals and CSV.
 */
import { ZERO_ORE } from '../../domain/money.ts';
import {
  settlementReport,
  type SettlementLine,
  type SettlementReport,
} from '../../domain/payouts/settlement-report.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import type { PayoutFileRecord, PayoutRecord, SettlementRow } from './payment-store.ts';

export async function getPayoutFile(
  ctx: AppContext,
  fileId: string,
): Promise<Result<PayoutFileRecord, UseCaseError>> {
  const file = await ctx.uow.read.payments.payoutFile(fileId);
  return file === null
    ? err(useCaseError('payout_not_found', `no payout file ${fileId}`))
    : ok(file);
}

/**
 * Report lines: one per allocation (a reversal prints negative). An overpayment is money the
 * client receives and owes its customer back (2420): it gets its own line, as capital, so the
 * report's total equals the amount paid out.
 */
export function settlementLines(rows: readonly SettlementRow[]): SettlementLine[] {
  return rows.flatMap((r) => {
    const base = {
      invoiceNumber: r.invoiceNumber === null ? '' : r.invoiceNumber.toString(),
      customerName: r.customerName,
      paymentDate: r.bookingDate,
    };
    const lines: SettlementLine[] = [];
    if (r.paid.fees !== 0n || r.paid.interest !== 0n || r.paid.principal !== 0n) {
      lines.push({
        ...base,
        capital: r.paid.principal,
        fees: r.paid.fees,
        interest: r.paid.interest,
      });
    }
    if (r.overpaid !== 0n) {
      lines.push({
        ...base,
        invoiceNumber: `${base.invoiceNumber} överbetalning`,
        capital: r.overpaid,
        fees: ZERO_ORE,
        interest: ZERO_ORE,
      });
    }
    return lines;
  });
}

export async function getSettlementReport(
  ctx: AppContext,
  tenantId: string,
  fileId: string,
): Promise<Result<{ payout: PayoutRecord; report: SettlementReport }, UseCaseError>> {
  const stores = ctx.uow.read;
  const payout = await stores.payments.payoutOfFile(tenantId, fileId);
  if (payout === null) {
    return err(useCaseError('payout_not_found', `no payout to this client in file ${fileId}`));
  }
  const report = settlementReport(
    settlementLines(await stores.payments.settlementRows(tenantId, payout.payoutId)),
  );
  if (report.totals.payout !== payout.amount) {
    throw new Error(
      `settlement report of payout ${payout.payoutId} sums to ${report.totals.payout}, paid ${payout.amount}`,
    );
  }
  return ok({ payout, report });
}
