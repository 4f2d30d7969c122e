/** Customers (tenant): create, read, update, search. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../application/context.ts';
import {
  createCustomer,
  getCustomer,
  searchCustomers,
  updateCustomer,
  type CustomerInput,
} from '../../application/customers.ts';
import type { PostalAddress } from '../../application/records.ts';
import { tenantOf } from '../auth.ts';
import { sendUseCaseError } from '../errors.ts';
import { idempotent } from '../idempotency.ts';
import { idParam, UUID } from '../schemas/common.ts';
import { customerBody, customerListQuery, customerPatchBody } from '../schemas/resources.ts';
import { customerView } from '../views.ts';
import { notFound } from './not-found.ts';

type AddressBody =
  | { street: string; postalCode: string; city: string; country?: string | undefined }
  | null
  | undefined;

const toAddress = (a: AddressBody): PostalAddress | null | undefined =>
  a == null ? a : { ...a, country: a.country ?? 'SE' };

export function customerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/v1/customers',
    {
      config: { auth: 'tenant' },
      schema: { tags: ['customers'], summary: 'Create a customer', body: customerBody },
    },
    (request, reply) =>
      idempotent(
        ctx,
        request,
        reply,
        (c) =>
          createCustomer(c, tenantOf(request), {
            ...request.body,
            address: toAddress(request.body.address),
          }),
        (customer) => ({ status: 201, body: customerView(customer) }),
      ),
  );
  r.get(
    '/v1/customers/:id',
    {
      config: { auth: 'tenant' },
      schema: { tags: ['customers'], summary: 'Read a customer', params: idParam },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'customer', request.params.id);
      const result = await getCustomer(ctx, tenantOf(request), request.params.id);
      return result.ok ? customerView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
  r.patch(
    '/v1/customers/:id',
    {
      config: { auth: 'tenant' },
      schema: {
        tags: ['customers'],
        summary: 'Update a customer',
        params: idParam,
        body: customerPatchBody,
      },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'customer', request.params.id);
      const { address, ...rest } = request.body;
      const patch = {
        ...rest,
        ...(address === undefined ? {} : { address: toAddress(address) }),
      } as Partial<CustomerInput>;
      const result = await updateCustomer(ctx, tenantOf(request), request.params.id, patch);
      return result.ok ? customerView(result.value) : sendUseCaseError(reply, result.error);
    },
  );
  r.get(
    '/v1/customers',
    {
      config: { auth: 'tenant' },
      schema: {
        tags: ['customers'],
        summary: 'Search customers by name or number',
        querystring: customerListQuery,
      },
    },
    async (request) => {
      const page = await searchCustomers(ctx, tenantOf(request), request.query);
      return { items: page.items.map(customerView), nextCursor: page.nextCursor };
    },
  );
}
