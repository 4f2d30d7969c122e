/**
 * SIE 4 export of a client's books for one calendar year: the accounts used, opening balances of
 * the balance-sheet accounts (#IB), and every journal entry of the year as a voucher. The caller
 * encodes the text as CP437.
 */
import { addDays, calendarDate } from '../domain/calendar-date.ts';
import { accountKind, accountName } from '../domain/ledger/chart-of-accounts.ts';
import { toCp437Text } from '../domain/ledger/cp437-text.ts';
import { writeSie4, type SieTransaction } from '../domain/ledger/sie4.ts';
import { addOre, ore, subtractOre, type Ore } from '../domain/money.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { accountMapCodes } from '../domain/ledger/chart-of-accounts.ts';
import { accountsFor } from './accounts.ts';
import type { AppContext } from './context.ts';
import { useCaseError, type UseCaseError } from './errors.ts';

export async function exportSie(
  ctx: AppContext,
  tenantId: string,
  year: number,
): Promise<Result<string, UseCaseError>> {
  const tenant = await ctx.uow.read.tenants.get(tenantId);
  if (tenant === null) return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
  const start = calendarDate(`${year}-01-01`);
  const end = calendarDate(`${year}-12-31`);
  const [entries, before] = await Promise.all([
    ctx.uow.read.ledger.entries(tenantId, { from: start, to: end }),
    ctx.uow.read.ledger.trialBalance(tenantId, addDays(start, -1)),
  ]);
  const vouchers = entries.map((e) => {
    const byAccount = new Map<string, Ore>();
    for (const p of e.postings) {
      byAccount.set(p.debitAccount, addOre(byAccount.get(p.debitAccount) ?? ore(0n), p.amount));
      byAccount.set(
        p.creditAccount,
        subtractOre(byAccount.get(p.creditAccount) ?? ore(0n), p.amount),
      );
    }
    const transactions: SieTransaction[] = [...byAccount]
      .filter(([, a]) => a !== 0n)
      .map(([account, amount]) => ({ account, amount }));
    return {
      series: 'A',
      number: Number(e.voucherNumber),
      date: e.bookingDate,
      text: toCp437Text(e.description),
      transactions,
    };
  });
  const openingBalances = before
    .filter((r) => ['asset', 'liability', 'equity'].includes(accountKind(r.account)))
    .map((r) => ({ account: r.account, amount: subtractOre(r.debit, r.credit) }))
    .filter((b) => b.amount !== 0n);
  const codes = new Set<string>([
    ...accountMapCodes(accountsFor(tenant)),
    ...vouchers.flatMap((v) => v.transactions.map((t) => t.account)),
    ...openingBalances.map((b) => b.account),
  ]);
  const text = writeSie4({
    program: { name: 'Reskontra', version: '0.1.0' },
    generatedDate: ctx.clock.today(),
    company: {
      name: toCp437Text(tenant.name),
      organisationNumber: tenant.organisationNumber.slice(-10),
    },
    fiscalYear: { start, end },
    accounts: [...codes]
      .sort()
      .map((code) => ({ code, name: toCp437Text(accountName(code) ?? `Konto ${code}`) })),
    openingBalances,
    vouchers: vouchers.filter((v) => v.transactions.length > 0),
  });
  return ok(text);
}
