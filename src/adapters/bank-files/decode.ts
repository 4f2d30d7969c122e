/**
 * Bank-file bytes → text, before either parser sees them. Owns: telling UTF-8 from ISO-8859-1,
 * honouring an XML declaration's encoding, stripping a BOM, and refusing binary content.
 * Must not: parse records or XML; the parsers in src/domain and camt054/ take text only.
 */
import iconv from 'iconv-lite';
import type { ParseIssue } from '../../domain/payments/bank-file.ts';
import { err, ok, type Result } from '../../domain/result.ts';

export type BankFileEncoding = 'ascii' | 'utf-8' | 'iso-8859-1' | (string & {});

export type DecodedBankFile = {
  readonly text: string;
  /** What the bytes were read as: 'ascii' when no byte is above 0x7F (both readings agree). */
  readonly encoding: BankFileEncoding;
  readonly byteOrderMark: boolean;
};

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

const issue = (code: string, message: string, line?: number): ParseIssue =>
  line === undefined ? { field: 'bytes', code, message } : { line, field: 'bytes', code, message };

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** The text if the bytes are valid UTF-8, else undefined (the BOM is already removed). */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The encoding named in `<?xml … encoding="…"?>`, if the bytes start with one. */
function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase();
}

/**
 * Decodes a bank file. Rules, in order:
 * 1. UTF-16/32 byte-order marks and NUL bytes mean binary or a wide encoding: rejected.
 * 2. A UTF-8 BOM is dropped and the rest must be valid UTF-8.
 * 3. An XML declaration's encoding is used when iconv-lite knows it (UTF-8 still validated).
 * 4. Otherwise valid UTF-8 is UTF-8, and anything else is ISO-8859-1, the usual encoding of
 *    Swedish bank files. Latin-1 Swedish text ("Ã¥" pairs) is practically never valid UTF-8.
 */
export function decodeBankFileBytes(input: Uint8Array): Result<DecodedBankFile, ParseIssue[]> {
  if (
    (input[0] === 0xff && input[1] === 0xfe) ||
    (input[0] === 0xfe && input[1] === 0xff) ||
    (input[0] === 0x00 && input[1] === 0x00)
  ) {
    return err([issue('unsupported_encoding', 'UTF-16/UTF-32 files are not supported', 1)]);
  }
  const nul = input.indexOf(0x00);
  if (nul !== -1) {
    const message = `NUL byte at offset ${nul}: this is a binary file, not a bank file`;
    return err([issue('binary_content', message, lineOfOffset(input, nul))]);
  }
  const byteOrderMark = UTF8_BOM.every((b, i) => input[i] === b);
  const bytes = byteOrderMark ? input.subarray(3) : input;
  const declared = declaredXmlEncoding(bytes);
  const wantsUtf8 = byteOrderMark || declared === 'utf-8' || declared === 'utf8';
  if (!wantsUtf8 && declared !== undefined) {
    // Read the guard into a boolean: iconv-lite types it as a guard that narrows to never.
    const known: boolean = iconv.encodingExists(declared);
    if (!known) {
      return err([issue('unsupported_encoding', `unknown encoding "${declared}"`, 1)]);
    }
    return ok({
      text: iconv.decode(Buffer.from(bytes), declared),
      encoding: declared,
      byteOrderMark,
    });
  }
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) {
    const ascii = bytes.every((b) => b < 0x80);
    return ok({ text: utf8, encoding: ascii ? 'ascii' : 'utf-8', byteOrderMark });
  }
  if (wantsUtf8) {
    return err([issue('invalid_utf8', 'the file says UTF-8 but its bytes are not valid UTF-8')]);
  }
  return ok({
    text: iconv.decode(Buffer.from(bytes), 'latin1'),
    encoding: 'iso-8859-1',
    byteOrderMark,
  });
}
