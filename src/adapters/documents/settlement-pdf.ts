/**
 * The settlement report (redovisning) of one payout as an A4 PDF, beside the CSV: what Reskontra
 * collected for the client, per invoice payment (capital, fees, interest), refunds to customers,
 * the operator's fee, and what reached the client's account. Must not: compute any amount.
 */
import type { RenderedDocument } from '../../application/ports.ts';
import type { SettlementDocumentData } from '../../domain/payouts/settlement-report.ts';
import { addOre, subtractOre, ZERO_ORE } from '../../domain/money.ts';
import { drawTable, drawTotals } from './pdf-blocks.ts';
import {
  amountText,
  collectPdf,
  COLOR,
  createPdf,
  displayBankgiro,
  displayIdentityNumber,
  drawFooters,
  drawLabelValues,
  drawText,
  drawTitle,
  kronorText,
  mm,
  PAGE,
  type Pdf,
} from './pdf-layout.ts';

const WIDTH = PAGE.right - PAGE.left;

const COLUMNS = [
  { header: 'Faktura', width: mm(32), align: 'left' as const },
  { header: 'Kund', width: mm(38), align: 'left' as const },
  { header: 'Betaldatum', width: mm(20), align: 'left' as const },
  { header: 'Kapital', width: mm(21), align: 'right' as const },
  { header: 'Avgifter', width: mm(18), align: 'right' as const },
  { header: 'Ränta', width: mm(16), align: 'right' as const },
  { header: 'Att betala ut', width: mm(25), align: 'right' as const },
];

function drawHeader(doc: Pdf, data: SettlementDocumentData): number {
  const op = data.operator;
  const height = drawText(doc, op.name, PAGE.left, PAGE.top + mm(2), {
    size: 16,
    bold: true,
    color: COLOR.accent,
    width: mm(88),
  });
  const address = op.address
    ? `${op.address.street}, ${op.address.postalCode} ${op.address.city}`
    : '';
  drawText(doc, address, PAGE.left, PAGE.top + mm(3) + height, {
    size: 8,
    color: COLOR.muted,
    width: mm(88),
  });
  const x = mm(116);
  drawTitle(doc, 'Redovisning', x, PAGE.top + mm(1));
  drawLabelValues(
    doc,
    [
      ['Utbetalningsdag', data.payoutDate],
      ['Referens', data.reference],
      ['Till konto', data.account],
    ],
    { x, y: PAGE.top + mm(12), width: PAGE.right - x, labelWidth: mm(24) },
  );
  const y = PAGE.top + mm(34);
  drawText(doc, 'Klient', PAGE.left, y, { size: 8, color: COLOR.muted });
  const client = [
    data.client.name,
    `Org.nr ${displayIdentityNumber(data.client.organisationNumber)}`,
    ...(data.client.address
      ? [
          `${data.client.address.street}, ${data.client.address.postalCode} ${data.client.address.city}`,
        ]
      : []),
  ];
  const h = drawText(doc, client.join('\n'), PAGE.left, y + mm(4), { size: 10, width: mm(90) });
  return y + mm(4) + h + mm(6);
}

function drawIntro(doc: Pdf, data: SettlementDocumentData, y: number): number {
  const text =
    `${data.operator.name} har tagit emot nedanstående betalningar för er räkning och betalar ` +
    `${kronorText(data.amount)} till ${data.account} den ${data.payoutDate}. Belopp i kronor; ` +
    'en överbetalning redovisas som egen rad och en återbetalning till kund som negativ rad.';
  return y + drawText(doc, text, PAGE.left, y, { size: 9, width: WIDTH }) + mm(5);
}

/** Renders the report. `compress: false` lets tests read the text. */
export async function renderSettlementPdf(
  data: SettlementDocumentData,
  options: { compress?: boolean } = {},
): Promise<RenderedDocument> {
  const doc = createPdf({
    title: `Redovisning ${data.client.name} ${data.payoutDate}`,
    author: data.operator.name,
    date: data.payoutDate,
    language: 'sv',
    compress: options.compress,
  });
  const bytes = collectPdf(doc);
  let y = drawIntro(doc, data, drawHeader(doc, data));
  const rows = data.lines.map((l) => [
    l.invoiceNumber,
    l.customerName,
    l.paymentDate,
    amountText(l.capital),
    amountText(l.fees),
    amountText(l.interest),
    amountText(subtractOre(addOre(l.capital, l.fees, l.interest), l.operatorFee ?? ZERO_ORE)),
  ]);
  y = drawTable(doc, {
    x: PAGE.left,
    y,
    columns: COLUMNS,
    rows,
    bottom: PAGE.contentBottom,
    onNewPage: () => {
      doc.addPage();
      return PAGE.top + mm(6);
    },
  });
  const t = data.totals;
  const box = { x: PAGE.right - mm(80), y: y + mm(4), width: mm(80) };
  if (box.y + mm(40) > PAGE.contentBottom) {
    doc.addPage();
    box.y = PAGE.top + mm(6);
  }
  drawTotals(
    doc,
    [
      { label: 'Kapital', value: amountText(t.capital) },
      { label: 'Avgifter', value: amountText(t.fees) },
      { label: 'Ränta', value: amountText(t.interest) },
      { label: 'Inbetalt', value: amountText(t.collected) },
      { label: 'Serviceavgift', value: amountText(t.operatorFee) },
      { label: 'Utbetalt', value: kronorText(t.payout), strong: true },
    ],
    box,
  );
  const op = data.operator;
  drawFooters(
    doc,
    [
      [op.name, `Org.nr ${displayIdentityNumber(op.organisationNumber)}`],
      [`Bankgiro ${displayBankgiro(op.bankgiro)}`, op.email],
      ['Redovisningen avser utbetalningen ovan.', 'Spara den med er bokföring.'],
    ],
    (page, pages) => `Sida ${page} av ${pages}`,
  );
  doc.end();
  return {
    bytes: await bytes,
    contentType: 'application/pdf',
    fileName: `redovisning-${data.payoutDate}.pdf`,
  };
}
