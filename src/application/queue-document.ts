/**
 * Queue a document for delivery inside the caller's transaction: the document row and its outbox
 * message commit together with the state change that caused them, or not at all. The invoice's
 * timeline gets a 'document_queued' event naming the document.
 */
import { encodePayload } from '../domain/documents/payload-codec.ts';
import type { AppContext } from './context.ts';
import type { QueueInput } from './document-payloads.ts';
import type { Stores } from './stores.ts';

export async function queueDocument(
  ctx: Pick<AppContext, 'ids' | 'clock'>,
  stores: Stores,
  tenantId: string,
  input: QueueInput,
): Promise<string> {
  const documentId = ctx.ids.newId();
  const now = ctx.clock.now();
  await stores.documents.queue(
    tenantId,
    {
      documentId,
      invoiceId: input.invoiceId,
      kind: input.kind,
      channel: input.channel,
      documentDate: input.documentDate,
      recipient: input.recipient,
      payload: encodePayload(input.payload),
      replacesDocumentId: input.replacesDocumentId ?? null,
      createdAt: now,
    },
    now,
  );
  return documentId;
}
