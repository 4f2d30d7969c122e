/**
 * The payout run: every client with collected money not yet paid out gets it, in ONE pain.001
 * file from the operator's account, booked 1930 / 1689 in the client's books. Refunds of
 * customer credit the client ordered go out in the same file, each its own credit transfer, and
 * reduce the client's payout, and so does the operator's fee (charge-operator-fee.ts). Money is
 * paid at most once: each allocation row and refund is stamped with its payout in the same
 * transaction, and each document charged a fee with the payout that charged it.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { addOre, subtractOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import { paidTotal } from '../../domain/payments/allocation.ts';
import { payoutBooked } from '../../domain/payments/payment-postings.ts';
import {
  normaliseBankgiro,
  normaliseIban,
  writePain001,
  type PayoutAccount,
} from '../../domain/payouts/pain001.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { accountsFor } from '../accounts.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { invalidInput, type UseCaseError } from '../errors.ts';
import { postEntry } from '../post-entry.ts';
import type { TenantRecord } from '../records.ts';
import type { Stores } from '../stores.ts';
import { chargeOperatorFee } from './charge-operator-fee.ts';
import type { RefundRow } from './customer-credit-store.ts';
import type { PayoutRecord } from './payment-store.ts';

export type PayoutRunResult = {
  readonly date: CalendarDate;
  /** The pain.001 file of this run; null when there was nothing new to pay. */
  readonly fileId: string | null;
  readonly amount: Ore;
  readonly payouts: readonly PayoutRecord[];
  /** Customer-credit refunds paid in this run's file, each its own credit transfer. */
  readonly refunds: readonly RefundRow[];
  /** Clients with money waiting that could not be paid, and why. */
  readonly skipped: readonly { tenantId: string; reason: string }[];
};

/** Where a client's money goes: its payout account (IBAN or bankgiro), else its bankgiro. */
export function payoutAccountOf(
  tenant: Pick<TenantRecord, 'payoutAccount' | 'bankgiro'>,
): PayoutAccount | null {
  const own = tenant.payoutAccount;
  if (own !== null) {
    const iban = normaliseIban(own);
    if (iban !== null) return { kind: 'iban', iban };
    const bankgiro = normaliseBankgiro(own);
    if (bankgiro !== null) return { kind: 'bankgiro', number: bankgiro };
  }
  const bankgiro = tenant.bankgiro === null ? null : normaliseBankgiro(tenant.bankgiro);
  return bankgiro === null ? null : { kind: 'bankgiro', number: bankgiro };
}

const accountText = (a: PayoutAccount) => (a.kind === 'iban' ? a.iban : a.number);
const compactId = (id: string) => id.replaceAll('-', '');

type Planned = {
  tenant: TenantRecord;
  payout: PayoutRecord;
  account: PayoutAccount;
  refunds: RefundRow[];
};

const refundAccount = (r: RefundRow): PayoutAccount =>
  r.accountKind === 'iban'
    ? { kind: 'iban', iban: r.account }
    : { kind: 'bankgiro', number: r.account };

async function planTenant(
  ctx: AppContext,
  stores: Stores,
  tenantId: string,
  date: CalendarDate,
  fileId: string,
): Promise<Planned | { skip: string } | null> {
  const tenant = await stores.tenants.get(tenantId);
  if (tenant === null) throw new Error(`client funds for unknown tenant ${tenantId}`);
  const account = payoutAccountOf(tenant);
  if (account === null) return { skip: 'no valid payout account or bankgiro on the client' };
  const rows = await stores.payments.unpaidAllocations(tenantId, date);
  const refunds = await stores.customerCredit.unpaidRefunds(tenantId, date);
  const collected = rows.reduce<Ore>((sum, r) => addOre(sum, paidTotal(r), r.overpaid), ZERO_ORE);
  const refunded = refunds.reduce<Ore>((sum, r) => addOre(sum, r.amount), ZERO_ORE);
  // Refunds are paid from the client's collected money (2420 / 1689 was booked when ordered).
  const gross = subtractOre(collected, refunded);
  // Net zero or below (a deduction or refunds took more than came in since): wait for new money.
  if (gross <= 0n) {
    if (refunds.length === 0) return null;
    return {
      skip: `refunds of ${refunded} öre wait until collected funds (${collected} öre) exceed them`,
    };
  }
  const payoutId = ctx.ids.newId();
  await stores.payments.assignPayout(
    tenantId,
    rows.map((r) => r.allocationId),
    payoutId,
  );
  await stores.customerCredit.assignRefundPayout(
    tenantId,
    refunds.map((r) => r.refundId),
    payoutId,
  );
  // The operator's fee comes out of the gross; the bank transfer and 1930 / 1689 are the net.
  const amount = await chargeOperatorFee(ctx, stores, { tenant, payoutId, date, gross, collected });
  await postEntry(
    ctx,
    stores,
    tenantId,
    payoutBooked({ payoutId, bookingDate: date, amount, accounts: accountsFor(tenant) }),
  );
  const payout: PayoutRecord = {
    payoutId,
    tenantId,
    fileId,
    payoutDate: date,
    amount,
    accountKind: account.kind,
    account: accountText(account),
    endToEndId: `RK${compactId(payoutId)}`.slice(0, 35),
    createdAt: ctx.clock.now(),
  };
  return { tenant, payout, account, refunds: refunds.map((r) => ({ ...r, payoutId })) };
}

