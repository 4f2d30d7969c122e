/** Collection: the client's policy, the daily run and its preview, and actions on an invoice. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../application/context.ts';
import {
  decideAfterDemand,
  recordPaymentOrderEvent,
  disputeInvoice,
  pauseInvoice,
  resolveDispute,
} from '../../application/collection/invoice-actions.ts';
import { getPolicy, updatePolicy } from '../../application/collection/policies.ts';
import { previewCollection } from '../../application/collection/preview-collection.ts';
import { runCollection } from '../../application/collection/run-collection.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { tenantOf } from '../auth.ts';
import { sendProblem, sendUseCaseError } from '../errors.ts';
import {
  decisionBody,
  disputeBody,
  paymentOrderEventBody,
  pauseBody,
  policyPatchBody,
  policyView,
  previewQuery,
  runBody,
  toPolicyPatch,
} from '../schemas/collection.ts';
import { idParam, UUID } from '../schemas/common.ts';
import { invoiceSummaryView } from '../views.ts';
import { notFound } from './not-found.ts';

export type CollectionHttpOptions = {
  readonly clockMode: 'system' | 'manual';
  /** Manual clock: after a run, the service's today becomes the run's date. */
  readonly advanceClock?: (date: CalendarDate) => void;
};

/** Operator: any tenant; a tenant key: only its own id (another id answers 404). */
function policyTenant(request: FastifyRequest, reply: FastifyReply, id: string): string | null {
  const p = request.principal;
  if (UUID.test(id) && (p?.kind === 'operator' || (p?.kind === 'tenant' && p.tenantId === id)))
    return id;
  void sendProblem(reply, 404, 'tenant_not_found', `no tenant ${id}`);
  return null;
}

const toJsonSafe = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));

export function collectionRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: CollectionHttpOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['collection'];
  r.get(
    '/v1/tenants/:id/policy',
    {
      config: { auth: 'operator_or_tenant' },
      schema: { tags, summary: 'The client’s collection policy', params: idParam },
    },
    async (request, reply) => {
      const tenantId = policyTenant(request, reply, request.params.id);
      if (tenantId === null) return reply;
      const result = await getPolicy(ctx, tenantId);
      return result.ok ? policyView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
  r.patch(
    '/v1/tenants/:id/policy',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary: 'Change the policy: validated against the law, a new version',
        params: idParam,
        body: policyPatchBody,
      },
    },
    async (request, reply) => {
      const tenantId = policyTenant(request, reply, request.params.id);
      if (tenantId === null) return reply;
      const result = await updatePolicy(ctx, tenantId, toPolicyPatch(request.body));
      return result.ok ? policyView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
  r.post(
    '/v1/collection/run',
    {
      config: { auth: 'operator' },
      schema: { tags, summary: 'Run every due collection step through a date', body: runBody },
    },
    async (request, reply) => {
      const date = request.body.date as CalendarDate;
      const result = await runCollection(ctx, date, { clockMode: options.clockMode });
      if (!result.ok) return sendUseCaseError(reply, result.error);
      options.advanceClock?.(date);
      return result.value;
    },
  );
  r.get(
    '/v1/collection/preview',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary: 'What a run for a date would do, without doing it',
        querystring: previewQuery,
      },
    },
    async (request) => {
      const p = request.principal;
      const tenants =
        p?.kind === 'tenant' ? [p.tenantId] : await ctx.uow.read.collection.tenantIds();
      const items = await previewCollection(ctx, request.query.date as CalendarDate, tenants);
      return {
        date: request.query.date,
        items: items.map((i) => ({
          tenantId: i.tenantId,
          invoiceId: i.invoiceId,
          invoiceNumber: i.invoiceNumber === null ? null : Number(i.invoiceNumber),
          // A blocked item still has a decision-shaped value, so clients listing kinds keep working.
          decision:
            i.decision === null
              ? { kind: 'blocked', reason: i.blocked?.code, validFrom: i.blocked?.validFrom }
              : toJsonSafe(i.decision),
          blocked: i.blocked,
        })),
      };
    },
  );
  const action = <B>(
    path: string,
    summary: string,
    body: z.ZodType<B> | undefined,
    run: (tenantId: string, id: string, body: B) => ReturnType<typeof resolveDispute>,
  ) =>
    r.post(
      `/v1/invoices/:id/${path}`,
      {
        config: { auth: 'tenant' },
        schema: { tags, summary, params: idParam, ...(body === undefined ? {} : { body }) },
      },
      async (request, reply) => {
        if (!UUID.test(request.params.id)) return notFound(reply, 'invoice', request.params.id);
        const result = await run(tenantOf(request), request.params.id, request.body as B);
        return result.ok ? invoiceSummaryView(result.value) : sendUseCaseError(reply, result.error);
      },
    );
  action('dispute', 'The debtor disputes the invoice: every step pauses', disputeBody, (t, id, b) =>
    disputeInvoice(ctx, t, id, b.reason),
  );
  action('resolve-dispute', 'The dispute is resolved: collection resumes', undefined, (t, id) =>
    resolveDispute(ctx, t, id),
  );
  action('pause', 'Pause collection until a date', pauseBody, (t, id, b) =>
    pauseInvoice(ctx, t, id, b.until as CalendarDate, b.reason),
  );
  action('decision', 'The client’s choice after an unpaid inkassokrav', decisionBody, (t, id, b) =>
    decideAfterDemand(ctx, t, id, b.action),
  );
  action(
    'payment-order/events',
    'Kronofogden’s event on a filed payment order: served, contested, decided (utslag), withdrawn',
    paymentOrderEventBody,
    (t, id, b) =>
      recordPaymentOrderEvent(ctx, t, id, { type: b.type, date: b.date as CalendarDate }),
  );
}
