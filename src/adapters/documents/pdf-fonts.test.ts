/**
 * Goal: the shortcuts taken for speed change no byte and no module. Method: the shared-metrics
 * fonts against pdfkit's own font loading on the same drawing, byte for byte; the QR code's
 * rectangles read back from the page and rasterised onto the module grid QRCode computes.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { useStandardFonts } from './pdf-fonts.ts';
import { collectPdf, createPdf, drawQr, drawText, FONT, mm } from './pdf-layout.ts';

type Pdf = PDFKit.PDFDocument;

const OPTIONS = {
  title: 'Faktura 1',
  author: 'Ekholm & Åberg Konsult AB',
  date: calendarDate('2025-03-14'),
  language: 'sv' as const,
  compress: false,
};

function drawSample(doc: Pdf): void {
  drawText(doc, 'Fakturanummer 1042 – Åberg, Örebro', 40, 40, { size: 9 });
  drawText(doc, 'ATT BETALA 23 327,71 kr', 40, 60, { size: 11, bold: true, align: 'right' });
  drawText(doc, 'Vid betalning efter förfallodagen debiteras dröjsmålsränta '.repeat(4), 40, 80, {
    size: 8,
    width: mm(86),
  });
}

/** pdfkit's own path: the default font from the constructor, Helvetica-Bold loaded on first use. */
function plainPdf(): Pdf {
  return new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    compress: false,
    lang: 'sv-SE',
    info: {
      Title: OPTIONS.title,
      Author: OPTIONS.author,
      Creator: 'Reskontra',
      Producer: 'Reskontra (pdfkit)',
      CreationDate: new Date(Date.UTC(2025, 2, 14, 12)),
    },
  });
}

async function render(doc: Pdf, draw: (doc: Pdf) => void): Promise<Buffer> {
  const bytes = collectPdf(doc);
  draw(doc);
  doc.end();
  return bytes;
}

describe('standard fonts with shared metrics', () => {
  it('give the same bytes as pdfkit loading the fonts itself', async () => {
    const shared = await render(createPdf(OPTIONS), drawSample);
    const plain = await render(plainPdf(), drawSample);
    expect(shared.equals(plain)).toBe(true);
    expect(shared.toString('latin1')).toContain('/BaseFont /Helvetica-Bold');
  });

  it('keep each document its own font objects (a second document is unaffected)', async () => {
    const first = await render(createPdf(OPTIONS), drawSample);
    const onlyRegular = await render(createPdf(OPTIONS), (doc) => drawText(doc, 'x', 40, 40));
    const again = await render(createPdf(OPTIONS), drawSample);
    expect(again.equals(first)).toBe(true);
    expect(onlyRegular.toString('latin1')).not.toContain('Helvetica-Bold');
  });

  it('fall back to pdfkit loading fonts for a document that already has one', async () => {
    const doc = plainPdf();
    useStandardFonts(doc, [FONT.regular, FONT.bold]);
    const fallback = await render(doc, drawSample);
    expect(fallback.equals(await render(plainPdf(), drawSample))).toBe(true);
  });
});

/** The dark modules the page shows: every "x y w h re" after the QR's scaling, filled in. */
function modulesDrawn(pdf: Buffer, size: number): boolean[][] {
  const stream = pdf.toString('latin1');
  const scaled = /^([\d.]+) 0 0 \1 [\d.]+ [\d.]+ cm$/m.exec(stream);
  expect(scaled).not.toBeNull();
  const start = scaled!.index;
  const end = stream.indexOf('\nf\n', start);
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const m of stream.slice(start, end).matchAll(/^(\S+) (\S+) (\S+) (\S+) re$/gm)) {
    const [x, y, w, h] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    for (let row = y; row < Math.floor(y + h); row += 1)
      for (let col = x; col < Math.floor(x + w); col += 1) grid[row]![col] = true;
  }
  return grid;
}

describe('drawQr', () => {
  it('draws exactly the dark modules of the code, as one byte segment', async () => {
    const text =
      '{"uqr":1,"tp":1,"nme":"Ekholm & Åberg Konsult AB","iref":"104265","due":23327.71}';
    const pdf = await render(createPdf(OPTIONS), (doc) => drawQr(doc, text, 100, 100, mm(25)));
    const expected = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
      errorCorrectionLevel: 'M',
    }).modules;
    const drawn = modulesDrawn(pdf, expected.size);
    const mismatches: string[] = [];
    for (let row = 0; row < expected.size; row += 1)
      for (let col = 0; col < expected.size; col += 1)
        if (drawn[row]![col] !== Boolean(expected.get(row, col))) mismatches.push(`${row},${col}`);
    expect(mismatches).toEqual([]);
    expect(drawn.flat().filter(Boolean).length).toBeGreaterThan(expected.size * 10);
  });
});
