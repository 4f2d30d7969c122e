/**
 * Payments and payouts: bank-file import (raw BgMax / camt.054 bodies up to 50 MB), manual
 * payments, the unmatched queue and manual matching; the payout run, its pain.001 file and
 * each client's settlement report. A client uses its own queue; the operator token the operator's.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../application/context.ts';
import { importBankFile } from '../../application/payments/import-bank-file.ts';
import { getPayment, listPayments } from '../../application/payments/list-payments.ts';
import { matchPayment } from '../../application/payments/match-payment.ts';
import { OPERATOR_SCOPE } from '../../application/payments/payment-store.ts';
import {
  getPayoutFile,
  getSettlementPdf,
  getSettlementReport,
} from '../../application/payments/payout-reports.ts';
import type { DocumentRenderer } from '../../application/ports.ts';
import { registerManualPayment } from '../../application/payments/register-manual-payment.ts';
import { runPayouts } from '../../application/payments/run-payouts.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import {
  SETTLEMENT_CSV_MEDIA_TYPE,
  UTF8_BOM_BYTES,
} from '../../domain/payouts/settlement-report.ts';
import { tenantOf } from '../auth.ts';
import { sendProblem, sendUseCaseError } from '../errors.ts';
import { idempotent } from '../idempotency.ts';
import { calendarDateText, idParam, MAX_ORE, paginationQuery, UUID } from '../schemas/common.ts';
import {
  importResultView,
  paymentDetailView,
  paymentListItemView,
  payoutRunView,
} from '../payment-views.ts';
import { notFound } from './not-found.ts';

/** Bank files of 100 000 payments are ~20 MB of BgMax; 50 MB leaves room and stops abuse. */
export const MAX_BANK_FILE_BYTES = 50 * 1024 * 1024;
const RAW_TYPES = ['text/plain', 'application/octet-stream', 'application/xml', 'text/xml'];

const manualPaymentBody = z.strictObject({
  invoiceId: z.string().optional(),
  ocr: z
    .string()
    .regex(/^\d{2,25}$/, 'must be 2–25 digits')
    .optional(),
  amount: z.int().min(1).max(MAX_ORE).describe('Öre, > 0'),
  date: calendarDateText,
  reference: z.string().trim().min(1).max(100).optional(),
});
const matchBody = z.strictObject({
  invoiceId: z.string(),
  tenantId: z.string().optional().describe('Operator only: the client whose invoice it pays'),
});
const listQuery = z.object({ unmatched: z.enum(['true', 'false']).optional(), ...paginationQuery });
const runBody = z.strictObject({ date: calendarDateText });
const reportQuery = z.object({
  tenant: z.string().optional(),
  format: z.enum(['csv', 'pdf']).optional().describe('csv (default) or pdf'),
});

/** The queue a request works on: its client's, or the operator's (the nil scope). */
const queueOf = (request: FastifyRequest): string =>
  request.principal?.kind === 'tenant' ? request.principal.tenantId : OPERATOR_SCOPE;

/**
 * Registered in their own plugin scope so the raw-body parsers (text/plain, XML, octet-stream
 * as a Buffer) apply to these routes only; every other route keeps Fastify's defaults.
 */
export function paymentRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  renderer: Pick<DocumentRenderer, 'renderSettlementReport'>,
) {
  void app.register((scope, _options, done) => {
    for (const type of RAW_TYPES) {
      scope.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: MAX_BANK_FILE_BYTES },
        (_request, body, parsed) => parsed(null, body),
      );
    }
    routes(scope, ctx, renderer);
    done();
  });
}

