/** Documents (tenant): the document itself, its delivery failures; tasks; the dispatcher (operator). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../application/context.ts';
import { deliverOutbox, type DeliveryDeps } from '../../application/deliver-outbox.ts';
import {
  listTasks,
  renderStoredDocument,
  reportDeliveryFailure,
} from '../../application/documents.ts';
import { tenantOf } from '../auth.ts';
import { sendUseCaseError } from '../errors.ts';
import { idParam, UUID } from '../schemas/common.ts';
import { documentView, taskView } from '../views.ts';
import { notFound } from './not-found.ts';

const failureBody = z.strictObject({ reason: z.string().max(500).optional() }).nullish();

export function documentRoutes(app: FastifyInstance, ctx: AppContext, delivery: DeliveryDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/documents/:id',
    {
      config: { auth: 'tenant' },
      schema: {
        tags: ['documents'],
        summary:
          'The document itself: application/pdf, message/rfc822 (e-mail) or application/xml (e-invoice)',
        params: idParam,
      },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'document', request.params.id);
      const result = await renderStoredDocument(
        ctx,
        delivery.renderer,
        tenantOf(request),
        request.params.id,
      );
      if (!result.ok) return sendUseCaseError(reply, result.error);
      const { rendered, document } = result.value;
      return reply
        .type(rendered.contentType)
        .header('content-disposition', `inline; filename="${rendered.fileName}"`)
        .header('reskontra-document-status', document.status)
        .send(Buffer.from(rendered.bytes));
    },
  );
  for (const failure of ['bounced', 'returned'] as const) {
    r.post(
      `/v1/documents/:id/${failure}`,
      {
        config: { auth: 'tenant' },
        schema: {
          tags: ['documents'],
          summary:
            failure === 'bounced'
              ? 'An e-mail bounced: task + fallback letter'
              : 'A letter came back: task',
          params: idParam,
          body: failureBody,
        },
      },
      async (request, reply) => {
        if (!UUID.test(request.params.id)) return notFound(reply, 'document', request.params.id);
        const result = await reportDeliveryFailure(
          ctx,
          tenantOf(request),
          request.params.id,
          failure,
          request.body?.reason,
        );
        if (!result.ok) return sendUseCaseError(reply, result.error);
        return {
          document: documentView(result.value.document),
          fallbackDocumentId: result.value.fallbackDocumentId,
        };
      },
    );
  }
  r.get(
    '/v1/tasks',
    {
      config: { auth: 'tenant' },
      schema: {
        tags: ['tasks'],
        summary: 'What the client must act on',
        querystring: z.object({ status: z.enum(['open', 'done']).optional() }),
      },
    },
    async (request) => ({
      items: (await listTasks(ctx, tenantOf(request), request.query.status)).map(taskView),
    }),
  );
  r.post(
    '/v1/outbox/deliver',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['jobs'],
        summary: 'Deliver queued documents now (the server also does it on an interval)',
      },
    },
    async () => deliverOutbox(ctx, delivery),
  );
}
