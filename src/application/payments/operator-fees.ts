/**
 * The operator's fee schedule per client: read by the client or the operator, set by the
 * operator only (the route decides who). A change applies from the next payout run.
 */
import {
  NO_FEES,
  validateFeeSchedule,
  type FeeSchedule,
} from '../../domain/payouts/operator-fees.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { invalidInput, useCaseError, type UseCaseError } from '../errors.ts';
import type { FeeScheduleRecord } from './operator-fee-store.ts';

const noTenant = (tenantId: string) =>
  err(useCaseError('tenant_not_found', `no tenant ${tenantId}`));

/** No schedule row means no fees: all zero, never updated. */
export async function getFeeSchedule(
  ctx: AppContext,
  tenantId: string,
): Promise<Result<FeeScheduleRecord, UseCaseError>> {
  const stores = ctx.uow.read;
  if ((await stores.tenants.get(tenantId)) === null) return noTenant(tenantId);
  return ok((await stores.payments.feeSchedule(tenantId)) ?? { ...NO_FEES, updatedAt: null });
}

export async function setFeeSchedule(
  ctx: AppContext,
  tenantId: string,
  schedule: FeeSchedule,
): Promise<Result<FeeScheduleRecord, UseCaseError>> {
  const issues = validateFeeSchedule(schedule);
  if (issues.length > 0) return err(invalidInput(issues));
  return runUseCase(ctx.uow, async (stores) => {
    if ((await stores.tenants.get(tenantId)) === null) return noTenant(tenantId);
    const now = ctx.clock.now();
    await stores.payments.putFeeSchedule(tenantId, schedule, now);
    return ok({ ...schedule, updatedAt: now });
  });
}
