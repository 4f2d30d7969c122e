/**
 * A customer's credit balance as the client sees and uses it: the balance with its movements and
 * refunds, the client's choice (apply or refund), using credit on an open invoice, and a refund
 * to the customer's bank account (paid by the next payout run). One transaction each.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { negateOre, subtractOre, type Ore } from '../../domain/money.ts';
import { customerCreditRefunded } from '../../domain/payments/payment-postings.ts';
import { normaliseBankgiro, normaliseIban } from '../../domain/payouts/pain001.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { accountsFor } from '../accounts.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { invalidInput, useCaseError, type UseCaseError } from '../errors.ts';
import { postEntry } from '../post-entry.ts';
import type { Stores } from '../stores.ts';
import { applyCreditToInvoice, type CreditApplication } from './customer-credit-apply.ts';
import type {
  CreditHandling,
  CreditMovement,
  RefundRecord,
  RefundRow,
} from './customer-credit-store.ts';

export type CustomerCredit = {
  readonly customerId: string;
  readonly balance: Ore;
  readonly handling: CreditHandling;
  readonly movements: readonly CreditMovement[];
  readonly refunds: readonly RefundRow[];
};

const noCustomer = (customerId: string) =>
  err(useCaseError('customer_not_found', `no customer ${customerId}`));

export async function getCustomerCredit(
  ctx: AppContext,
  tenantId: string,
  customerId: string,
): Promise<Result<CustomerCredit, UseCaseError>> {
  const stores = ctx.uow.read;
  if ((await stores.customers.get(tenantId, customerId)) === null) return noCustomer(customerId);
  const credit = stores.customerCredit;
  return ok({
    customerId,
    balance: await credit.balance(tenantId, customerId),
    handling: await credit.handling(tenantId),
    movements: await credit.movements(tenantId, customerId),
    refunds: await credit.refundsOfCustomer(tenantId, customerId),
  });
}

export async function getCreditHandling(
  ctx: AppContext,
  tenantId: string,
): Promise<Result<CreditHandling, UseCaseError>> {
  if ((await ctx.uow.read.tenants.get(tenantId)) === null) {
    return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
  }
  return ok(await ctx.uow.read.customerCredit.handling(tenantId));
}

export async function setCreditHandling(
  ctx: AppContext,
  tenantId: string,
  handling: CreditHandling,
): Promise<Result<CreditHandling, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    if ((await stores.tenants.get(tenantId)) === null) {
      return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
    }
    await stores.customerCredit.setHandling(tenantId, handling, ctx.clock.now());
    return ok(handling);
  });
}

/** Locks the customer and reads its balance: the check and the movement it allows are atomic. */
async function lockedBalance(
  stores: Stores,
  tenantId: string,
  customerId: string,
): Promise<Ore | null> {
  if (!(await stores.customerCredit.lockCustomer(tenantId, customerId))) return null;
  return stores.customerCredit.balance(tenantId, customerId);
}

/** POST /v1/customers/{id}/credit/apply: credit pays an open invoice of the same customer. */
export async function applyCustomerCredit(
  ctx: AppContext,
  tenantId: string,
  customerId: string,
  input: { invoiceId: string; amount?: Ore | undefined },
): Promise<Result<CreditApplication, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    const balance = await lockedBalance(stores, tenantId, customerId);
    if (balance === null) return noCustomer(customerId);
    const invoice = await stores.invoices.get(tenantId, input.invoiceId, { forUpdate: true });
    if (invoice === null) {
      return err(useCaseError('invoice_not_found', `no invoice ${input.invoiceId}`));
    }
    if (invoice.customerId !== customerId) {
      const message = `invoice ${input.invoiceId} is another customer's: credit pays only the customer's own invoices`;
      return err(
        invalidInput([{ path: 'invoiceId', code: 'invoice_of_another_customer', message }]),
      );
    }
    return applyCreditToInvoice(
      ctx,
      stores,
      tenantId,
      invoice,
      balance,
      input.amount,
      ctx.clock.today(),
    );
  });
}

export type RefundResult = { readonly refund: RefundRecord; readonly balance: Ore };

/** The customer's account as the pain.001 needs it: an IBAN or a bankgiro number. */
function refundAccount(text: string): { kind: 'iban' | 'bankgiro'; account: string } | null {
  const iban = normaliseIban(text);
  if (iban !== null) return { kind: 'iban', account: iban };
  const bankgiro = normaliseBankgiro(text);
  return bankgiro === null ? null : { kind: 'bankgiro', account: bankgiro };
}

/**
 * POST /v1/customers/{id}/credit/refund: books 2420 / 1689 today and queues the refund for the
 * next payout run, which pays it as its own credit transfer and pays the client that much less.
 */
export async function refundCustomerCredit(
  ctx: AppContext,
  tenantId: string,
  customerId: string,
  input: { amount: Ore; account: string },
): Promise<Result<RefundResult, UseCaseError>> {
  const account = refundAccount(input.account);
  if (account === null) {
    const message = 'must be an IBAN or a bankgiro number (with a valid check digit)';
    return err(invalidInput([{ path: 'account', code: 'account_invalid', message }]));
  }
  if (input.amount <= 0n) {
    return err(
      invalidInput([{ path: 'amount', code: 'amount_not_positive', message: 'must be > 0' }]),
    );
  }
  return runUseCase(ctx.uow, async (stores) => {
    const balance = await lockedBalance(stores, tenantId, customerId);
    if (balance === null) return noCustomer(customerId);
    if (input.amount > balance) {
      const message = `is more than the credit balance: balance ${balance} öre, amount ${input.amount} öre`;
      return err(invalidInput([{ path: 'amount', code: 'exceeds_credit_balance', message }]));
    }
    const tenant = await stores.tenants.get(tenantId);
    if (tenant === null) return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
    const refundId = ctx.ids.newId();
    const date: CalendarDate = ctx.clock.today();
    const now = ctx.clock.now();
    await postEntry(
      ctx,
      stores,
      tenantId,
      customerCreditRefunded({
        refundId,
        bookingDate: date,
        amount: input.amount,
        accounts: accountsFor(tenant),
      }),
    );
    await stores.customerCredit.addMovement(tenantId, {
      creditId: ctx.ids.newId(),
      customerId,
      kind: 'refund',
      amount: negateOre(input.amount),
      bookingDate: date,
      paymentId: null,
      invoiceId: null,
      movementId: refundId,
      createdAt: now,
    });
    const refund: RefundRecord = {
      refundId,
      customerId,
      amount: input.amount,
      accountKind: account.kind,
      account: account.account,
      bookingDate: date,
      endToEndId: `RF${refundId.replaceAll('-', '')}`.slice(0, 35),
      payoutId: null,
      createdAt: now,
    };
    await stores.customerCredit.insertRefund(tenantId, refund);
    return ok({ refund, balance: subtractOre(balance, input.amount) });
  });
}
