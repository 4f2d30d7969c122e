/**
 * buildApp: the HTTP surface as a Fastify instance, never listening by itself (tests use
 * inject()). zod schemas validate requests and feed the OpenAPI document at /openapi.json.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../application/context.ts';
import { makeAuthenticator } from './auth.ts';
import { errorHandler, sendProblem } from './errors.ts';
import { collectionRoutes, type CollectionHttpOptions } from './routes/collection.ts';
import { customerCreditRoutes } from './routes/customer-credit.ts';
import { customerRoutes } from './routes/customers.ts';
import { documentRoutes } from './routes/documents.ts';
import type { DeliveryDeps } from '../application/deliver-outbox.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { operatorRoutes } from './routes/operator.ts';
import { operatorFeeRoutes } from './routes/operator-fees.ts';
import { paymentRoutes } from './routes/payments.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { webRoutes } from './routes/web.ts';

export type AppOptions = {
  readonly ctx: AppContext;
  /** Hash of the operator token (KeyHasher.hash). */
  readonly operatorTokenHash: string;
  readonly logger?: FastifyServerOptions['logger'];
  readonly version?: string;
  /** Rendering and the delivery channels: documents are re-rendered on demand. */
  readonly delivery: DeliveryDeps;
  /** Clock mode for collection runs; default 'system'. */
  readonly collection?: CollectionHttpOptions;
};

/** Request logs carry method and path only: query strings may hold identity numbers. */
export const logSerializers = {
  req: (req: { method: string; url: string; id: string }) => ({
    id: req.id,
    method: req.method,
    path: req.url.split('?')[0],
  }),
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof Error && error.name === 'CursorError') {
      return sendProblem(reply, 400, 'invalid_cursor', error.message);
    }
    return errorHandler(error as Parameters<typeof errorHandler>[0], request, reply);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      404,
      'route_not_found',
      `no route ${request.method} ${request.url.split('?')[0]}`,
    ),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Reskontra API',
        version: options.version ?? '0.1.0',
        description:
          'Invoicing and collection for Swedish businesses. Amounts are integer öre; dates are YYYY-MM-DD.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', makeAuthenticator(options.ctx, options.operatorTokenHash));
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/health', { schema: { hide: true } }, () => ({ status: 'ok' }));

  tenantRoutes(app, options.ctx);
  customerRoutes(app, options.ctx);
  invoiceRoutes(app, options.ctx);
  ledgerRoutes(app, options.ctx);
  documentRoutes(app, options.ctx, options.delivery);
  collectionRoutes(app, options.ctx, options.collection ?? { clockMode: 'system' });
  operatorRoutes(app, options.ctx);
  operatorFeeRoutes(app, options.ctx);
  webRoutes(app);
  paymentRoutes(app, options.ctx, options.delivery.renderer);
  customerCreditRoutes(app, options.ctx);
  return app;
}
