/**
 * Customer credit (overpayments): a customer's balance and movements, using it on an open
 * invoice, refunding it to the customer's bank account, and the client's choice between the two.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../application/context.ts';
import type { CreditApplication } from '../../application/payments/customer-credit-apply.ts';
import {
  applyCustomerCredit,
  getCreditHandling,
  getCustomerCredit,
  refundCustomerCredit,
  setCreditHandling,
  type CustomerCredit,
  type RefundResult,
} from '../../application/payments/customer-credit.ts';
import type { RefundRecord } from '../../application/payments/customer-credit-store.ts';
import { ore, oreToSafeNumber as n } from '../../domain/money.ts';
import { openTotal } from '../../domain/payments/allocation.ts';
import { tenantOf } from '../auth.ts';
import { sendProblem, sendUseCaseError } from '../errors.ts';
import { idempotent } from '../idempotency.ts';
import { idParam, MAX_ORE, UUID } from '../schemas/common.ts';
import { notFound } from './not-found.ts';

const handlingBody = z.strictObject({
  handling: z
    .enum(['apply', 'refund'])
    .describe(
      'apply: credit pays the customer’s open invoices at once; refund: it waits for a refund',
    ),
});
const applyBody = z.strictObject({
  invoiceId: z.string(),
  amount: z
    .int()
    .min(1)
    .max(MAX_ORE)
    .optional()
    .describe('Öre; default: all the credit the invoice can take'),
});
const refundBody = z.strictObject({
  amount: z.int().min(1).max(MAX_ORE).describe('Öre, > 0, at most the balance'),
  account: z.string().trim().min(1).max(50).describe('The customer’s IBAN or bankgiro number'),
});

const refundView = (r: RefundRecord) => ({
  id: r.refundId,
  amount: n(r.amount),
  account: r.account,
  accountKind: r.accountKind,
  date: r.bookingDate,
  endToEndId: r.endToEndId,
  status: r.payoutId === null ? ('waiting' as const) : ('paid_out' as const),
  payoutId: r.payoutId,
});

const creditView = (c: CustomerCredit) => ({
  customerId: c.customerId,
  balance: n(c.balance),
  handling: c.handling,
  movements: c.movements.map((m) => ({
    id: m.creditId,
    kind: m.kind,
    amount: n(m.amount),
    date: m.bookingDate,
    paymentId: m.paymentId,
    invoiceId: m.invoiceId,
    ...(m.kind === 'applied' ? { applicationId: m.movementId } : {}),
    ...(m.kind === 'refund' ? { refundId: m.movementId } : {}),
  })),
  refunds: c.refunds.map(refundView),
});

const applicationView = (a: CreditApplication) => ({
  applicationId: a.applicationId,
  invoiceId: a.invoiceId,
  date: a.date,
  amount: n(openTotal(a.paid)),
  fees: n(a.paid.fees),
  interest: n(a.paid.interest),
  principal: n(a.paid.principal),
  writtenOff: n(openTotal(a.writtenOff)),
  remaining: n(openTotal(a.remaining)),
  invoiceStatus: a.invoiceStatus,
  balance: n(a.balance),
});

const refundResultView = (r: RefundResult) => ({ ...refundView(r.refund), balance: n(r.balance) });

/** Operator: any tenant; a tenant key: only its own id (another id answers 404). */
function ownTenant(request: FastifyRequest, reply: FastifyReply, id: string): string | null {
  const p = request.principal;
  if (UUID.test(id) && (p?.kind === 'operator' || (p?.kind === 'tenant' && p.tenantId === id)))
    return id;
  void sendProblem(reply, 404, 'tenant_not_found', `no tenant ${id}`);
  return null;
}

export function customerCreditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customer credit'];
  r.get(
    '/v1/customers/:id/credit',
    {
      config: { auth: 'tenant' },
      schema: {
        tags,
        summary: 'A customer’s credit balance, movements and refunds',
        params: idParam,
      },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'customer', request.params.id);
      const result = await getCustomerCredit(ctx, tenantOf(request), request.params.id);
      return result.ok ? creditView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
  r.post(
    '/v1/customers/:id/credit/apply',
    {
      config: { auth: 'tenant' },
      schema: {
        tags,
        summary: 'Use the customer’s credit to pay one of its open invoices (booked 2420 / 1510)',
        params: idParam,
        body: applyBody,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { invoiceId, amount } = request.body;
      if (!UUID.test(id)) return notFound(reply, 'customer', id);
      if (!UUID.test(invoiceId)) return notFound(reply, 'invoice', invoiceId);
      return idempotent(
        ctx,
        request,
        reply,
        (c) =>
          applyCustomerCredit(c, tenantOf(request), id, {
            invoiceId,
            amount: amount === undefined ? undefined : ore(BigInt(amount)),
          }),
        (value) => ({ status: 201, body: applicationView(value) }),
      );
    },
  );
  r.post(
    '/v1/customers/:id/credit/refund',
    {
      config: { auth: 'tenant' },
      schema: {
        tags,
        summary:
          'Refund credit to the customer’s account: paid in the next payout run (2420 / 1689)',
        params: idParam,
        body: refundBody,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!UUID.test(id)) return notFound(reply, 'customer', id);
      const { amount, account } = request.body;
      return idempotent(
        ctx,
        request,
        reply,
        (c) =>
          refundCustomerCredit(c, tenantOf(request), id, { amount: ore(BigInt(amount)), account }),
        (value) => ({ status: 201, body: refundResultView(value) }),
      );
    },
  );
  r.get(
    '/v1/tenants/:id/credit-handling',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary: 'The client’s choice for customer credit: apply or refund',
        params: idParam,
      },
    },
    async (request, reply) => {
      const tenantId = ownTenant(request, reply, request.params.id);
      if (tenantId === null) return reply;
      const result = await getCreditHandling(ctx, tenantId);
      return result.ok ? { handling: result.value } : sendUseCaseError(reply, result.error);
    },
  );
  r.put(
    '/v1/tenants/:id/credit-handling',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary: 'Set the client’s choice for customer credit',
        params: idParam,
        body: handlingBody,
      },
    },
    async (request, reply) => {
      const tenantId = ownTenant(request, reply, request.params.id);
      if (tenantId === null) return reply;
      const result = await setCreditHandling(ctx, tenantId, request.body.handling);
      return result.ok ? { handling: result.value } : sendUseCaseError(reply, result.error);
    },
  );
}
