/**
 * The DocumentRenderer port: a queued document's stored data → the bytes its channel carries.
 * Letters are PDFs, e-invoices Peppol UBL, e-mails an .eml with the PDF attached. Rendering is
 * deterministic, so GET /v1/documents/{id} re-renders instead of storing bytes.
 */
import type {
  DocumentRenderer,
  OutgoingDocument,
  RenderedDocument,
} from '../../application/ports.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import {
  amountDue,
  type CollectionLetterData,
  type InvoiceDocumentData,
} from '../../domain/documents/document-data.ts';
import { decodePayload } from '../../domain/documents/payload-codec.ts';
import type { Ore } from '../../domain/money.ts';
import { renderCollectionLetterPdf } from './collection-letter-pdf.ts';
import { standardCollectionTexts } from './collection-letter-texts.ts';
import { buildEmailMessage } from './email-message.ts';
import { renderEmailTemplate, type EmailKind } from './email-templates.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { renderInvoiceUbl } from './invoice-ubl.ts';
import { renderSettlementPdf } from './settlement-pdf.ts';
import { paymentOrderEmail, renderPaymentOrderPdf } from './payment-order-pdf.ts';
import type { PaymentOrderApplication } from '../../domain/collection/payment-order-application.ts';
import type { SettlementDocumentData } from '../../domain/payouts/settlement-report.ts';

/** What an overdue notice (notifiering) needs: it is an e-mail only, with no document attached. */
export type NoticeData = {
  readonly language: 'sv' | 'en';
  readonly sellerName: string;
  readonly sellerEmail: string;
  readonly invoiceNumber: string;
  readonly amount: Ore;
  readonly dueDate: CalendarDate;
  readonly bankgiro: string;
  readonly ocr: string;
};

const PDF = 'application/pdf';

/** A queued letter carries its data; the standard legal wording is added here, at render time. */
type LetterPayload = Omit<CollectionLetterData, 'texts'> & {
  texts?: CollectionLetterData['texts'];
  contact?: string;
};

function withTexts(p: LetterPayload): CollectionLetterData {
  if (p.texts !== undefined) return p as CollectionLetterData;
  const texts = standardCollectionTexts({
    kind: p.kind,
    language: p.language,
    creditorName: p.seller.name,
    collectorName: p.collector.name,
    contact: p.contact ?? p.collector.email ?? p.seller.email ?? '',
    documentNumber: p.documentNumber,
    invoiceNumber: p.invoice.number,
    invoiceDate: p.invoice.invoiceDate,
    dueDate: p.invoice.dueDate,
    payBy: p.payBy,
  });
  return { ...p, texts };
}
const noonOf = (date: CalendarDate) => new Date(`${date}T11:00:00Z`);

export class StandardDocumentRenderer implements DocumentRenderer {
  constructor(private readonly mailDomain = 'reskontra.example') {}

  renderSettlementReport(data: SettlementDocumentData): Promise<RenderedDocument> {
    return renderSettlementPdf(data);
  }

  async render(doc: OutgoingDocument): Promise<RenderedDocument> {
    const payload = decodePayload(doc.payload);
    switch (doc.kind) {
      case 'invoice':
      case 'credit_note':
        return this.invoice(doc, payload as InvoiceDocumentData);
      case 'reminder':
      case 'collection_demand':
        return this.letter(doc, withTexts(payload as LetterPayload));
      case 'notice':
        return this.email(doc, { ...this.noticeMail(payload as NoticeData), attachments: [] });
      case 'payment_order_application':
        return this.paymentOrder(doc, payload as PaymentOrderApplication);
    }
  }

  /** To the client (never the debtor): the PDF, by e-mail with a short cover note. */
  private async paymentOrder(
    doc: OutgoingDocument,
    data: PaymentOrderApplication,
  ): Promise<RenderedDocument> {
    const pdf = await renderPaymentOrderPdf(data);
    const fileName = `betalningsforelaggande-${data.reference}.pdf`;
    if (doc.channel !== 'email') return { bytes: pdf, contentType: PDF, fileName };
    return this.email(doc, {
      ...paymentOrderEmail(data),
      from: this.from('Reskontra'),
      attachments: [{ filename: fileName, content: pdf, contentType: PDF }],
    });
  }

