/**
 * Reading the books: the trial balance (always zero-sum) and the check that the receivable
 * account equals the sum of open invoice balances.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import { accountName } from '../domain/ledger/chart-of-accounts.ts';
import { subtractOre, type Ore } from '../domain/money.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { accountsFor } from './accounts.ts';
import type { AppContext } from './context.ts';
import { useCaseError, type UseCaseError } from './errors.ts';

export type TrialBalanceLine = { account: string; name: string; debit: Ore; credit: Ore };

export async function trialBalance(
  ctx: AppContext,
  tenantId: string,
  throughDate: CalendarDate,
): Promise<TrialBalanceLine[]> {
  const rows = await ctx.uow.read.ledger.trialBalance(tenantId, throughDate);
  return rows.map((r) => ({ ...r, name: accountName(r.account) ?? `Konto ${r.account}` }));
}

/** Receivable account balance and Σ open invoice balances, as of now: they must be equal. */
export async function receivableReconciliation(
  ctx: AppContext,
  tenantId: string,
): Promise<Result<{ account: string; ledger: Ore; invoices: Ore }, UseCaseError>> {
  const tenant = await ctx.uow.read.tenants.get(tenantId);
  if (tenant === null) return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
  const account = accountsFor(tenant).receivable;
  const rows = await ctx.uow.read.ledger.trialBalance(tenantId, '9999-12-31' as CalendarDate);
  const row = rows.find((r) => r.account === account);
  const ledger = row === undefined ? (0n as Ore) : subtractOre(row.debit, row.credit);
  return ok({ account, ledger, invoices: await ctx.uow.read.invoices.openReceivables(tenantId) });
}
