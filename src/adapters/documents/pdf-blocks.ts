/**
 * Larger pdfkit building blocks on top of pdf-layout.ts: the row table that breaks across pages,
 * the totals column and the payment box. Owns: their geometry. Must not: know any document kind.
 */
import {
  COLOR,
  drawCaption,
  drawQr,
  drawRule,
  drawText,
  FONT,
  mm,
  PAGE,
  pdfSafe,
  type Pdf,
} from './pdf-layout.ts';

export type TableColumn = {
  readonly header: string;
  /** Width in points; the columns should add up to the table width. */
  readonly width: number;
  readonly align: 'left' | 'right';
};

export type TableOptions = {
  readonly x: number;
  readonly y: number;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
  /** Rows must end above this y; the next row goes on a new page. */
  readonly bottom: number;
  /** Adds a page (with whatever heading it needs) and returns the y to continue at. */
  readonly onNewPage: () => number;
  readonly size?: number;
};

const CELL_PAD = 3;

function drawTableHeader(doc: Pdf, options: TableOptions, y: number): number {
  const width = options.columns.reduce((sum, c) => sum + c.width, 0);
  const height = 15;
  doc.rect(options.x, y, width, height).fill(COLOR.fill);
  let x = options.x;
  for (const column of options.columns) {
    drawText(doc, column.header, x + CELL_PAD, y + 4.5, {
      size: 7.5,
      bold: true,
      color: COLOR.accent,
      width: column.width - CELL_PAD * 2,
      align: column.align,
    });
    x += column.width;
  }
  return y + height + 2;
}

function rowHeight(doc: Pdf, options: TableOptions, row: readonly string[]): number {
  doc.font(FONT.regular).fontSize(options.size ?? 9);
  const heights = options.columns.map((column, i) =>
    doc.heightOfString(pdfSafe(row[i] ?? ''), { width: column.width - CELL_PAD * 2, lineGap: 1 }),
  );
  return Math.max(...heights) + CELL_PAD * 2;
}

/** Draws a header and the rows, repeating the header after each page break. Returns bottom y. */
export function drawTable(doc: Pdf, options: TableOptions): number {
  const width = options.columns.reduce((sum, c) => sum + c.width, 0);
  let y = drawTableHeader(doc, options, options.y);
  for (const row of options.rows) {
    const height = rowHeight(doc, options, row);
    if (y + height > options.bottom) y = drawTableHeader(doc, options, options.onNewPage());
    let x = options.x;
    options.columns.forEach((column, i) => {
      drawText(doc, row[i] ?? '', x + CELL_PAD, y + CELL_PAD, {
        size: options.size ?? 9,
        width: column.width - CELL_PAD * 2,
        align: column.align,
      });
      x += column.width;
    });
    y += height;
    drawRule(doc, y, options.x, options.x + width);
  }
  return y;
}

export type TotalsEntry = {
  readonly label: string;
  readonly value: string;
  /** The amount to pay: larger, bold, with a rule above. */
  readonly strong?: boolean;
};

/** A right-hand column of label/amount pairs under a table. Returns the bottom y. */
export function drawTotals(
  doc: Pdf,
  entries: readonly TotalsEntry[],
  box: { x: number; y: number; width: number },
): number {
  let y = box.y;
  const valueWidth = mm(32);
  for (const entry of entries) {
    if (entry.strong === true) {
      y += 3;
      drawRule(doc, y, box.x, box.x + box.width, COLOR.accent);
      y += 4;
    }
    const size = entry.strong === true ? 11 : 9;
    const labelWidth = box.width - valueWidth;
    const height = drawText(doc, entry.label, box.x, y, {
      size,
      bold: entry.strong === true,
      width: labelWidth - 4,
    });
    drawText(doc, entry.value, box.x + labelWidth, y, {
      size,
      bold: entry.strong === true,
      width: valueWidth - CELL_PAD,
      align: 'right',
    });
    y += height + 3;
  }
  return y;
}

export type PaymentCell = { readonly label: string; readonly value: string };

export type PaymentBoxOptions = {
  readonly title: string;
  readonly cells: readonly PaymentCell[];
  /** QR payload and the line under it; omitted for documents nobody should pay. */
  readonly qr?: { readonly text: string; readonly caption: string } | undefined;
};

/** The QR code needs the taller box; without it the box keeps to the cells. */
export const paymentBoxHeight = (withQr: boolean): number => mm(withQr ? 34 : 24);

/**
 * The framed box a payer copies from (or scans): bankgiro, OCR, amount and date. It sits just
 * above the footer, where payers look for it; returns nothing because nothing follows it.
 */
export function drawPaymentBox(doc: Pdf, options: PaymentBoxOptions): void {
  const height = paymentBoxHeight(options.qr !== undefined);
  const y = PAGE.contentBottom - height;
  const width = PAGE.right - PAGE.left;
  doc.rect(PAGE.left, y, width, height).lineWidth(0.8).strokeColor(COLOR.accent);
  doc.stroke();
  doc.rect(PAGE.left, y, width, mm(6.5)).fill(COLOR.accent);
  drawText(doc, options.title.toUpperCase(), PAGE.left + mm(3), y + mm(1.9), {
    size: 8,
    bold: true,
    color: '#ffffff',
  });
  const qrSize = mm(25);
  const cellsRight = options.qr ? PAGE.right - qrSize - mm(8) : PAGE.right;
  const cellWidth = (cellsRight - PAGE.left - mm(3)) / Math.max(options.cells.length, 1);
  options.cells.forEach((cell, i) => {
    const x = PAGE.left + mm(3) + i * cellWidth;
    drawCaption(doc, cell.label, x, y + mm(10), cellWidth - mm(2));
    drawText(doc, cell.value, x, y + mm(14.5), {
      size: 12.5,
      bold: true,
      width: cellWidth - mm(2),
    });
  });
  if (options.qr) {
    const qrX = PAGE.right - qrSize - mm(3);
    drawQr(doc, options.qr.text, qrX, y + mm(7.5), qrSize);
    drawText(doc, options.qr.caption, cellsRight - mm(60), y + mm(28), {
      size: 7,
      color: COLOR.muted,
      width: mm(62),
      align: 'right',
    });
  }
}
