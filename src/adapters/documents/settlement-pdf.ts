/**
 * The settlement report (redovisning) of one payout as an A4 PDF, beside the CSV: what Reskontra
 * collected for the client, per invoice payment (capital, fees, interest), refunds to customers,
 * the operator's fee, and what reached the client's account. Must not: compute any amount.
 */
import type { RenderedDocument } from '../../application/ports.ts';
import type { OperatorFeeCharge } from '../../domain/payouts/operator-fees.ts';
import {
  FEE_KIND_TEXT,
  percentText,
  type SettlementDocumentData,
} from '../../domain/payouts/settlement-report.ts';
import { addOre, subtractOre, ZERO_ORE } from '../../domain/money.ts';
import { drawTable, drawTotals, type TotalsEntry } from './pdf-blocks.ts';
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

const FEE_COLUMNS = [
  { header: 'Serviceavgift', width: mm(80), align: 'left' as const },
  { header: 'Antal', width: mm(20), align: 'right' as const },
  { header: 'À-pris / underlag', width: mm(45), align: 'right' as const },
  { header: 'Belopp', width: mm(25), align: 'right' as const },
];

/** A fee worth a section: something was charged (a charge of zero prints nothing). */
const chargedFee = (data: SettlementDocumentData): OperatorFeeCharge | null =>
  data.operatorFee != null && (data.operatorFee.fee !== 0n || data.operatorFee.vat !== 0n)
    ? data.operatorFee
    : null;

function drawIntro(doc: Pdf, data: SettlementDocumentData, y: number): number {
  const fee = chargedFee(data);
  const text =
    `${data.operator.name} har tagit emot nedanstående betalningar för er räkning och betalar ` +
    `${kronorText(data.amount)} till ${data.account} den ${data.payoutDate}` +
    (fee === null
      ? ''
      : `, efter avdrag för serviceavgift ${kronorText(addOre(fee.fee, fee.vat))} inkl. moms`) +
    '. Belopp i kronor; en överbetalning redovisas som egen rad och en återbetalning till kund ' +
    'som negativ rad.';
  return y + drawText(doc, text, PAGE.left, y, { size: 9, width: WIDTH }) + mm(5);
}

/** The fee's lines: per document kind count × price, the share of the money, the VAT, the sum. */
function feeRows(fee: OperatorFeeCharge): string[][] {
  const rows = fee.documents
    .filter((d) => d.amount !== 0n)
    .map((d) => [
      FEE_KIND_TEXT[d.kind],
      String(d.count),
      amountText(d.unitPrice),
      amountText(d.amount),
    ]);
  if (fee.share.amount !== 0n) {
    rows.push([
      `Andel av inbetalt, ${percentText(fee.share.basisPoints)}`,
      '',
      amountText(fee.share.base),
      amountText(fee.share.amount),
    ]);
  }
  rows.push(['Summa exkl. moms', '', '', amountText(fee.fee)]);
  rows.push(['Moms 25 %', '', amountText(fee.fee), amountText(fee.vat)]);
  rows.push(['Summa serviceavgift', '', '', amountText(addOre(fee.fee, fee.vat))]);
  return rows;
}

/** The fee's own table under the money's; a new page first if not even its start fits. */
function drawFeeTable(doc: Pdf, fee: OperatorFeeCharge, top: number): number {
  let y = top;
  if (y + mm(30) > PAGE.contentBottom) {
    doc.addPage();
    y = PAGE.top + mm(6);
  }
  return drawTable(doc, {
    x: PAGE.left,
    y,
    columns: FEE_COLUMNS,
    rows: feeRows(fee),
    bottom: PAGE.contentBottom,
    onNewPage: () => {
      doc.addPage();
      return PAGE.top + mm(6);
    },
  });
}

function totalsEntries(data: SettlementDocumentData): TotalsEntry[] {
  const t = data.totals;
  const fee = chargedFee(data);
  return [
    { label: 'Kapital', value: amountText(t.capital) },
    { label: 'Avgifter', value: amountText(t.fees) },
    { label: 'Ränta', value: amountText(t.interest) },
    { label: 'Inbetalt', value: amountText(t.collected) },
    ...(fee === null
      ? [{ label: 'Serviceavgift', value: amountText(t.operatorFee) }]
      : [
          { label: 'Serviceavgift exkl. moms', value: amountText(fee.fee) },
          { label: 'Moms på serviceavgift', value: amountText(fee.vat) },
        ]),
    { label: 'Utbetalt', value: kronorText(t.payout), strong: true },
  ];
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
  const fee = chargedFee(data);
  if (fee !== null) y = drawFeeTable(doc, fee, y + mm(6));
  const box = { x: PAGE.right - mm(80), y: y + mm(4), width: mm(80) };
  if (box.y + mm(fee === null ? 40 : 46) > PAGE.contentBottom) {
    doc.addPage();
    box.y = PAGE.top + mm(6);
  }
  drawTotals(doc, totalsEntries(data), box);
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
