/**
 * Reading what a payout run produced: the pain.001 file (operator), and one client's settlement
 * report for it (per invoice payment: capital, fees, interest; the operator's fee when one was
 * charged), as totals and CSV.
 */
import { negateOre, ZERO_ORE } from '../../domain/money.ts';
import {
  settlementReport,
  type SettlementLine,
  type SettlementReport,
} from '../../domain/payouts/settlement-report.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { AppContext } from '../context.ts';
import type { DocumentRenderer, RenderedDocument } from '../ports.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import type { RefundRow } from './customer-credit-store.ts';
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

/**
 * A refund of customer credit paid in the same run: money the client collected that went back
 * to its customer, so a negative line; the report's total still equals the payout.
 */
export function refundLines(refunds: readonly RefundRow[]): SettlementLine[] {
  return refunds.map((r) => ({
    invoiceNumber: 'Återbetalning',
    customerName: r.customerName,
    paymentDate: r.bookingDate,
    capital: negateOre(r.amount),
    fees: ZERO_ORE,
    interest: ZERO_ORE,
  }));
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
  const charge = await stores.payments.feeChargeOfPayout(tenantId, payout.payoutId);
  const report = settlementReport(
    [
      ...settlementLines(await stores.payments.settlementRows(tenantId, payout.payoutId)),
      ...refundLines(await stores.customerCredit.refundsOfPayout(tenantId, payout.payoutId)),
    ],
    charge === null ? null : { charge, payoutDate: payout.payoutDate },
  );
  if (report.totals.payout !== payout.amount) {
    throw new Error(
      `settlement report of payout ${payout.payoutId} sums to ${report.totals.payout}, paid ${payout.amount}`,
    );
  }
  return ok({ payout, report });
}

/** "IBAN SE45 …" / "Bankgiro 5050-1055": the payout account as a report prints it. */
const accountText = (p: PayoutRecord): string =>
  p.accountKind === 'iban'
    ? `IBAN ${p.account.replace(/(.{4})(?=.)/g, '$1 ')}`
    : `Bankgiro ${p.account.slice(0, -4)}-${p.account.slice(-4)}`;

/** The same report as a PDF (settlement-pdf.ts through the renderer port). */
export async function getSettlementPdf(
  ctx: AppContext,
  renderer: Pick<DocumentRenderer, 'renderSettlementReport'>,
  tenantId: string,
  fileId: string,
): Promise<Result<{ payout: PayoutRecord; pdf: RenderedDocument }, UseCaseError>> {
  const found = await getSettlementReport(ctx, tenantId, fileId);
  if (!found.ok) return found;
  const { payout, report } = found.value;
  const tenant = await ctx.uow.read.tenants.get(tenantId);
  if (tenant === null) return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
  const op = ctx.operator;
  const pdf = await renderer.renderSettlementReport({
    operator: {
      name: op.name,
      organisationNumber: op.organisationNumber,
      address: op.address,
      email: op.email,
      bankgiro: op.bankgiro,
    },
    client: {
      name: tenant.name,
      organisationNumber: tenant.organisationNumber,
      address: tenant.address ?? undefined,
    },
    payoutDate: payout.payoutDate,
    amount: payout.amount,
    account: accountText(payout),
    reference: payout.endToEndId,
    lines: report.lines,
    totals: report.totals,
    operatorFee: report.operatorFee,
  });
  return ok({ payout, pdf });
}
