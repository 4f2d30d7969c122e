/**
 * One e-mail as RFC 5322 bytes (.eml), built with nodemailer's MailComposer: text and HTML
 * alternatives plus attachments. Owns: the MIME shape. Must not: send (delivery/ does that).
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

export type EmailAttachment = {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
};

export type EmailMessageInput = {
  /** "Ekholm & Åberg Konsult AB <faktura@ekholmaberg.se>" or a bare address. */
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly EmailAttachment[];
  /** "<invoice-1042@reskontra.example>": stable, so a resend is recognisably the same message. */
  readonly messageId: string;
  /** When the message is composed; it goes into the Date header as is. */
  readonly date: Date;
};

/**
 * Builds the message. The MIME boundary is derived from the Message-ID instead of random bytes,
 * so the same input always gives the same .eml (a stored copy can be compared byte for byte).
 */
export async function buildEmailMessage(input: EmailMessageInput): Promise<Buffer> {
  const baseBoundary = createHash('sha256').update(input.messageId).digest('hex').slice(0, 24);
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    subject: input.subject,
    text: input.text,
    html: input.html,
    messageId: input.messageId,
    date: input.date,
    baseBoundary,
    newline: '\r\n',
    xMailer: false,
    attachments: input.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      contentTransferEncoding: 'base64',
    })),
  });
  return composer.compile().build();
}
