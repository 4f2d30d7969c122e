/**
 * Reminder (påminnelse) and collection demand (inkassokrav) as A4 PDF letters. The inkassokrav
 * shows what inkassolagen 5 § lists (domain.md §2.1). Must not: compute interest, fees or dates.
 */
import type { CollectionLetterData } from '../../domain/documents/document-data.ts';
import { collectionLetterIssues } from '../../domain/documents/document-data.ts';
import { assert } from '../../domain/result.ts';
import { documentLabels, type DocumentLabels } from './document-labels.ts';
import type { RenderPdfOptions } from './invoice-pdf.ts';
import { buildPaymentQrPayload } from './payment-qr.ts';
import { drawPaymentBox, drawTable, drawTotals, paymentBoxHeight } from './pdf-blocks.ts';
import {
  amountText,
  collectPdf,
  COLOR,
  createPdf,
  displayBankgiro,
  displayIdentityNumber,
  drawCaption,
  drawFooters,
  drawLabelValues,
  drawRecipient,
  drawText,
  drawTitle,
  kronorText,
  mm,
  PAGE,
  type Pdf,
} from './pdf-layout.ts';
import { addressLines, displayPartyNumber, sellerFooterColumns } from './party-lines.ts';

type Letter = CollectionLetterData;
const isDemand = (data: Letter): boolean => data.kind === 'collection_demand';
const WIDTH = PAGE.right - PAGE.left;

function drawLetterhead(doc: Pdf, data: Letter, labels: DocumentLabels): void {
  const sender = isDemand(data) ? data.collector : data.seller;
  const height = drawText(doc, sender.name, PAGE.left, PAGE.top + mm(2), {
    size: 16,
    bold: true,
    color: COLOR.accent,
    width: mm(88),
  });
  drawText(doc, addressLines(sender.address).join(', '), PAGE.left, PAGE.top + mm(3) + height, {
    size: 8,
    color: COLOR.muted,
    width: mm(88),
  });
  const x = mm(116);
  const title = isDemand(data) ? labels.demandTitle : labels.reminderTitle;
  drawTitle(doc, title, x, PAGE.top + mm(1));
  drawLabelValues(
    doc,
    [
      [labels.caseNumber, data.documentNumber],
      [labels.letterDate, data.date],
      [labels.payBy, data.payBy],
      [labels.ocr, data.paymentTo.ocr],
      [labels.invoiceReference, data.invoice.number],
    ],
    { x, y: PAGE.top + mm(12), width: PAGE.right - x, labelWidth: mm(31) },
  );
}

/**
 * Creditor and collector under the letter's facts, right of the envelope window: the demand must
 * say who each of them is. (A reminder comes from the creditor's own letterhead.)
 */
function drawParties(doc: Pdf, data: Letter, labels: DocumentLabels, top: number): void {
  const x = mm(116);
  const width = PAGE.right - x;
  const blocks: [string, string[]][] = [
    [
      labels.creditor,
      [
        data.seller.name,
        `${labels.orgNumber} ${displayPartyNumber(data.seller)}`,
        addressLines(data.seller.address).join(', '),
      ],
    ],
    [
      labels.collector,
      [
        data.collector.name,
        `${labels.orgNumber} ${displayIdentityNumber(data.collector.organisationNumber)}`,
      ],
    ],
  ];
  let y = top;
  for (const [caption, lines] of blocks) {
    y += drawCaption(doc, caption, x, y, width) + 1;
    y += drawText(doc, lines.join('\n'), x, y, { size: 8.5, width }) + mm(2.5);
  }
}

function drawHeading(doc: Pdf, text: string, y: number): number {
  return y + drawText(doc, text, PAGE.left, y, { size: 10, bold: true, color: COLOR.accent }) + 2;
}

function drawParagraph(doc: Pdf, text: string, y: number): number {
  return y + drawText(doc, text, PAGE.left, y, { size: 8.8, width: WIDTH, lineGap: 1.5 }) + mm(3);
}

/** Capital, interest and each fee on its own line (5 § asks for them separately), then total. */
function drawSpecification(doc: Pdf, data: Letter, labels: DocumentLabels, top: number): number {
  const rows: string[][] = [[labels.capital, amountText(data.capital)]];
  if (data.interest)
    rows.push([labels.interestUntil(data.interest.toDate), amountText(data.interest.amount)]);
  for (const fee of data.fees) rows.push([fee.label, amountText(fee.amount)]);
  let y = drawHeading(doc, labels.specification, top);
  y = drawTable(doc, {
    x: PAGE.left,
    y,
    rows,
    bottom: PAGE.contentBottom,
    onNewPage: () => continuationPage(doc, data, labels),
    columns: [
      { header: labels.description, width: WIDTH - mm(32), align: 'left' },
      { header: labels.amount, width: mm(32), align: 'right' },
    ],
  });
  return drawTotals(
    doc,
    [{ label: labels.totalToPay, value: kronorText(data.total), strong: true }],
    {
      x: mm(112),
      y,
      width: PAGE.right - mm(112),
    },
  );
}

