/**
 * The client's collection policy: read it, change it. A change is validated against the law as a
 * whole (every issue named with its limit) and stored as a new version; the next step of every
 * open invoice follows it, and each step records the version that decided it.
 */
import {
  applyPolicyPatch,
  type CollectionPolicy,
  type PolicyPatch,
} from '../../domain/collection/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { invalidInput, useCaseError, type UseCaseError } from '../errors.ts';

export async function getPolicy(
  ctx: AppContext,
  tenantId: string,
): Promise<Result<CollectionPolicy, UseCaseError>> {
  if ((await ctx.uow.read.tenants.get(tenantId)) === null)
    return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
  return ok(await ctx.uow.read.collection.policy(tenantId));
}

export async function updatePolicy(
  ctx: AppContext,
  tenantId: string,
  patch: PolicyPatch,
): Promise<Result<CollectionPolicy, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    if ((await stores.tenants.get(tenantId)) === null)
      return err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));
    const current = await stores.collection.policy(tenantId);
    const next = applyPolicyPatch(current, patch);
    if (!next.ok) return err(invalidInput(next.error));
    await stores.collection.savePolicy(tenantId, next.value, ctx.clock.now());
    return ok(next.value);
  });
}
