/**
 * Invoice and credit note as print-ready A4 PDF (pdfkit): every item ML 17 kap. 24 § asks for
 * (domain.md §10), a window-envelope address and a payment box with a QR code. Must not: compute.
 */
import type {
  DocumentLanguage,
  InvoiceDocumentData,
} from '../../domain/documents/document-data.ts';
import {
  amountDue,
  invoiceDocumentIssues,
  settledByCredit,
} from '../../domain/documents/document-data.ts';
import { negateOre, type Ore } from '../../domain/money.ts';
import { assert } from '../../domain/result.ts';
import { documentLabels, type DocumentLabels } from './document-labels.ts';
import { invoicePaymentQrPayload } from './payment-qr.ts';
import {
  drawPaymentBox,
  drawTable,
  drawTotals,
  paymentBoxHeight,
  type PaymentBoxOptions,
  type TotalsEntry,
} from './pdf-blocks.ts';
import {
  amountText,
  collectPdf,
  COLOR,
  createPdf,
  displayBankgiro,
  displayQuantity,
  drawFooters,
  drawLabelValues,
  drawRecipient,
  drawText,
  drawTitle,
  kronorText,
  mm,
  PAGE,
  type LabelValue,
  type Pdf,
} from './pdf-layout.ts';
import { addressLines, displayPartyNumber, sellerFooterColumns } from './party-lines.ts';

export type RenderPdfOptions = {
  /** Default true. Tests pass false so the page text can be read back. */
  readonly compress?: boolean | undefined;
};

/**
 * The words of an invoice paid in part or in full by the customer's credit balance. Kept here,
 * beside the only document that prints them.
 */
const CREDIT_WORDS = {
  sv: {
    invoiceTotal: 'Fakturabelopp',
    charged: 'Dröjsmålsränta',
    credit: 'Avgår tillgodohavande',
    writtenOff: 'Avskrivet restbelopp',
    note: (credit: string) =>
      `Ditt tillgodohavande hos oss, ${credit}, har dragits av från fakturan.`,
    settledNote: 'Fakturan är betald med ditt tillgodohavande. Du behöver inte betala något.',
    settledTitle: 'Betald med tillgodohavande',
    payment: 'Betalning',
    nothingToPay: 'Inget att betala',
  },
  en: {
    invoiceTotal: 'Invoice total',
    charged: 'Late-payment interest',
    credit: 'Less credit balance',
    writtenOff: 'Residual written off',
    note: (credit: string) =>
      `Your credit balance with us, ${credit}, has been deducted from this invoice.`,
    settledNote: 'This invoice is paid by your credit balance. There is nothing to pay.',
    settledTitle: 'Paid by credit balance',
    payment: 'Payment',
    nothingToPay: 'Nothing to pay',
  },
} as const;
const creditWords = (language: DocumentLanguage) => CREDIT_WORDS[language];

const isCredit = (data: InvoiceDocumentData): boolean => data.kind === 'credit_note';
/** A credit note's data is positive (as in UBL); on paper it reads as a deduction. */
const shown = (data: InvoiceDocumentData, amount: Ore): Ore =>
  isCredit(data) && amount !== 0n ? negateOre(amount) : amount;

function headerEntries(data: InvoiceDocumentData, labels: DocumentLabels): LabelValue[] {
  const entries: LabelValue[] = [];
  if (isCredit(data)) {
    entries.push([labels.creditNoteNumber, data.number]);
    entries.push([labels.creditNoteDate, data.invoiceDate]);
    entries.push([labels.credits, data.creditedInvoiceNumber ?? '']);
  } else {
    entries.push([labels.invoiceNumber, data.number]);
    entries.push([labels.invoiceDate, data.invoiceDate]);
    entries.push([labels.dueDate, data.dueDate]);
    entries.push([labels.ocr, data.ocr]);
    entries.push([labels.terms, labels.termsDays(data.paymentTermsDays)]);
  }
  if (data.deliveryDate && data.deliveryDate !== data.invoiceDate) {
    entries.push([labels.deliveryDate, data.deliveryDate]);
  }
  if (data.yourReference) entries.push([labels.yourReference, data.yourReference]);
  if (data.ourReference) entries.push([labels.ourReference, data.ourReference]);
  if (data.buyer.kind === 'company')
    entries.push([labels.customerNumber, displayPartyNumber(data.buyer)]);
  return entries;
}

