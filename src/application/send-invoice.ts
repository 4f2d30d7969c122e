/**
 * Sending an invoice: fixes its number (gapless series) and OCR reference, books it
 * (receivable against sales and output VAT) and marks it sent, all in one transaction.
 * A customer card that cannot take the invoice's channel refuses the send: nothing is booked.
 */
import { invoiceOcr } from '../domain/invoicing/invoice-ocr.ts';
import { computeTotals } from '../domain/invoicing/invoice-totals.ts';
import { invoiceIssued } from '../domain/ledger/posting-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { accountsFor } from './accounts.ts';
import { runUseCase, type AppContext } from './context.ts';
import { channelIssues } from './customers.ts';
import { useCaseError, type UseCaseError } from './errors.ts';
import { invoiceDocumentData, recipientFor } from './document-payloads.ts';
import { postEntry } from './post-entry.ts';
import { queueDocument } from './queue-document.ts';
import type { InvoiceRecord } from './records.ts';

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
    return ok({ ...invoice, ...change, updatedAt: now });
  });
}

/** The invoice's VAT lines, recomputed from its stored rows (the same function made them). */
export function vatLinesOf(invoice: Pick<InvoiceRecord, 'rows'>) {
  return computeTotals(invoice.rows).vatLines;
}
