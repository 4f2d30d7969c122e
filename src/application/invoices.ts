/**
 * Use cases for invoices: create a draft, read, list. Sending and crediting are in their own
 * files. Every change to an invoice locks its row first and commits with its events and entries.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import { validateInvoiceDraft } from '../domain/invoicing/invoice-draft.ts';
import type { InvoiceRowInput } from '../domain/invoicing/invoice-totals.ts';
import { accrueInterest } from '../domain/collection/case-interest.ts';
import { ReferenceRateUnknownError } from '../domain/interest/reference-rate.ts';
import { ZERO_ORE, type Ore } from '../domain/money.ts';
import { toSnapshot } from './collection/case-snapshot.ts';
import { referenceRatesIn } from './reference-rates.ts';
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
  /** Interest on the asOf date: booked, plus accrued but not yet booked. */
  readonly interest: {
    readonly booked: Ore;
    readonly unbooked: Ore;
    readonly total: Ore;
    readonly unavailable?: string;
  };
};

async function interestOn(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  asOf: CalendarDate,
): Promise<InvoiceDetail['interest']> {
  const c = await ctx.uow.read.collection.loadCase(tenantId, invoiceId, { lock: 'none' });
  const booked = c?.invoice.interestOpen ?? ZERO_ORE;
  if (c === null || c.invoice.status !== 'sent')
    return { booked, unbooked: ZERO_ORE, total: booked };
  try {
    const [policy, rates] = await Promise.all([
      ctx.uow.read.collection.policy(tenantId),
      referenceRatesIn(ctx.uow.read, 'none'),
    ]);
    return accrueInterest(toSnapshot(c, c.customer.address !== null), policy, asOf, rates);
  } catch (error) {
    if (!(error instanceof ReferenceRateUnknownError)) throw error;
    return { booked, unbooked: ZERO_ORE, total: booked, unavailable: error.message };
  }
}

export async function getInvoice(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  asOf: CalendarDate = ctx.clock.today(),
): Promise<Result<InvoiceDetail, UseCaseError>> {
  const invoice = await ctx.uow.read.invoices.get(tenantId, invoiceId);
  if (invoice === null) return err(useCaseError('invoice_not_found', `no invoice ${invoiceId}`));
  const [events, creditNotes, documents, interest] = await Promise.all([
    ctx.uow.read.invoices.events(tenantId, invoiceId),
    ctx.uow.read.invoices.creditNotes(tenantId, invoiceId),
    ctx.uow.read.documents.byInvoice(tenantId, invoiceId),
    interestOn(ctx, tenantId, invoiceId, asOf),
  ]);
  return ok({ invoice, events, creditNotes, documents, interest });
}

export function listInvoices(
  ctx: AppContext,
  tenantId: string,
  filter: InvoiceFilter,
): Promise<Page<InvoiceRecord>> {
  return ctx.uow.read.invoices.list(tenantId, filter);
}