/** Logo (or name) top left, the document title and its facts top right. */
function drawLetterhead(doc: Pdf, data: InvoiceDocumentData, labels: DocumentLabels): void {
  if (data.sellerLogo) {
    doc.image(Buffer.from(data.sellerLogo), PAGE.left, PAGE.top, { fit: [mm(60), mm(20)] });
  } else {
    const height = drawText(doc, data.seller.name, PAGE.left, PAGE.top + mm(2), {
      size: 16,
      bold: true,
      color: COLOR.accent,
      width: mm(88),
    });
    drawText(
      doc,
      addressLines(data.seller.address).join(', '),
      PAGE.left,
      PAGE.top + mm(3) + height,
      {
        size: 8,
        color: COLOR.muted,
        width: mm(88),
      },
    );
  }
  const x = mm(116);
  const title = isCredit(data) ? labels.creditNoteTitle : labels.invoiceTitle;
  drawTitle(doc, title, x, PAGE.top + mm(1));
  drawLabelValues(doc, headerEntries(data, labels), {
    x,
    y: PAGE.top + mm(12),
    width: PAGE.right - x,
    labelWidth: mm(31),
  });
}

/** Pages after the first repeat who and what, so a loose page still says whose invoice it is. */
function continuationPage(doc: Pdf, data: InvoiceDocumentData, labels: DocumentLabels): number {
  doc.addPage();
  const title = isCredit(data) ? labels.creditNoteTitle : labels.invoiceTitle;
  drawText(doc, data.seller.name, PAGE.left, PAGE.top, {
    size: 11,
    bold: true,
    color: COLOR.accent,
  });
  drawText(doc, `${title} ${data.number}`, PAGE.left, PAGE.top + mm(6), { size: 9 });
  return PAGE.top + mm(16);
}

function drawRows(doc: Pdf, data: InvoiceDocumentData, labels: DocumentLabels, y: number): number {
  const rows = data.rows.map((row) => [
    row.description,
    (isCredit(data) ? '-' : '') + displayQuantity(row.quantity, data.language),
    row.unit ?? '',
    amountText(row.unitPrice),
    `${row.vatRatePercent} %`,
    amountText(shown(data, row.net)),
  ]);
  return drawTable(doc, {
    x: PAGE.left,
    y,
    rows,
    bottom: PAGE.contentBottom,
    onNewPage: () => continuationPage(doc, data, labels),
    columns: [
      { header: labels.description, width: mm(74), align: 'left' },
      { header: labels.quantity, width: mm(16), align: 'right' },
      { header: labels.unit, width: mm(13), align: 'left' },
      { header: labels.unitPrice, width: mm(23), align: 'right' },
      { header: labels.vat, width: mm(12), align: 'right' },
      { header: labels.amount, width: mm(32), align: 'right' },
    ],
  });
}

function totalsEntries(data: InvoiceDocumentData, labels: DocumentLabels): TotalsEntry[] {
  const entries: TotalsEntry[] = [
    { label: labels.netTotal, value: amountText(shown(data, data.totalNet)) },
  ];
  for (const line of data.vatBreakdown) {
    const base = amountText(shown(data, line.taxable));
    entries.push({
      label:
        line.ratePercent === 0 ? labels.exemptLine(base) : labels.vatLine(line.ratePercent, base),
      value: amountText(shown(data, line.vat)),
    });
  }
  if (data.creditApplied !== undefined) return [...entries, ...creditEntries(data, labels)];
  entries.push({
    label: isCredit(data) ? labels.toCredit : labels.toPay,
    value: kronorText(shown(data, data.total)),
    strong: true,
  });
  return entries;
}

/** Under the VAT lines: the invoice total, the credit deducted, and what is left to pay. */
function creditEntries(data: InvoiceDocumentData, labels: DocumentLabels): TotalsEntry[] {
  const words = creditWords(data.language);
  const deduction = (label: string, amount: Ore | undefined): TotalsEntry[] =>
    amount === undefined || amount === 0n ? [] : [{ label, value: kronorText(negateOre(amount)) }];
  const charged = data.chargedAtSend;
  return [
    { label: words.invoiceTotal, value: kronorText(data.total) },
    ...(charged === undefined || charged === 0n
      ? []
      : [{ label: words.charged, value: kronorText(charged) }]),
    ...deduction(words.credit, data.creditApplied),
    ...deduction(words.writtenOff, data.writtenOffAtSend),
    { label: labels.toPay, value: kronorText(amountDue(data)), strong: true },
  ];
}

/** The note beside the totals that says what the credit did. */
function creditNote(data: InvoiceDocumentData): string | null {
  if (data.creditApplied === undefined) return null;
  const words = creditWords(data.language);
  return settledByCredit(data) ? words.settledNote : words.note(kronorText(data.creditApplied));
}