function routes(
  app: FastifyInstance,
  ctx: AppContext,
  renderer: Pick<DocumentRenderer, 'renderSettlementReport'>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payments'];
  r.post(
    '/v1/payments/import',
    {
      config: { auth: 'operator_or_tenant' },
      bodyLimit: MAX_BANK_FILE_BYTES,
      schema: {
        tags,
        summary: 'Import a bank file: BgMax (text/plain) or camt.054 (application/xml)',
        description:
          'The raw file as the body. A client key imports for itself; the operator token imports the operator account, routed to clients by OCR. The same file twice answers 409; an invalid file 422 naming line and field; nothing is booked then.',
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!(body instanceof Buffer)) {
        return sendProblem(
          reply,
          415,
          'unsupported_media_type',
          `send the file as ${RAW_TYPES.join(', ')}`,
        );
      }
      const result = await importBankFile(
        ctx,
        queueOf(request),
        body,
        request.headers['content-type'],
      );
      if (!result.ok) return sendUseCaseError(reply, result.error);
      return reply.code(201).send(importResultView(result.value));
    },
  );
  r.post(
    '/v1/payments',
    {
      config: { auth: 'tenant' },
      schema: {
        tags,
        summary: 'Register a payment by hand (to an invoice id or OCR)',
        body: manualPaymentBody,
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (b.invoiceId !== undefined && !UUID.test(b.invoiceId)) {
        return notFound(reply, 'invoice', b.invoiceId);
      }
      return idempotent(
        ctx,
        request,
        reply,
        (c) =>
          registerManualPayment(c, tenantOf(request), {
            invoiceId: b.invoiceId,
            ocr: b.ocr,
            amount: ore(BigInt(b.amount)),
            date: b.date as CalendarDate,
            reference: b.reference,
          }),
        (detail) => ({ status: 201, body: paymentDetailView(detail) }),
      );
    },
  );
  r.get(
    '/v1/payments',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary: 'Payments; ?unmatched=true: the queue, with suggestions',
        querystring: listQuery,
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listPayments(ctx, queueOf(request), {
        unmatched: q.unmatched === 'true',
        limit: q.limit,
        cursor: q.cursor,
      });
      return { items: page.items.map(paymentListItemView), nextCursor: page.nextCursor };
    },
  );
  r.get(
    '/v1/payments/:id',
    {
      config: { auth: 'operator_or_tenant' },
      schema: { tags, summary: 'One payment with its allocations', params: idParam },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'payment', request.params.id);
      const result = await getPayment(ctx, queueOf(request), request.params.id);
      if (!result.ok) return sendUseCaseError(reply, result.error);
      return paymentListItemView(result.value);
    },
  );
  r.post(
    '/v1/payments/:id/match',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary: 'Match a queued payment to an invoice',
        params: idParam,
        body: matchBody,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { invoiceId, tenantId } = request.body;
      if (!UUID.test(id)) return notFound(reply, 'payment', id);
      if (!UUID.test(invoiceId)) return notFound(reply, 'invoice', invoiceId);
      if (tenantId !== undefined && !UUID.test(tenantId))
        return notFound(reply, 'tenant', tenantId);
      const result = await matchPayment(ctx, queueOf(request), id, { invoiceId, tenantId });
      if (!result.ok) return sendUseCaseError(reply, result.error);
      return paymentDetailView(result.value);
    },
  );
  payoutRoutes(app, ctx, renderer);
}

function payoutRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  renderer: Pick<DocumentRenderer, 'renderSettlementReport'>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payouts'];
  r.post(
    '/v1/payouts/run',
    {
      config: { auth: 'operator' },
      schema: { tags, summary: 'Pay out collected client funds: one pain.001 file', body: runBody },
    },
    async (request, reply) => {
      const result = await runPayouts(ctx, request.body.date as CalendarDate);
      if (!result.ok) return sendUseCaseError(reply, result.error);
      return reply.code(result.value.fileId === null ? 200 : 201).send(payoutRunView(result.value));
    },
  );
  r.get(
    '/v1/payouts/:id/file',
    {
      config: { auth: 'operator' },
      schema: {
        tags,
        summary: 'The pain.001 credit-transfer file of a payout run',
        params: idParam,
      },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'payout', request.params.id);
      const result = await getPayoutFile(ctx, request.params.id);
      if (!result.ok) return sendUseCaseError(reply, result.error);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${result.value.messageId}.xml"`)
        .send(result.value.content);
    },
  );
  r.get(
    '/v1/payouts/:id/report',
    {
      config: { auth: 'operator_or_tenant' },
      schema: {
        tags,
        summary:
          'A client’s settlement report for a payout run (CSV, or ?format=pdf); the operator names ?tenant=',
        params: idParam,
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const tenant =
        request.principal?.kind === 'tenant' ? tenantOf(request) : request.query.tenant;
      if (!UUID.test(request.params.id)) return notFound(reply, 'payout', request.params.id);
      if (tenant === undefined || !UUID.test(tenant)) {
        return sendProblem(reply, 400, 'tenant_required', 'name the client: ?tenant=<tenant id>');
      }
      if (request.query.format === 'pdf') {
        const pdf = await getSettlementPdf(ctx, renderer, tenant, request.params.id);
        if (!pdf.ok) return sendUseCaseError(reply, pdf.error);
        return reply
          .type(pdf.value.pdf.contentType)
          .header('content-disposition', `attachment; filename="${pdf.value.pdf.fileName}"`)
          .send(Buffer.from(pdf.value.pdf.bytes));
      }
      const result = await getSettlementReport(ctx, tenant, request.params.id);
      if (!result.ok) return sendUseCaseError(reply, result.error);
      const csv = Buffer.concat([
        Buffer.from(UTF8_BOM_BYTES),
        Buffer.from(result.value.report.csv, 'utf8'),
      ]);
      return reply
        .type(SETTLEMENT_CSV_MEDIA_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="avrakning-${result.value.payout.payoutDate}.csv"`,
        )
        .send(csv);
    },
  );
}
