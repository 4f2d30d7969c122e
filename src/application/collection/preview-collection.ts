/**
 * What a run for a date would do, without doing it: the engine's decision for every invoice due
 * on that date, read without locks and applied to nothing.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { decideNextStep } from '../../domain/collection/engine.ts';
import type { Decision } from '../../domain/collection/decision.ts';
import type { AppContext } from '../context.ts';
import { registeredAddressOf, toSnapshot } from './case-snapshot.ts';

export type PreviewItem = {
  tenantId: string;
  invoiceId: string;
  invoiceNumber: bigint | null;
  decision: Decision;
};

export async function previewCollection(
  ctx: AppContext,
  date: CalendarDate,
  tenantIds: readonly string[],
  limit = 1000,
): Promise<PreviewItem[]> {
  const items: PreviewItem[] = [];
  for (const tenantId of tenantIds) {
    const policy = await ctx.uow.read.collection.policy(tenantId);
    for (const invoiceId of await ctx.uow.read.collection.dueInvoiceIds(
      tenantId,
      date,
      limit - items.length,
    )) {
      const c = await ctx.uow.read.collection.loadCase(tenantId, invoiceId, { lock: 'none' });
      if (c === null) continue;
      const address = await registeredAddressOf(ctx, c);
      items.push({
        tenantId,
        invoiceId,
        invoiceNumber: c.invoice.number,
        decision: decideNextStep(toSnapshot(c, address !== null), policy, date),
      });
    }
    if (items.length >= limit) break;
  }
  return items;
}