  private async invoice(
    doc: OutgoingDocument,
    data: InvoiceDocumentData,
  ): Promise<RenderedDocument> {
    const base = `${data.kind === 'credit_note' ? 'kreditfaktura' : 'faktura'}-${data.number}`;
    if (doc.channel === 'einvoice') {
      return {
        bytes: Buffer.from(renderInvoiceUbl(data), 'utf8'),
        contentType: 'application/xml',
        fileName: `${base}.xml`,
      };
    }
    const pdf = await renderInvoicePdf(data);
    if (doc.channel === 'letter') return { bytes: pdf, contentType: PDF, fileName: `${base}.pdf` };
    const content = renderEmailTemplate({
      kind: data.kind === 'credit_note' ? 'credit_note' : 'invoice',
      language: data.language,
      sellerName: data.seller.name,
      documentNumber: data.number,
      amount: amountDue(data),
      creditApplied: data.creditApplied,
      dueDate: data.kind === 'invoice' ? data.dueDate : undefined,
      bankgiro: data.seller.bankgiro,
      ocr: data.kind === 'invoice' ? data.ocr : undefined,
      creditedInvoiceNumber: data.creditedInvoiceNumber,
      contactEmail: data.seller.email,
    });
    return this.email(doc, {
      ...content,
      from: this.from(data.seller.name),
      attachments: [{ filename: `${base}.pdf`, content: pdf, contentType: PDF }],
    });
  }

  private async letter(
    doc: OutgoingDocument,
    data: CollectionLetterData,
  ): Promise<RenderedDocument> {
    const pdf = await renderCollectionLetterPdf(data);
    const base = `${data.kind === 'reminder' ? 'paminnelse' : 'inkassokrav'}-${data.documentNumber}`;
    if (doc.channel !== 'email') return { bytes: pdf, contentType: PDF, fileName: `${base}.pdf` };
    const kind: EmailKind = 'reminder';
    const content = renderEmailTemplate({
      kind,
      language: data.language,
      sellerName: data.seller.name,
      documentNumber: data.invoice.number,
      amount: data.total,
      dueDate: data.payBy,
      bankgiro: data.paymentTo.bankgiro,
      ocr: data.paymentTo.ocr,
      contactEmail: data.seller.email,
    });
    return this.email(doc, {
      ...content,
      from: this.from(data.seller.name),
      attachments: [{ filename: `${base}.pdf`, content: pdf, contentType: PDF }],
    });
  }

  private noticeMail(n: NoticeData) {
    return {
      ...renderEmailTemplate({
        kind: 'overdue_notice',
        language: n.language,
        sellerName: n.sellerName,
        documentNumber: n.invoiceNumber,
        amount: n.amount,
        dueDate: n.dueDate,
        bankgiro: n.bankgiro,
        ocr: n.ocr,
        contactEmail: n.sellerEmail,
      }),
      from: this.from(n.sellerName),
    };
  }

  private from(sellerName: string): string {
    return `"${sellerName.replace(/["\\]/g, '')}" <noreply@${this.mailDomain}>`;
  }

  private async email(
    doc: OutgoingDocument,
    content: {
      subject: string;
      text: string;
      html: string;
      from: string;
      attachments: { filename: string; content: Buffer; contentType: string }[];
    },
  ): Promise<RenderedDocument> {
    const bytes = await buildEmailMessage({
      from: content.from,
      to: doc.recipient.email ?? '',
      subject: content.subject,
      text: content.text,
      html: content.html,
      attachments: content.attachments,
      messageId: `<${doc.documentId}@${this.mailDomain}>`,
      date: noonOf(doc.documentDate),
    });
    return { bytes, contentType: 'message/rfc822', fileName: `${doc.kind}-${doc.documentId}.eml` };
  }
}
