/**
 * The operator's installation-wide settings: the referensränta table (built-in rows and the
 * half-years the operator publishes without a release).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../application/context.ts';
import {
  listReferenceRates,
  publishReferenceRate,
  type ReferenceRateTable,
} from '../../application/reference-rates.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { sendUseCaseError } from '../errors.ts';
import { calendarDateText } from '../schemas/common.ts';

const publishBody = z.strictObject({
  referenceRateBasisPoints: z
    .int()
    .describe('Riksbank’s referensränta in basis points (200 = 2.00 %), a multiple of 50'),
  note: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Where the figure comes from, e.g. “Riksbanken 2026-06-30”'),
});

function tableView(table: ReferenceRateTable) {
  return {
    knownThrough: table.knownThrough,
    nextValidFrom: table.nextValidFrom,
    rows: table.rows.map((r) => ({
      validFrom: r.validFrom,
      validTo: r.validTo,
      referenceRateBasisPoints: Number(r.referenceRateBasisPoints),
      lateInterestRateBasisPoints: Number(r.referenceRateBasisPoints) + 800,
      source: r.source,
      publishedBy: r.publishedBy,
      publishedAt: r.publishedAt,
      note: r.note,
      revision: r.revision,
    })),
  };
}

export function operatorRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operator'];
  r.get(
    '/v1/operator/reference-rates',
    {
      config: { auth: 'operator' },
      schema: {
        tags,
        summary: 'The referensränta table: built-in rows and those the operator published',
      },
    },
    async () => tableView(await listReferenceRates(ctx)),
  );
  r.put(
    '/v1/operator/reference-rates/:validFrom',
    {
      config: { auth: 'operator' },
      schema: {
        tags,
        summary:
          'Publish the next half-year’s referensränta, or correct an operator row not yet used',
        params: z.object({ validFrom: calendarDateText }),
        body: publishBody,
      },
    },
    async (request, reply) => {
      const result = await publishReferenceRate(
        ctx,
        {
          validFrom: request.params.validFrom as CalendarDate,
          referenceRateBasisPoints: BigInt(request.body.referenceRateBasisPoints),
          note: request.body.note,
        },
        'operator',
      );
      if (!result.ok) return sendUseCaseError(reply, result.error);
      const view = tableView(result.value.table);
      return reply.code(result.value.outcome === 'added' ? 201 : 200).send({
        outcome: result.value.outcome,
        rate: view.rows.find((row) => row.validFrom === request.params.validFrom),
        knownThrough: view.knownThrough,
        nextValidFrom: view.nextValidFrom,
      });
    },
  );
}
