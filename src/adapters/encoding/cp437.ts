/**
 * CP437 (IBM PC 8-bit, "PC8"): the byte encoding SIE files promise with #FORMAT PC8.
 * Owns: text ↔ bytes for that code page, via iconv-lite. Must not: replace a character it cannot
 * encode; iconv-lite would write "?" silently, and a changed name in the books is worse than a
 * refused export, so it throws and names the character.
 */
import iconv from 'iconv-lite';

const ENCODING = 'cp437';

/** A character CP437 has no byte for: an export that must be fixed at its source text. */
export class Cp437EncodingError extends Error {
  override readonly name = 'Cp437EncodingError';

  constructor(
    readonly character: string,
    /** UTF-16 offset into the text, then 1-based line and column (in characters). */
    readonly index: number,
    readonly line: number,
    readonly column: number,
  ) {
    const codePoint = character.codePointAt(0) ?? 0;
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    super(
      `character "${character}" (U+${hex}) at line ${line}, column ${column} cannot be encoded ` +
        'in CP437 (PC8); change the text or replace the character before exporting',
    );
  }
}

/** The first character that CP437 cannot represent, or null when all of them can. */
export function findUnencodableCp437(text: string): Cp437EncodingError | null {
  // Fast path: one encode and one decode for the whole text. Only when the round trip differs do
  // we walk the text; CP437 maps every byte to a character, so a difference can only come from a
  // character that became "?".
  if (iconv.decode(iconv.encode(text, ENCODING), ENCODING) === text) return null;
  let index = 0;
  let line = 1;
  let column = 1;
  for (const ch of text) {
    if (iconv.decode(iconv.encode(ch, ENCODING), ENCODING) !== ch) {
      return new Cp437EncodingError(ch, index, line, column);
    }
    index += ch.length;
    if (ch === '\n') {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
  }
  return null;
}

/** Text → CP437 bytes. Throws Cp437EncodingError naming the first character it cannot encode. */
export function encodeCp437(text: string): Buffer {
  const problem = findUnencodableCp437(text);
  if (problem) throw problem;
  return iconv.encode(text, ENCODING);
}

/** CP437 bytes → text. Never fails: every one of the 256 byte values is a character. */
export function decodeCp437(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ENCODING);
}
