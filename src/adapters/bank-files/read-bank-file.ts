/**
 * The BankFileReader adapter: checksum of the bytes, decoding (decode.ts), then the BgMax
 * (domain) or camt.054 parser, chosen by content type or, for octet-stream, by the first
 * character. Must not: match or book anything.
 */
import { createHash } from 'node:crypto';
import type { BankFileReader } from '../../application/payments/bank-file-reader.ts';
import { parseBgMax } from '../../domain/payments/bgmax/parse-bgmax.ts';
import { err, ok } from '../../domain/result.ts';
import { parseCamt054 } from './camt054/parse-camt054.ts';
import { decodeBankFileBytes } from './decode.ts';

type Format = 'bgmax' | 'camt054';

/** The media type without parameters, lower case: 'Text/Plain; charset=…' → 'text/plain'. */
const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

function chooseFormat(contentType: string | undefined, text: string): Format {
  const type = mediaType(contentType);
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'camt054';
  if (type === 'text/plain') return 'bgmax';
  // Sniffing: every XML document starts with '<' after optional blanks; a BgMax file with "01".
  return text.trimStart().startsWith('<') ? 'camt054' : 'bgmax';
}

export const bankFileReader: BankFileReader = {
  read(bytes, contentType) {
    const decoded = decodeBankFileBytes(bytes);
    if (!decoded.ok) return err(decoded.error);
    const { text } = decoded.value;
    const parsed =
      chooseFormat(contentType, text) === 'camt054' ? parseCamt054(text) : parseBgMax(text);
    if (!parsed.ok) return err(parsed.error);
    const checksum = createHash('sha256').update(bytes).digest('hex');
    return ok({ checksum, file: parsed.value });
  },
};
