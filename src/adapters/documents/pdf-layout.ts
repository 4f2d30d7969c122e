/**
 * Shared pdfkit drawing for Reskontra's letters: A4 grid, window-envelope address, tables, the
 * payment box with its QR code, footers. Owns: geometry and typography. Must not: know documents.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { dateParts, type CalendarDate } from '../../domain/calendar-date.ts';
import { formatKronor, type Ore } from '../../domain/money.ts';
import { useStandardFonts } from './pdf-fonts.ts';

export type Pdf = PDFKit.PDFDocument;

export const POINTS_PER_MM = 72 / 25.4;
export const mm = (millimetres: number): number => millimetres * POINTS_PER_MM;

/** A4 with 20 mm side margins: the width a folded letter keeps readable in a C5/C4 envelope. */
export const PAGE = {
  width: mm(210),
  height: mm(297),
  left: mm(20),
  right: mm(190),
  top: mm(14),
  /** Content stops here; the footer lives below. */
  contentBottom: mm(268),
  footerTop: mm(272),
} as const;

/**
 * The recipient block. Window envelopes in Sweden (V2 left window, C5 and C4) put the window
 * about 15–20 mm from the left and 44–50 mm from the top, 90–105 × 35–45 mm. We print inside the
 * intersection of those: x 22–107 mm, y 48–78 mm, so the address shows in any of them.
 */
export const ADDRESS_WINDOW = { x: mm(22), y: mm(48), width: mm(85), height: mm(30) } as const;

export const COLOR = {
  text: '#16191d',
  muted: '#5c6570',
  rule: '#c5cbd3',
  fill: '#eef1f5',
  accent: '#1d3b5c',
} as const;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;

/** The PDF's creation date: noon UTC of a calendar date, so equal input gives equal bytes. */
export function fixedInstant(date: CalendarDate): Date {
  const { year, month, day } = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day, 12, 0, 0));
}

export type PdfOptions = {
  readonly title: string;
  readonly author: string;
  readonly date: CalendarDate;
  readonly language: 'sv' | 'en';
  /** Tests turn compression off to read the text; production keeps it on. */
  readonly compress?: boolean | undefined;
};

export function createPdf(options: PdfOptions): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    // No default font: useStandardFonts() registers both with their metrics parsed once.
    font: null as unknown as string,
    margin: 0,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: options.language === 'en' ? 'en' : 'sv-SE',
    info: {
      Title: pdfSafe(options.title),
      Author: pdfSafe(options.author),
      Creator: 'Reskontra',
      Producer: 'Reskontra (pdfkit)',
      CreationDate: fixedInstant(options.date),
    },
  });
  useStandardFonts(doc, [FONT.regular, FONT.bold]);
  return doc;
}