/** Totals on the right; terms, exemption note and currency on the left. Returns the bottom y. */
function drawSummary(doc: Pdf, data: InvoiceDocumentData, labels: DocumentLabels, top: number) {
  let y = top + mm(4);
  if (y + mm(45) > PAGE.contentBottom) y = continuationPage(doc, data, labels);
  const totalsBottom = drawTotals(doc, totalsEntries(data, labels), {
    x: mm(112),
    y,
    width: PAGE.right - mm(112),
  });
  const notes: string[] = [labels.amountsInSek];
  if (data.rows.some((r) => r.vatRatePercent === 0)) {
    notes.push(data.vatExemptionReason ?? labels.exemptDefault);
  }
  if (isCredit(data)) notes.push(labels.creditSettlement(data.creditedInvoiceNumber ?? ''));
  else if (data.interestTerms) notes.push(data.interestTerms);
  const credit = creditNote(data);
  if (credit !== null) notes.push(credit);
  let notesY = y;
  for (const note of notes) {
    notesY += drawText(doc, note, PAGE.left, notesY, {
      size: 8,
      color: COLOR.muted,
      width: mm(86),
    });
    notesY += 3;
  }
  return Math.max(totalsBottom, notesY);
}

function paymentBox(data: InvoiceDocumentData, labels: DocumentLabels): PaymentBoxOptions {
  if (isCredit(data)) {
    return {
      title: labels.creditTitle,
      cells: [
        { label: labels.credits, value: data.creditedInvoiceNumber ?? '' },
        { label: labels.creditNoteDate, value: data.invoiceDate },
        { label: labels.toCredit, value: kronorText(shown(data, data.total)) },
      ],
    };
  }
  if (settledByCredit(data)) return settledBox(data);
  const bankgiro = data.seller.bankgiro;
  const cells = [
    { label: labels.ocr, value: data.ocr },
    { label: labels.toPay, value: kronorText(amountDue(data)) },
    { label: labels.dueDate, value: data.dueDate },
  ];
  const text = invoicePaymentQrPayload(data);
  if (!bankgiro || text === null) return { title: labels.paymentTitle, cells };
  return {
    title: labels.paymentTitle,
    cells: [{ label: labels.bankgiro, value: displayBankgiro(bankgiro) }, ...cells],
    qr: { text, caption: labels.qrCaption },
  };
}

/** Paid in full by the credit balance: no bankgiro, OCR or QR code, so nobody pays it twice. */
function settledBox(data: InvoiceDocumentData): PaymentBoxOptions {
  const words = creditWords(data.language);
  return {
    title: words.settledTitle,
    cells: [
      { label: words.credit, value: kronorText(negateOre(data.creditApplied ?? data.total)) },
      { label: words.payment, value: words.nothingToPay },
    ],
  };
}

function drawPayment(doc: Pdf, data: InvoiceDocumentData, labels: DocumentLabels, y: number): void {
  const box = paymentBox(data, labels);
  const boxY = PAGE.contentBottom - paymentBoxHeight(box.qr !== undefined);
  if (y + mm(4) > boxY) continuationPage(doc, data, labels);
  drawPaymentBox(doc, box);
}

/** Renders one invoice or credit note. Identical data gives identical bytes. */
export async function renderInvoicePdf(
  data: InvoiceDocumentData,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  const issues = invoiceDocumentIssues(data);
  assert(issues.length === 0, `inconsistent invoice document: ${issues.join('; ')}`);
  const labels = documentLabels(data.language);
  const title = `${isCredit(data) ? labels.creditNoteTitle : labels.invoiceTitle} ${data.number}`;
  const doc = createPdf({
    title,
    author: data.seller.name,
    date: data.invoiceDate,
    language: data.language,
    compress: options.compress,
  });
  const bytes = collectPdf(doc);
  drawLetterhead(doc, data, labels);
  drawRecipient(doc, [data.buyer.name, ...addressLines(data.buyer.address)]);
  let y = mm(90);
  if (isCredit(data)) {
    y += drawText(doc, labels.creditIntro(data.creditedInvoiceNumber ?? ''), PAGE.left, y, {
      size: 9.5,
      bold: true,
    });
    y += mm(3);
  }
  y = drawRows(doc, data, labels, y);
  y = drawSummary(doc, data, labels, y);
  drawPayment(doc, data, labels, y);
  drawFooters(doc, sellerFooterColumns(data.seller, labels), labels.page);
  doc.end();
  return bytes;
}
