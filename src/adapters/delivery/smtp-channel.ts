/**
 * E-mail over SMTP with nodemailer (SMTP_URL). The .eml is sent as rendered, so the Message-ID is
 * the stable one derived from the document id. SMTP cannot say afterwards whether an interrupted
 * send got through, so wasDelivered answers 'unknown' (see application/deliver-outbox.ts).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type {
  DeliveryChannel,
  OutgoingDocument,
  RenderedDocument,
} from '../../application/ports.ts';

export class SmtpChannel implements DeliveryChannel {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly envelopeFrom: string,
  ) {
    // A pool keeps connections open across messages (one connection per message caps
    // throughput at the handshake rate); the URL may still override pool settings.
    const url = new URL(smtpUrl);
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
    if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '8');
    this.transport = nodemailer.createTransport(url.toString());
  }

  async deliver(doc: OutgoingDocument, rendered: RenderedDocument): Promise<void> {
    const to = doc.recipient.email;
    if (to === undefined) throw new Error('the document has no e-mail recipient');
    await this.transport.sendMail({
      envelope: { from: this.envelopeFrom, to: [to] },
      raw: Buffer.from(rendered.bytes),
    });
  }

  wasDelivered(): Promise<'unknown'> {
    return Promise.resolve('unknown');
  }

  close(): void {
    this.transport.close();
  }
}