/** Collects the stream; call before drawing so no chunk is missed, then call doc.end(). */
export function collectPdf(doc: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** WinAnsi's extra code points (0x80–0x9F) that pdfkit maps for the standard fonts. */
const WIN_ANSI_EXTRA = new Set(
  '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.split('').map((c) => c.codePointAt(0)),
);

/**
 * The built-in Helvetica only has WinAnsi glyphs (åäö are there). Anything else would print as
 * garbage, so: U+2212 minus → '-', accents outside WinAnsi → base letter, the rest → '?'.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text.replace(/\u2212/g, '-')) {
    const code = char.codePointAt(0) ?? 63;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) out += char;
    else if (WIN_ANSI_EXTRA.has(code)) out += char;
    else if (code === 0x09 || code === 0x0a) out += char === '\n' ? '\n' : ' ';
    else {
      const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base.length > 0 && [...base].every((c) => c.charCodeAt(0) < 0x7f) ? base : '?';
    }
  }
  return out;
}

/** "1 234,50" (no unit: the column or the label says kr). */
export const amountText = (amount: Ore): string => pdfSafe(formatKronor(amount, { suffix: false }));
/** "1 234,50 kr" */
export const kronorText = (amount: Ore): string => pdfSafe(formatKronor(amount));

/** "556036-0793": how an orgnr (or personnummer) is written. */
export const displayIdentityNumber = (digits: string): string =>
  /^\d{10}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;

/** "5050-1055" / "123-4567": how Bankgirot prints a bankgiro number. */
export const displayBankgiro = (digits: string): string =>
  /^\d{7,8}$/.test(digits) ? `${digits.slice(0, -4)}-${digits.slice(-4)}` : digits;

/** "1.5" → "1,5": quantities in Swedish text use a decimal comma. */
export const displayQuantity = (quantity: string, language: 'sv' | 'en'): string =>
  language === 'sv' ? quantity.replace('.', ',') : quantity;

export type TextStyle = {
  readonly size?: number;
  readonly bold?: boolean;
  readonly color?: string;
  readonly width?: number;
  readonly align?: 'left' | 'right' | 'center';
  readonly lineGap?: number;
};

/** Writes text at an absolute position and returns its height. */
export function drawText(doc: Pdf, text: string, x: number, y: number, style: TextStyle = {}) {
  const options = {
    width: style.width ?? PAGE.right - x,
    align: style.align ?? 'left',
    lineGap: style.lineGap ?? 1,
  };
  doc
    .font(style.bold === true ? FONT.bold : FONT.regular)
    .fontSize(style.size ?? 9)
    .fillColor(style.color ?? COLOR.text);
  // text() leaves doc.y below the last line it wrote, exactly where heightOfString() would
  // measure to: reading it back saves wrapping every text a second time.
  doc.text(pdfSafe(text), x, y, options);
  return doc.y - y;
}

/** The document title, shrunk from 18 pt until it fits on one line ("Debt collection demand"). */
export function drawTitle(doc: Pdf, title: string, x: number, y: number): void {
  const width = PAGE.right - x;
  const text = pdfSafe(title.toUpperCase());
  let size = 18;
  doc.font(FONT.bold);
  while (size > 10 && doc.fontSize(size).widthOfString(text) > width) size -= 1;
  drawText(doc, text, x, y + (18 - size) / 2, { size, bold: true, color: COLOR.accent, width });
}

export function drawRule(
  doc: Pdf,
  y: number,
  x1 = PAGE.left,
  x2 = PAGE.right,
  color: string = COLOR.rule,
) {
  doc.moveTo(x1, y).lineTo(x2, y).lineWidth(0.6).strokeColor(color).stroke();
}

/** The recipient's name and address inside the envelope window. */
export function drawRecipient(doc: Pdf, lines: readonly string[]): void {
  let y = ADDRESS_WINDOW.y;
  lines.forEach((line, i) => {
    y += drawText(doc, line, ADDRESS_WINDOW.x, y, {
      size: 10.5,
      bold: i === 0,
      width: ADDRESS_WINDOW.width,
    });
  });
}

export type LabelValue = readonly [label: string, value: string];

/** A two-column "label: value" list, as in an invoice's header block. Returns the bottom y. */
export function drawLabelValues(
  doc: Pdf,
  entries: readonly LabelValue[],
  box: { x: number; y: number; width: number; labelWidth: number },
): number {
  let y = box.y;
  for (const [label, value] of entries) {
    drawText(doc, label, box.x, y + 0.8, { size: 8, color: COLOR.muted, width: box.labelWidth });
    const height = drawText(doc, value, box.x + box.labelWidth, y, {
      size: 9.5,
      bold: true,
      width: box.width - box.labelWidth,
    });
    y += Math.max(height, 11) + 2;
  }
  return y;
}

/** Small caps label above a value: the cells of the payment box and the parties block. */
export function drawCaption(doc: Pdf, label: string, x: number, y: number, width: number): number {
  return drawText(doc, label.toUpperCase(), x, y, { size: 6.8, color: COLOR.muted, width });
}

/**
 * Draws a QR code as vector squares: sharp at any print size and free of image encoding. The
 * text goes in as one byte segment: the library's search for the shortest mix of segments cost
 * as much as the rest of the code and saves a few bits at most. Drawn in module units (a scaled
 * coordinate system), dark runs of a row merged into one rectangle and equal runs of consecutive
 * rows into one taller one: a fraction of the content stream of a square per module.
 */
export function drawQr(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const matrix = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  }).modules;
  const quiet = 2;
  const cell = size / (matrix.size + quiet * 2);
  // Rectangles overlap by ~0.05 pt so that viewers do not show hairline seams between them.
  const seam = Math.round((0.05 / cell) * 1000) / 1000;
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.save();
  doc.transform(cell, 0, 0, cell, x + quiet * cell, y + quiet * cell);
  // Dark runs still open, keyed start × 1024 + end → the row they began on.
  let open = new Map<number, number>();
  for (let row = 0; row <= matrix.size; row += 1) {
    const next = new Map<number, number>();
    let runStart = -1;
    for (let col = 0; row < matrix.size && col <= matrix.size; col += 1) {
      const dark = col < matrix.size && matrix.get(row, col);
      if (dark && runStart < 0) runStart = col;
      if (!dark && runStart >= 0) {
        const key = runStart * 1024 + col;
        next.set(key, open.get(key) ?? row);
        runStart = -1;
      }
    }
    for (const [key, top] of open) {
      if (next.has(key)) continue;
      const start = Math.floor(key / 1024);
      doc.rect(start, top, (key % 1024) - start + seam, row - top + seam);
    }
    open = next;
  }
  doc.fill('#000000');
  doc.restore();
}

export type FooterColumn = readonly string[];

/** Writes footers (and "page i of n" when needed) on every buffered page, at the very end. */
export function drawFooters(
  doc: Pdf,
  columns: readonly FooterColumn[],
  pageLabel: (page: number, pages: number) => string,
): void {
  const range = doc.bufferedPageRange();
  const columnWidth = (PAGE.right - PAGE.left) / columns.length;
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    drawRule(doc, PAGE.footerTop, PAGE.left, PAGE.right, COLOR.accent);
    columns.forEach((lines, c) => {
      drawText(doc, lines.join('\n'), PAGE.left + c * columnWidth, PAGE.footerTop + mm(2), {
        size: 7.2,
        color: COLOR.muted,
        width: columnWidth - mm(3),
      });
    });
    if (range.count > 1) {
      drawText(doc, pageLabel(i + 1, range.count), PAGE.right - mm(40), PAGE.height - mm(9), {
        size: 7.5,
        color: COLOR.muted,
        width: mm(40),
        align: 'right',
      });
    }
  }
}
