/**
 * Sending an invoice: fixes its number (gapless series) and OCR reference, books it
 * (receivable against sales and output VAT), marks it sent and — with the client's credit
 * handling 'apply' — uses the customer's credit balance on it, all in one transaction, so the
 * document asks only for what is left. A customer card that cannot take the invoice's channel
 * refuses the send: nothing is booked.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import { invoiceOcr } from '../domain/invoicing/invoice-ocr.ts';
import { invoiceIssued } from '../domain/ledger/posting-rules.ts';
import { minOre } from '../domain/money.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { accountsFor } from './accounts.ts';
import { runUseCase, type AppContext } from './context.ts';
import { channelIssues } from './customers.ts';
import { useCaseError, type UseCaseError } from './errors.ts';
import { invoiceDocumentData, recipientFor } from './document-payloads.ts';
import { vatLinesOf } from './invoice-vat-lines.ts';
import { applyCreditToInvoice, type CreditApplication } from './payments/customer-credit-apply.ts';
import { postEntry } from './post-entry.ts';
import { queueDocument } from './queue-document.ts';
import type { InvoiceRecord } from './records.ts';
import type { Stores } from './stores.ts';

export async function sendInvoice(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
): Promise<Result<InvoiceRecord, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    const invoice = await stores.invoices.get(tenantId, invoiceId, { forUpdate: true });
    if (invoice === null) return err(useCaseError('invoice_not_found', `no invoice ${invoiceId}`));
    if (invoice.status !== 'draft') {
      return err(
        useCaseError('invoice_not_draft', `invoice ${invoiceId} is ${invoice.status}, not a draft`),
      );
    }
    const today = ctx.clock.today();
    if (invoice.invoiceDate > today) {
      return err(
        useCaseError(
          'invalid_input',
          `invoiceDate ${invoice.invoiceDate} is after today (${today})`,
          [
            {
              path: 'invoiceDate',
              code: 'invoice_date_in_future',
              message: 'an invoice cannot be sent before its date',
            },
          ],
        ),
      );
    }
    const [customer, tenant] = await Promise.all([
      stores.customers.get(tenantId, invoice.customerId),
      stores.tenants.get(tenantId),
    ]);
    if (customer === null || tenant === null) throw new Error('invoice without customer or tenant');
    const missing = channelIssues(
      { ...customer, deliveryMethod: invoice.deliveryMethod },
      'customer',
    );
    if (missing.length > 0) {
      return err(
        useCaseError(
          'delivery_channel_unusable',
          `cannot send by ${invoice.deliveryMethod}: ${missing.map((m) => m.message).join('; ')}`,
          missing,
        ),
      );
    }
    if (tenant.address === null) {
      return err(
        useCaseError(
          'invalid_input',
          'the client has no postal address, which an invoice must show',
          [
            {
              path: 'tenant.address',
              code: 'seller_address_missing',
              message: 'set the client’s address first',
            },
          ],
        ),
      );
    }
    const number = await stores.series.take(tenantId, 'invoice');
    const ocr = invoiceOcr({
      tenantNumber: tenant.tenantNumber,
      invoiceNumber: number,
      lengthDigit: tenant.ocrLengthDigit,
    });
    const entry = invoiceIssued({
      invoiceId,
      invoiceNumber: number,
      customerName: customer.name,
      bookingDate: invoice.invoiceDate,
      totals: { vatLines: vatLinesOf(invoice) },
      accounts: accountsFor(tenant),
    });
    await postEntry(ctx, stores, tenantId, entry);
    const now = ctx.clock.now();
    const change = {
      number,
      ocr,
      status: 'sent' as const,
      sentDate: today,
      principalOpen: invoice.total,
      nextActionDate: invoice.dueDate,
    };
    await stores.invoices.update(tenantId, invoiceId, change, now);
    const sent = { ...invoice, ...change, updatedAt: now };
    const credit = await applyCreditAtSend(ctx, stores, tenantId, sent, today);
    const documentId = await queueDocument(ctx, stores, tenantId, {
      invoiceId,
      kind: 'invoice',
      channel: invoice.deliveryMethod,
      documentDate: today,
      recipient: recipientFor(customer, invoice.deliveryMethod),
      payload: invoiceDocumentData({
        tenant,
        customer,
        invoice: { ...invoice, number, ocr },
        operator: ctx.operator,
        credit: credit ?? undefined,
      }),
    });
    await stores.invoices.addEvent(
      tenantId,
      invoiceId,
      {
        date: today,
        type: 'sent',
        amount: invoice.total,
        documentId,
        policyVersion: null,
        detail: { number: number.toString(), ocr, channel: invoice.deliveryMethod },
      },
      now,
    );
    if (credit === null) return ok(sent);
    // The credit changed the open amounts (and maybe the status): answer with the stored row.
    const after = await stores.invoices.get(tenantId, invoiceId);
    if (after === null) throw new Error(`invoice ${invoiceId} vanished while being sent`);
    return ok(after);
  });
}

/**
 * flow.md: an overpayment becomes a credit balance "applied to the next invoice". With the
 * client's choice 'apply' (the default) the balance pays the invoice just marked sent, dated the
 * send date, up to its total: booked 2420 / 1510 with a credit_applied event by the same code as
 * an explicit POST …/credit/apply. The customer row is locked before the balance is read, so a
 * concurrent application or refund cannot spend the same credit. Null when nothing was applied.
 */
async function applyCreditAtSend(
  ctx: Pick<AppContext, 'clock' | 'ids'>,
  stores: Stores,
  tenantId: string,
  invoice: InvoiceRecord,
  date: CalendarDate,
): Promise<CreditApplication | null> {
  // An invoice sent after its due date could owe interest already, which the invoice document
  // has no line for: its credit waits for the client (…/credit/apply) like any other.
  if (invoice.total <= 0n || date > invoice.dueDate) return null;
  const credit = stores.customerCredit;
  if ((await credit.handling(tenantId)) !== 'apply') return null;
  if (!(await credit.lockCustomer(tenantId, invoice.customerId))) return null;
  const balance = await credit.balance(tenantId, invoice.customerId);
  if (balance <= 0n) return null;
  const amount = minOre(balance, invoice.total);
  const result = await applyCreditToInvoice(ctx, stores, tenantId, invoice, balance, amount, date);
  // A sent invoice with a positive total owes at least its total, within a positive balance.
  if (!result.ok) throw new Error(`credit at send refused: ${result.error.detail}`);
  return result.value;
}
