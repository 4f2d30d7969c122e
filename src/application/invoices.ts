/**
 * Use cases for invoices: create a draft, read, list. Sending and crediting are in their own
 * files. Every change to an invoice locks its row first and commits with its events and entries.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import { validateInvoiceDraft } from '../domain/invoicing/invoice-draft.ts';
import type { InvoiceRowInput } from '../domain/invoicing/invoice-totals.ts';
import { ZERO_ORE } from '../domain/money.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { runUseCase, type AppContext } from './context.ts';
import { invalidInput, useCaseError, type UseCaseError } from './errors.ts';
import type {
  DeliveryMethod,
  DocumentRecord,
  InvoiceEventRecord,
  InvoiceRecord,
  CreditNoteRecord,
} from './records.ts';
import type { InvoiceFilter, Page } from './stores.ts';

export type CreateInvoiceInput = {
  readonly customerId: string;
  readonly invoiceDate: CalendarDate;
  readonly dueDate?: CalendarDate | undefined;
  readonly termsDays?: number | undefined;
  readonly deliveryMethod?: DeliveryMethod | undefined;
  readonly yourReference?: string | undefined;
  readonly ourReference?: string | undefined;
  readonly rows: readonly InvoiceRowInput[];
};

export async function createInvoice(
  ctx: AppContext,
  tenantId: string,
  input: CreateInvoiceInput,
): Promise<Result<InvoiceRecord, UseCaseError>> {
  const validated = validateInvoiceDraft(input);
  return runUseCase(ctx.uow, async (stores) => {
    const customer = await stores.customers.get(tenantId, input.customerId);
    const issues = [...validated.issues];
    if (customer === null) {
      issues.unshift({
        path: 'customerId',
        code: 'customer_not_found',
        message: 'no such customer',
      });
    }
    if (issues.length > 0 || customer === null || validated.draft === undefined)
      return err(invalidInput(issues));
    const { totals, dueDate } = validated.draft;
    const now = ctx.clock.now();
    const invoice: InvoiceRecord = {
      invoiceId: ctx.ids.newId(),
      customerId: customer.customerId,
      number: null,
      ocr: null,
      status: 'draft',
      stage: 'none',
      disputed: false,
      invoiceDate: input.invoiceDate,
      dueDate,
      sentDate: null,
      deliveryMethod: input.deliveryMethod ?? customer.deliveryMethod,
      language: customer.language,
      yourReference: input.yourReference ?? null,
      ourReference: input.ourReference ?? null,
      customerEmailAtCreation: customer.email,
      net: totals.net,
      vat: totals.vat,
      total: totals.total,
      credited: ZERO_ORE,
      principalOpen: ZERO_ORE,
      feesOpen: ZERO_ORE,
      interestOpen: ZERO_ORE,
      nextActionDate: null,
      createdAt: now,
      updatedAt: now,
      rows: totals.rows,
    };
    await stores.invoices.insert(tenantId, invoice);
    await stores.invoices.addEvent(
      tenantId,
      invoice.invoiceId,
      {
        date: ctx.clock.today(),
        type: 'created',
        amount: totals.total,
        documentId: null,
        policyVersion: null,
        detail: null,
      },
      now,
    );
    return ok(invoice);
  });
}

export type InvoiceDetail = {
  readonly invoice: InvoiceRecord;
  readonly events: readonly InvoiceEventRecord[];
  readonly creditNotes: readonly CreditNoteRecord[];
  readonly documents: readonly DocumentRecord[];
};

export async function getInvoice(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
): Promise<Result<InvoiceDetail, UseCaseError>> {
  const invoice = await ctx.uow.read.invoices.get(tenantId, invoiceId);
  if (invoice === null) return err(useCaseError('invoice_not_found', `no invoice ${invoiceId}`));
  const [events, creditNotes, documents] = await Promise.all([
    ctx.uow.read.invoices.events(tenantId, invoiceId),
    ctx.uow.read.invoices.creditNotes(tenantId, invoiceId),
    ctx.uow.read.documents.byInvoice(tenantId, invoiceId),
  ]);
  return ok({ invoice, events, creditNotes, documents });
}

export function listInvoices(
  ctx: AppContext,
  tenantId: string,
  filter: InvoiceFilter,
): Promise<Page<InvoiceRecord>> {
  return ctx.uow.read.invoices.list(tenantId, filter);
}
