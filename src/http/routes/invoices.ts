/** Invoices (tenant): create drafts, send, credit, read with timeline, list. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../application/context.ts';
import { creditInvoice } from '../../application/credit-invoice.ts';
import { createInvoice, getInvoice, listInvoices } from '../../application/invoices.ts';
import { sendInvoice } from '../../application/send-invoice.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { parseQuantityMilli, type InvoiceRowInput } from '../../domain/invoicing/invoice-totals.ts';
import { ore } from '../../domain/money.ts';
import { tenantOf } from '../auth.ts';
import { sendUseCaseError } from '../errors.ts';
import { idempotent } from '../idempotency.ts';
import { idParam, UUID } from '../schemas/common.ts';
import {
  asOfQuery,
  createInvoiceBody,
  creditBody,
  invoiceListQuery,
  type InvoiceRowBody,
} from '../schemas/resources.ts';
import { creditNoteView, invoiceDetailView, invoiceSummaryView } from '../views.ts';
import { notFound } from './not-found.ts';

/** Rows from JSON to the domain: quantities through their decimal text, prices to bigint öre. */
export function toRowInputs(rows: readonly InvoiceRowBody[]): InvoiceRowInput[] {
  return rows.map((row) => ({
    description: row.description,
    // The schema already allows at most three decimals, so the parse cannot fail here.
    quantityMilli: parseQuantityMilli(String(row.quantity)) ?? 0n,
    unit: row.unit,
    unitPrice: ore(BigInt(row.unitPrice)),
    vatRate: row.vatRate,
  }));
}

export function invoiceRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['invoices'];
  r.post(
    '/v1/invoices',
    {
      config: { auth: 'tenant' },
      schema: { tags, summary: 'Create an invoice (a draft)', body: createInvoiceBody },
    },
    (request, reply) => {
      const b = request.body;
      return idempotent(
        ctx,
        request,
        reply,
        (c) =>
          createInvoice(c, tenantOf(request), {
            ...b,
            invoiceDate: b.invoiceDate as CalendarDate,
            dueDate: b.dueDate as CalendarDate | undefined,
            rows: toRowInputs(b.rows),
          }),
        (invoice) => ({ status: 201, body: invoiceSummaryView(invoice) }),
      );
    },
  );
  r.post(
    '/v1/invoices/:id/send',
    {
      config: { auth: 'tenant' },
      schema: { tags, summary: 'Send an invoice: number, OCR, booking', params: idParam },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'invoice', request.params.id);
      return idempotent(
        ctx,
        request,
        reply,
        (c) => sendInvoice(c, tenantOf(request), request.params.id),
        (invoice) => ({
          status: 200,
          body: invoiceSummaryView(invoice),
        }),
      );
    },
  );
  r.post(
    '/v1/invoices/:id/credit',
    {
      config: { auth: 'tenant' },
      schema: {
        tags,
        summary: 'Credit note, whole (no rows) or partial',
        params: idParam,
        body: creditBody,
      },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'invoice', request.params.id);
      const rows = request.body.rows === undefined ? undefined : toRowInputs(request.body.rows);
      return idempotent(
        ctx,
        request,
        reply,
        (c) => creditInvoice(c, tenantOf(request), request.params.id, rows),
        (v) => ({
          status: 201,
          body: {
            invoice: invoiceSummaryView(v.invoice),
            creditNote: creditNoteView(v.creditNote),
          },
        }),
      );
    },
  );
  r.get(
    '/v1/invoices/:id',
    {
      config: { auth: 'tenant' },
      schema: {
        tags,
        summary: 'Read an invoice with its balance and timeline',
        params: idParam,
        querystring: asOfQuery,
      },
    },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply, 'invoice', request.params.id);
      const asOf = (request.query.asOf ?? ctx.clock.today()) as CalendarDate;
      const result = await getInvoice(ctx, tenantOf(request), request.params.id, asOf);
      if (!result.ok) return sendUseCaseError(reply, result.error);
      return invoiceDetailView(result.value, asOf);
    },
  );
  r.get(
    '/v1/invoices',
    {
      config: { auth: 'tenant' },
      schema: { tags, summary: 'List invoices (cursor-paginated)', querystring: invoiceListQuery },
    },
    async (request) => {
      const q = request.query;
      if (q.customerId !== undefined && !UUID.test(q.customerId))
        return { items: [], nextCursor: null };
      const page = await listInvoices(ctx, tenantOf(request), {
        status: q.status,
        stage: q.stage,
        customerId: q.customerId,
        overdueOn: q.overdue === 'true' ? ctx.clock.today() : undefined,
        limit: q.limit,
        cursor: q.cursor,
      });
      return { items: page.items.map(invoiceSummaryView), nextCursor: page.nextCursor };
    },
  );
}
