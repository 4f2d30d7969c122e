/** The books (tenant): trial balance, and the receivable reconciliation. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import iconv from 'iconv-lite';
import { z } from 'zod';
import type { AppContext } from '../../application/context.ts';
import { exportSie } from '../../application/export-sie.ts';
import { receivableReconciliation, trialBalance } from '../../application/ledger.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { oreToSafeNumber } from '../../domain/money.ts';
import { tenantOf } from '../auth.ts';
import { sendUseCaseError } from '../errors.ts';
import { dateQuery } from '../schemas/resources.ts';

export function ledgerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/ledger/trial-balance',
    {
      config: { auth: 'tenant' },
      schema: {
        tags: ['books'],
        summary: 'Trial balance through a date (default today); always balanced',
        querystring: dateQuery,
      },
    },
    async (request) => {
      const date = (request.query.date ?? ctx.clock.today()) as CalendarDate;
      const lines = await trialBalance(ctx, tenantOf(request), date);
      return lines.map((l) => ({
        account: l.account,
        name: l.name,
        debit: oreToSafeNumber(l.debit),
        credit: oreToSafeNumber(l.credit),
      }));
    },
  );
  r.get(
    '/v1/exports/sie',
    {
      config: { auth: 'tenant' },
      schema: {
        tags: ['books'],
        summary: 'The year’s books as SIE 4 (CP437, #FORMAT PC8)',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (request, reply) => {
      const result = await exportSie(ctx, tenantOf(request), request.query.year);
      if (!result.ok) return sendUseCaseError(reply, result.error);
      return reply
        .type('text/plain; charset=IBM437')
        .header('content-disposition', `attachment; filename="reskontra-${request.query.year}.se"`)
        .send(iconv.encode(result.value, 'cp437'));
    },
  );
  r.get(
    '/v1/ledger/reconciliation',
    {
      config: { auth: 'tenant' },
      schema: { tags: ['books'], summary: 'Receivable account against the sum of open invoices' },
    },
    async (request, reply) => {
      const result = await receivableReconciliation(ctx, tenantOf(request));
      if (!result.ok) return sendUseCaseError(reply, result.error);
      const { account, ledger, invoices } = result.value;
      return {
        account,
        ledgerBalance: oreToSafeNumber(ledger),
        openInvoices: oreToSafeNumber(invoices),
        balanced: ledger === invoices,
      };
    },
  );
}
