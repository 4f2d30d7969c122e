/**
 * Reads the visible text back out of an uncompressed pdfkit PDF, for tests: pdfkit writes each
 * text run as a TJ array of WinAnsi hex strings. Must not: be used on other producers' PDFs.
 */

/** WinAnsi's 0x80–0x9F block; the rest of the byte range is Latin-1. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const decodeWinAnsi = (bytes: Buffer): string =>
  [...bytes]
    .map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80]! : String.fromCharCode(b)))
    .join('');

/** Every TJ run in page order, one per line, with no-break spaces turned into spaces. */
export function extractPdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const runs = source.match(/\[(?:<[0-9a-f]*>\s*-?[\d.]*\s*)+\]\s*TJ/g) ?? [];
  return runs
    .map((run) =>
      [...run.matchAll(/<([0-9a-f]*)>/g)]
        .map((m) => decodeWinAnsi(Buffer.from(m[1] ?? '', 'hex')))
        .join(''),
    )
    .join('\n')
    .replace(/\u00a0/g, ' ');
}

/** Number of pages: pdfkit writes one "/Type /Page" object per page. */
export const countPdfPages = (pdf: Buffer): number =>
  (pdf.toString('latin1').match(/\/Type \/Page\n/g) ?? []).length;
