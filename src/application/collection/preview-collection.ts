/**
 * What a run for a date would do, without doing it: the engine's decision for every invoice due
 * on that date, read without locks and applied to nothing.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { decideNextStep } from '../../domain/collection/engine.ts';
import type { Decision } from '../../domain/collection/decision.ts';
import { ReferenceRateUnknownError } from '../../domain/interest/reference-rate.ts';
import type { AppContext } from '../context.ts';
import { referenceRatesIn } from '../reference-rates.ts';
import { registeredAddressOf, toSnapshot } from './case-snapshot.ts';

export type PreviewItem = {
  tenantId: string;
  invoiceId: string;
  invoiceNumber: bigint | null;
  /** null when the step cannot be decided: see blocked. */
  decision: Decision | null;
  /** Why a run would report the invoice as blocked (e.g. reference_rate_not_published). */
  blocked: { code: string; validFrom: string; message: string } | null;
};

export async function previewCollection(
  ctx: AppContext,
  date: CalendarDate,
  tenantIds: readonly string[],
  limit = 1000,
): Promise<PreviewItem[]> {
  const items: PreviewItem[] = [];
  const rates = await referenceRatesIn(ctx.uow.read, 'none');
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
      const item = { tenantId, invoiceId, invoiceNumber: c.invoice.number };
      try {
        const decision = decideNextStep(toSnapshot(c, address !== null), policy, date, rates);
        items.push({ ...item, decision, blocked: null });
      } catch (error) {
        if (!(error instanceof ReferenceRateUnknownError)) throw error;
        const { code, validFrom, message } = error;
        items.push({ ...item, decision: null, blocked: { code, validFrom, message } });
      }
    }
    if (items.length >= limit) break;
  }
  return items;
}
