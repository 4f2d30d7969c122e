/**
 * The operator's fee schedule per client: the operator sets it (/v1/operator/…), the client reads
 * its own (/v1/tenants/{id}/fees). Charged in the payout run, shown in the settlement report.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../application/context.ts';
import type { FeeScheduleRecord } from '../../application/payments/operator-fee-store.ts';
import { getFeeSchedule, setFeeSchedule } from '../../application/payments/operator-fees.ts';
import { ore, oreToSafeNumber as n } from '../../domain/money.ts';
import { sendProblem, sendUseCaseError } from '../errors.ts';
import { idParam, UUID } from '../schemas/common.ts';

// Integers only here; the limits (≥ 0, ≤ 100 000 kr, ≤ 10 000 bp) are the domain's, answered 422.
const feesBody = z.strictObject({
  perInvoice: z.int().describe('öre excl. VAT per invoice the client sends; 0 – 10 000 000'),
  perReminder: z.int().describe('öre excl. VAT per reminder (påminnelse); 0 – 10 000 000'),
  perCollectionDemand: z.int().describe('öre excl. VAT per inkassokrav; 0 – 10 000 000'),
  collectedShareBasisPoints: z
    .int()
    .describe('share of the money paid out to the client, basis points (250 = 2.5 %); 0 – 10 000'),
});

const feesView = (s: FeeScheduleRecord) => ({
  perInvoice: n(s.perInvoice),
  perReminder: n(s.perReminder),
  perCollectionDemand: n(s.perCollectionDemand),
  collectedShareBasisPoints: Number(s.collectedShareBasisPoints),
  vatPercent: 25,
  updatedAt: s.updatedAt,
});

export function operatorFeeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operator fees'];
  r.get(
    '/v1/operator/tenants/:id/fees',
    {
      config: { auth: 'operator' },
      schema: { tags, summary: 'A client’s operator fee schedule', params: idParam },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!UUID.test(id)) return sendProblem(reply, 404, 'tenant_not_found', `no tenant ${id}`);
      const result = await getFeeSchedule(ctx, id);
      return result.ok ? feesView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
  r.put(
    '/v1/operator/tenants/:id/fees',
    {
      config: { auth: 'operator' },
      schema: {
        tags,
        summary:
          'Set a client’s fee schedule (öre excl. VAT per document, a share in basis points); applies from the next payout run',
        params: idParam,
        body: feesBody,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!UUID.test(id)) return sendProblem(reply, 404, 'tenant_not_found', `no tenant ${id}`);
      const b = request.body;
      const result = await setFeeSchedule(ctx, id, {
        perInvoice: ore(BigInt(b.perInvoice)),
        perReminder: ore(BigInt(b.perReminder)),
        perCollectionDemand: ore(BigInt(b.perCollectionDemand)),
        collectedShareBasisPoints: BigInt(b.collectedShareBasisPoints),
      });
      return result.ok ? feesView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
  r.get(
    '/v1/tenants/:id/fees',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary: 'The operator’s fee schedule for the client (its own, or any for the operator)',
        params: idParam,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const p = request.principal;
      const visible = p?.kind === 'operator' || (p?.kind === 'tenant' && p.tenantId === id);
      if (!visible || !UUID.test(id)) {
        return sendProblem(reply, 404, 'tenant_not_found', `no tenant ${id}`);
      }
      const result = await getFeeSchedule(ctx, id);
      return result.ok ? feesView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
}
