/**
 * Documents after they are queued: reading one (re-rendered on demand), and the failures a
 * channel reports later — a bounced e-mail (task + fallback letter) or a returned letter (task).
 */
import { err, ok, type Result } from '../domain/result.ts';
import { runUseCase, type AppContext } from './context.ts';
import { recipientFor } from './document-payloads.ts';
import { useCaseError, type UseCaseError } from './errors.ts';
import type { DocumentRenderer, OutgoingDocument, RenderedDocument } from './ports.ts';
import type { DocumentRecord, TaskRecord } from './records.ts';

export const toOutgoing = (tenantId: string, d: DocumentRecord): OutgoingDocument => ({
  tenantId,
  documentId: d.documentId,
  invoiceId: d.invoiceId,
  kind: d.kind,
  channel: d.channel,
  documentDate: d.documentDate,
  recipient: d.recipient,
  payload: d.payload,
});

export async function renderStoredDocument(
  ctx: AppContext,
  renderer: DocumentRenderer,
  tenantId: string,
  documentId: string,
): Promise<Result<{ document: DocumentRecord; rendered: RenderedDocument }, UseCaseError>> {
  const document = await ctx.uow.read.documents.get(tenantId, documentId);
  if (document === null)
    return err(useCaseError('document_not_found', `no document ${documentId}`));
  return ok({ document, rendered: await renderer.render(toOutgoing(tenantId, document)) });
}

export type ChannelFailure = 'bounced' | 'returned';

/** A bounced e-mail falls back to a letter to the customer only if it was for the customer:
 *  never the notice (e-mail only) nor the payment-order application (it went to the client). */
const toCustomer = (d: DocumentRecord): boolean =>
  d.kind !== 'notice' && d.kind !== 'payment_order_application';

/**
 * Records that a delivered document did not reach the customer. A bounced e-mail opens a task
 * and, when the customer has a postal address, queues the same document again as a letter.
 */
export async function reportDeliveryFailure(
  ctx: AppContext,
  tenantId: string,
  documentId: string,
  failure: ChannelFailure,
  reason: string | undefined,
): Promise<Result<{ document: DocumentRecord; fallbackDocumentId: string | null }, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    const document = await stores.documents.get(tenantId, documentId);
    if (document === null)
      return err(useCaseError('document_not_found', `no document ${documentId}`));
    const expected = failure === 'bounced' ? 'email' : 'letter';
    if (document.channel !== expected) {
      return err(
        useCaseError(
          'conflict',
          `only ${expected === 'email' ? 'an e-mail' : 'a letter'} can be ${failure}; this document went by ${document.channel}`,
        ),
      );
    }
    if (document.status !== 'delivered' && document.status !== 'unconfirmed') {
      return err(
        useCaseError('conflict', `document ${documentId} is ${document.status}, not delivered`),
      );
    }
    const now = ctx.clock.now();
    await stores.documents.setStatus(tenantId, documentId, failure);
    const task: TaskRecord = {
      taskId: ctx.ids.newId(),
      kind: failure === 'bounced' ? 'email_bounced' : 'letter_returned',
      invoiceId: document.invoiceId,
      documentId,
      status: 'open',
      detail: { reason: reason ?? null, documentKind: document.kind },
      createdAt: now,
    };
    await stores.tasks.open(tenantId, task);
    let fallbackDocumentId: string | null = null;
    const invoice =
      document.invoiceId === null ? null : await stores.invoices.get(tenantId, document.invoiceId);
    const customer =
      invoice === null ? null : await stores.customers.get(tenantId, invoice.customerId);
    if (failure === 'bounced' && toCustomer(document) && customer?.address != null) {
      fallbackDocumentId = ctx.ids.newId();
      await stores.documents.queue(
        tenantId,
        {
          documentId: fallbackDocumentId,
          invoiceId: document.invoiceId,
          kind: document.kind,
          channel: 'letter',
          documentDate: ctx.clock.today(),
          recipient: recipientFor(customer, 'letter'),
          payload: document.payload,
          replacesDocumentId: documentId,
          createdAt: now,
        },
        now,
      );
    }
    if (document.invoiceId !== null) {
      await stores.invoices.addEvent(
        tenantId,
        document.invoiceId,
        {
          date: ctx.clock.today(),
          type: failure === 'bounced' ? 'email_bounced' : 'letter_returned',
          amount: null,
          documentId,
          policyVersion: null,
          detail: { reason: reason ?? null, fallbackDocumentId },
        },
        now,
      );
    }
    return ok({ document: { ...document, status: failure }, fallbackDocumentId });
  });
}

export function listTasks(ctx: AppContext, tenantId: string, status: 'open' | 'done' | undefined) {
  return ctx.uow.read.tasks.list(tenantId, status);
}
