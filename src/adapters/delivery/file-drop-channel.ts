/**
 * A drop-folder channel: each document becomes one file named after its id, written to a temp
 * name and renamed into place (atomic), plus one line in manifest.jsonl. A print-and-post service
 * or a Peppol access point picks the folder up; in the embedded default every channel is one.
 * Idempotent: a file already there means the document was delivered, and it is not written again.
 */
import { appendFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type {
  DeliveryChannel,
  OutgoingDocument,
  RenderedDocument,
} from '../../application/ports.ts';

export class FileDropChannel implements DeliveryChannel {
  constructor(private readonly dir: string) {}

  private async existing(documentId: string): Promise<string | undefined> {
    await mkdir(this.dir, { recursive: true });
    return (await readdir(this.dir)).find((name) => name.startsWith(`${documentId}.`));
  }

  async deliver(doc: OutgoingDocument, rendered: RenderedDocument): Promise<void> {
    if ((await this.existing(doc.documentId)) !== undefined) return;
    const fileName = `${doc.documentId}${extname(rendered.fileName) || '.bin'}`;
    const temp = join(this.dir, `.${fileName}.tmp`);
    await writeFile(temp, rendered.bytes);
    await rename(temp, join(this.dir, fileName));
    const manifest = {
      documentId: doc.documentId,
      tenantId: doc.tenantId,
      kind: doc.kind,
      file: fileName,
      originalName: rendered.fileName,
      contentType: rendered.contentType,
      date: doc.documentDate,
      recipient: doc.recipient,
    };
    await appendFile(join(this.dir, 'manifest.jsonl'), `${JSON.stringify(manifest)}\n`);
  }

  async wasDelivered(doc: OutgoingDocument): Promise<boolean> {
    return (await this.existing(doc.documentId)) !== undefined;
  }
}
