/**
 * Authentication: 'Authorization: Bearer <key>'. The operator token (RESKONTRA_ADMIN_TOKEN) may
 * manage tenants and run jobs; a tenant key sees only its own client's data.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../application/context.ts';
import { authenticateTenantKey } from '../application/tenants.ts';
import { sendProblem } from './errors.ts';

export type Principal = { kind: 'operator' } | { kind: 'tenant'; tenantId: string };
export type AuthNeed = 'operator' | 'tenant' | 'operator_or_tenant';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    auth?: AuthNeed;
  }
}

/** operatorTokenHash: the hash (KeyHasher.hash) of the operator token; the token is never kept. */
export function makeAuthenticator(ctx: AppContext, operatorTokenHash: string) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const need = request.routeOptions.config.auth;
    if (need === undefined) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      return sendProblem(reply, 401, 'unauthorized', 'send Authorization: Bearer <api key>');
    }
    const presented = match[1]!;
    let principal: Principal | null = null;
    if (ctx.keys.matches(presented, operatorTokenHash)) principal = { kind: 'operator' };
    else {
      const tenant = await authenticateTenantKey(ctx, presented);
      if (tenant !== null) principal = { kind: 'tenant', tenantId: tenant.tenantId };
    }
    if (principal === null)
      return sendProblem(reply, 401, 'unauthorized', 'the API key is not valid');
    const allowed =
      need === 'operator_or_tenant' ||
      (need === 'operator' && principal.kind === 'operator') ||
      (need === 'tenant' && principal.kind === 'tenant');
    if (!allowed) {
      const who = need === 'operator' ? 'the operator token' : 'a tenant API key';
      return sendProblem(reply, 403, 'forbidden', `this endpoint needs ${who}`);
    }
    request.principal = principal;
  };
}

/** The tenant of a tenant-key request (routes with auth 'tenant' only). */
export function tenantOf(request: FastifyRequest): string {
  const p = request.principal;
  if (p?.kind !== 'tenant') throw new Error('tenantOf on a request without a tenant principal');
  return p.tenantId;
}