export async function runPayouts(
  ctx: AppContext,
  date: CalendarDate,
): Promise<Result<PayoutRunResult, UseCaseError>> {
  const today = ctx.clock.today();
  if (date > today) {
    return err(
      invalidInput([
        { path: 'date', code: 'date_in_future', message: `is after today (${today})` },
      ]),
    );
  }
  return runUseCase<PayoutRunResult>(ctx.uow, async (stores) => {
    const fileId = ctx.ids.newId();
    const planned: Planned[] = [];
    const skipped: { tenantId: string; reason: string }[] = [];
    const tenantIds = new Set([
      ...(await stores.payments.tenantsWithUnpaidFunds(date)),
      ...(await stores.customerCredit.tenantsWithUnpaidRefunds(date)),
    ]);
    for (const tenantId of [...tenantIds].sort()) {
      const plan = await planTenant(ctx, stores, tenantId, date, fileId);
      if (plan === null) continue;
      if ('skip' in plan) skipped.push({ tenantId, reason: plan.skip });
      else planned.push(plan);
    }
    if (planned.length === 0) {
      return ok({ date, fileId: null, amount: ZERO_ORE, payouts: [], refunds: [], skipped });
    }
    const messageId = `RK${date.replaceAll('-', '')}${compactId(fileId).slice(0, 20)}`;
    const operator = ctx.operator;
    const xml = writePain001({
      messageId,
      createdAt: ctx.clock.now(),
      initiatingParty: { name: operator.name, organisationNumber: operator.organisationNumber },
      debtor: { name: operator.name, account: { kind: 'bankgiro', number: operator.bankgiro } },
      payouts: planned.flatMap((p) => [
        {
          endToEndId: p.payout.endToEndId,
          executionDate: date,
          amount: p.payout.amount,
          creditor: { name: p.tenant.name.slice(0, 70), account: p.account },
        },
        ...p.refunds.map((r) => ({
          endToEndId: r.endToEndId,
          executionDate: date,
          amount: r.amount,
          creditor: { name: r.customerName.slice(0, 70), account: refundAccount(r) },
          remittanceText: `Återbetalning tillgodohavande ${p.tenant.name}`.slice(0, 140),
        })),
      ]),
    });
    // Only the operator's own configuration can fail here (client accounts were checked): the
    // whole run rolls back rather than book payouts no bank file carries.
    if (!xml.ok) return err(invalidInput(xml.error));
    const payouts = planned.map((p) => p.payout);
    const refunds = planned.flatMap((p) => p.refunds);
    // The file's total (its CtrlSum): the clients' payouts and the refunds to their customers.
    const amount = addOre(...payouts.map((p) => p.amount), ...refunds.map((r) => r.amount));
    await stores.payments.insertPayoutFile({
      fileId,
      runDate: date,
      messageId,
      content: xml.value,
      amount,
      payouts: payouts.length,
      createdAt: ctx.clock.now(),
    });
    for (const payout of payouts) await stores.payments.insertPayout(payout);
    return ok({ date, fileId, amount, payouts, refunds, skipped });
  });
}
