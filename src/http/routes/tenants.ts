/** Tenants (operator): create a client and hand out its API key once. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../application/context.ts';
import { createTenant, searchTenants } from '../../application/tenants.ts';
import { idempotent } from '../idempotency.ts';
import { createTenantBody, customerListQuery } from '../schemas/resources.ts';
import { idParam } from '../schemas/common.ts';
import { tenantView } from '../views.ts';
import { sendProblem } from '../errors.ts';

export function tenantRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/v1/tenants',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['tenants'],
        summary: 'Create a client (tenant); the API key is shown once',
        body: createTenantBody,
      },
    },
    (request, reply) =>
      idempotent(
        ctx,
        request,
        reply,
        (c) =>
          createTenant(c, {
            ...request.body,
            address: request.body.address && {
              ...request.body.address,
              country: request.body.address.country ?? 'SE',
            },
          }),
        ({ tenant, apiKey }) => ({ status: 201, body: { ...tenantView(tenant), apiKey } }),
      ),
  );
  r.get(
    '/v1/tenants',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['tenants'],
        summary: 'List clients by tenant number; query matches name, organisation or tenant number',
        querystring: customerListQuery,
      },
    },
    async (request) => {
      const page = await searchTenants(ctx, request.query);
      return { items: page.items.map(tenantView), nextCursor: page.nextCursor };
    },
  );
  r.get(
    '/v1/tenants/:id',
    {
      config: { auth: 'operator_or_tenant' },
      schema: { tags: ['tenants'], summary: 'Read a client', params: idParam },
    },
    async (request, reply) => {
      const p = request.principal;
      const id = request.params.id;
      const visible = p?.kind === 'operator' || (p?.kind === 'tenant' && p.tenantId === id);
      const tenant =
        visible && /^[0-9a-f-]{36}$/i.test(id) ? await ctx.uow.read.tenants.get(id) : null;
      if (tenant === null) return sendProblem(reply, 404, 'tenant_not_found', `no tenant ${id}`);
      return tenantView(tenant);
    },
  );
}
