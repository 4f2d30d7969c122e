/**
 * The two standard fonts (Helvetica, Helvetica-Bold) with their metrics parsed once per process.
 *
 * Why: pdfkit builds a font's glyph-width and kerning tables from the AFM data for every document
 * (its StandardFont constructor), about a tenth of the time an invoice takes. Those tables never
 * change, so each document gets a font object of its own (own id, own PDF object, embedded
 * lazily as before) that shares the parsed metrics. This leans on pdfkit internals
 * (`_fontFamilies`, `_fontCount`, the StandardFont fields); if they ever differ, fontsFor() falls
 * back to pdfkit's own path, and the byte-identity test in pdf-fonts.test.ts notices the change.
 * Widths of strings are also remembered (withWidthMemo).
 */
import PDFDocument from 'pdfkit';

type Pdf = PDFKit.PDFDocument;
type FontObject = Record<string, unknown>;
type FontInternals = {
  _font: FontObject | null;
  _fontFamilies: Record<string, FontObject>;
  _fontCount: number;
  _fontSource: unknown;
  _fontFamily: unknown;
};

/** Fields that belong to one document; everything else (names, metrics) is shared. */
const PER_DOCUMENT = new Set(['document', 'id', 'dictionary', 'embedded']);

let templates: Map<string, FontObject> | null | undefined;

function loadTemplates(names: readonly string[]): Map<string, FontObject> | null {
  const probe = new PDFDocument({ autoFirstPage: false }) as unknown as Pdf & FontInternals;
  const found = new Map<string, FontObject>();
  for (const name of names) {
    probe.font(name);
    const font = probe._font;
    if (font === null || typeof font !== 'object' || font.name !== name || !('font' in font))
      return null;
    found.set(name, withWidthMemo(font));
  }
  return found;
}

const MEMO_LIMIT = 20_000;

/**
 * Text is measured word by word to wrap it, and invoices repeat the same words (labels, names,
 * amounts' digits groups): the unscaled width of a string is remembered, per font. Exact: the
 * width is a sum of integer AFM widths and kerning amounts, scaled as pdfkit does.
 */
function withWidthMemo(font: FontObject): FontObject {
  const measure = font.widthOfString as ((text: string, size: number) => number) | undefined;
  if (typeof measure !== 'function') return font;
  const widths = new Map<string, number>();
  font.widthOfString = function widthOfString(this: FontObject, text: string, size: number) {
    let width = widths.get(text);
    if (width === undefined) {
      if (widths.size >= MEMO_LIMIT) widths.clear();
      width = measure.call(this, text, 1000);
      widths.set(text, width);
    }
    return width * (size / 1000);
  };
  return font;
}

function copyFor(doc: Pdf, template: FontObject, id: string): FontObject {
  const font = Object.create(Object.getPrototypeOf(template) as object) as FontObject;
  for (const [key, value] of Object.entries(template)) {
    if (!PER_DOCUMENT.has(key)) font[key] = value;
  }
  font.document = doc;
  font.id = id;
  return font;
}

/**
 * Registers the fonts in a new document, in the order given, exactly as doc.font(name) would
 * (ids F1, F2, …; the PDF font object is made when a page first uses the font), and selects the
 * first. Call right after creating the document with `font: null`.
 */
export function useStandardFonts(doc: Pdf, names: readonly string[]): void {
  if (templates === undefined) templates = loadTemplates(names);
  const internals = doc as Pdf & FontInternals;
  const shared = templates;
  if (
    shared === null ||
    names.some((n) => !shared.has(n)) ||
    typeof internals._fontFamilies !== 'object' ||
    internals._fontCount !== 0
  ) {
    for (const name of names) doc.font(name);
    doc.font(names[0]!);
    return;
  }
  for (const name of names) {
    internals._fontCount += 1;
    internals._fontFamilies[name] = copyFor(doc, shared.get(name)!, `F${internals._fontCount}`);
  }
  doc.font(names[0]!);
}