/** Each interest segment: period, days, rate, amount, so the debtor can redo the sum. */
function drawInterest(doc: Pdf, data: Letter, labels: DocumentLabels, top: number): number {
  const interest = data.interest;
  if (!interest || interest.segments.length === 0) return top;
  let y = drawHeading(doc, labels.interestHow, top);
  y += drawText(doc, `${interest.rateDescription} ${labels.interestFormula}`, PAGE.left, y, {
    size: 8,
    color: COLOR.muted,
  });
  y = drawTable(doc, {
    x: PAGE.left,
    y: y + 3,
    size: 8.5,
    rows: interest.segments.map((s) => [
      `${s.fromDate} – ${s.toDate}`,
      amountText(data.capital),
      String(s.days),
      s.ratePercentText,
      amountText(s.amount),
    ]),
    bottom: PAGE.contentBottom,
    onNewPage: () => continuationPage(doc, data, labels),
    columns: [
      { header: labels.period, width: mm(62), align: 'left' },
      { header: labels.interestBase, width: mm(34), align: 'right' },
      { header: labels.days, width: mm(18), align: 'right' },
      { header: labels.rate, width: mm(24), align: 'right' },
      { header: labels.amount, width: mm(32), align: 'right' },
    ],
  });
  return y + mm(4);
}

function continuationPage(doc: Pdf, data: Letter, labels: DocumentLabels): number {
  doc.addPage();
  const title = isDemand(data) ? labels.demandTitle : labels.reminderTitle;
  drawText(doc, `${title} ${data.documentNumber}`, PAGE.left, PAGE.top, { size: 11, bold: true });
  return PAGE.top + mm(12);
}

function drawTexts(doc: Pdf, data: Letter, labels: DocumentLabels, top: number): number {
  let y = top;
  if (isDemand(data)) {
    y = drawHeading(doc, labels.payOrObjectBy(data.payBy), y);
    y = drawParagraph(doc, data.texts.howToObject, y);
    y = drawHeading(doc, labels.ifNeither, y);
    return drawParagraph(doc, data.texts.whatHappensNext, y);
  }
  y = drawHeading(doc, labels.reminderIfUnpaid, y);
  y = drawParagraph(doc, data.texts.whatHappensNext, y);
  y = drawHeading(doc, labels.reminderQuestions, y);
  return drawParagraph(doc, data.texts.howToObject, y);
}

function drawPayment(doc: Pdf, data: Letter, labels: DocumentLabels, y: number): void {
  if (y > PAGE.contentBottom - paymentBoxHeight(true) - mm(2)) continuationPage(doc, data, labels);
  const payee = isDemand(data)
    ? { name: data.collector.name, number: data.collector.organisationNumber }
    : { name: data.seller.name, number: data.seller.organisationNumber };
  drawPaymentBox(doc, {
    title: labels.paymentTitle,
    cells: [
      { label: labels.bankgiro, value: displayBankgiro(data.paymentTo.bankgiro) },
      { label: labels.ocr, value: data.paymentTo.ocr },
      { label: labels.totalToPay, value: kronorText(data.total) },
      { label: labels.payBy, value: data.payBy },
    ],
    qr: {
      caption: labels.qrCaption,
      text: buildPaymentQrPayload({
        payeeName: payee.name,
        organisationNumber: payee.number,
        ocr: data.paymentTo.ocr,
        invoiceDate: data.date,
        dueDate: data.payBy,
        amount: data.total,
        bankgiro: data.paymentTo.bankgiro,
      }),
    },
  });
}

function footerColumns(data: Letter, labels: DocumentLabels): string[][] {
  const { collector } = data;
  const onBehalf = labels.sentOnBehalf(collector.name, data.seller.name);
  if (!isDemand(data)) {
    // Not the seller's own bankgiro: the payment box says where this reminder is paid.
    const [address = [], numbers = []] = sellerFooterColumns(data.seller, labels);
    const contact = data.seller.email ? [`${labels.email} ${data.seller.email}`] : [];
    return [address, numbers, contact, [onBehalf]];
  }
  return [
    [collector.name, ...addressLines(collector.address)],
    [`${labels.orgNumber} ${displayIdentityNumber(collector.organisationNumber)}`],
    [collector.email, collector.phone].filter((v): v is string => Boolean(v)),
    [collector.licenceText ?? onBehalf],
  ];
}

/** Renders a påminnelse or an inkassokrav. Identical data gives identical bytes. */
export async function renderCollectionLetterPdf(
  data: CollectionLetterData,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  const issues = collectionLetterIssues(data);
  assert(issues.length === 0, `inconsistent collection letter: ${issues.join('; ')}`);
  const labels = documentLabels(data.language);
  const title = `${isDemand(data) ? labels.demandTitle : labels.reminderTitle} ${data.documentNumber}`;
  const author = isDemand(data) ? data.collector.name : data.seller.name;
  const doc = createPdf({
    title,
    author,
    date: data.date,
    language: data.language,
    compress: options.compress,
  });
  const bytes = collectPdf(doc);
  drawLetterhead(doc, data, labels);
  drawRecipient(doc, [data.debtor.name, ...addressLines(data.registeredAddress)]);
  if (isDemand(data)) drawParties(doc, data, labels, PAGE.top + mm(40));
  let y = drawHeading(doc, isDemand(data) ? labels.claimConcerns : labels.unpaidInvoice, mm(86));
  y = drawParagraph(doc, data.texts.basisOfClaim, y);
  y = drawSpecification(doc, data, labels, y) + mm(3);
  y = drawInterest(doc, data, labels, y);
  y = drawTexts(doc, data, labels, y);
  drawText(doc, labels.noVatNote, PAGE.left, y - mm(1.5), { size: 7.5, color: COLOR.muted });
  drawPayment(doc, data, labels, y + mm(3));
  drawFooters(doc, footerColumns(data, labels), labels.page);
  doc.end();
  return bytes;
}
