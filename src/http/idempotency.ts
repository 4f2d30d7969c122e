/**
 * Idempotency-Key for creating POSTs: the key, a hash of the request and the first response are
 * stored in the same transaction as the write. Same key and body → the first response again;
 * same key, different body → 409. Requests without the header simply run once.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../application/context.ts';
import type { UseCaseError } from '../application/errors.ts';
import type { Stores, UnitOfWork } from '../application/stores.ts';
import type { Result } from '../domain/result.ts';
import { sendProblem, sendUseCaseError } from './errors.ts';

const NIL_SCOPE = '00000000-0000-0000-0000-000000000000';

class AbortWith extends Error {
  constructor(readonly error: UseCaseError) {
    super(error.code);
  }
}

/** A unit of work that joins the caller's open transaction instead of starting its own. */
function joined(stores: Stores): UnitOfWork {
  return { transaction: (fn) => fn(stores), read: stores };
}

export async function idempotent<T>(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  run: (ctx: AppContext) => Promise<Result<T, UseCaseError>>,
  respond: (value: T) => { status: number; body: unknown },
) {
  const rawKey = request.headers['idempotency-key'];
  const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
  if (key === undefined) {
    const result = await run(ctx);
    if (!result.ok) return sendUseCaseError(reply, result.error);
    const { status, body } = respond(result.value);
    return reply.code(status).send(body);
  }
  if (key.length < 1 || key.length > 255) {
    return sendProblem(
      reply,
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1–255 characters',
    );
  }
  const scope = request.principal?.kind === 'tenant' ? request.principal.tenantId : NIL_SCOPE;
  const hash = createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');
  try {
    const outcome = await ctx.uow.transaction(async (stores) => {
      const claim = await stores.idempotency.claim(scope, key, hash, ctx.clock.now());
      if (claim.kind !== 'claimed') return claim;
      const result = await run({ ...ctx, uow: joined(stores) });
      if (!result.ok) throw new AbortWith(result.error);
      const response = respond(result.value);
      await stores.idempotency.complete(scope, key, response.status, response.body);
      return { kind: 'fresh' as const, ...response };
    });
    switch (outcome.kind) {
      case 'mismatch':
        return sendProblem(
          reply,
          409,
          'idempotency_key_reused_with_different_input',
          `Idempotency-Key '${key}' was used with a different request`,
        );
      case 'replay':
        return reply
          .code(outcome.statusCode)
          .header('idempotent-replayed', 'true')
          .send(outcome.body);
      case 'fresh':
        return reply.code(outcome.status).send(outcome.body);
    }
  } catch (error) {
    if (error instanceof AbortWith) return sendUseCaseError(reply, error.error);
    throw error;
  }
}
