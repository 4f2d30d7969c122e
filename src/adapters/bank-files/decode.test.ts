/**
 * Goal: decodeBankFileBytes turns the bank's bytes into the same text whatever the encoding,
 * and refuses binary input with a clear issue. Method: the BgMax sample as UTF-8, ISO-8859-1
 * and with a BOM; XML with a declared encoding; NUL, UTF-16 and invalid UTF-8 bytes.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseBgMax } from '../../domain/payments/bgmax/parse-bgmax.ts';
import { decodeBankFileBytes } from './decode.ts';

const SAMPLE = readFileSync(
  new URL(
    '../../domain/payments/bgmax/fixtures/bankgirot-example-ocr-check-length.txt',
    import.meta.url,
  ),
  'utf8',
);

function decoded(bytes: Uint8Array) {
  const result = decodeBankFileBytes(bytes);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('decodeBankFileBytes', () => {
  it('reads the UTF-8 sample as UTF-8', () => {
    const value = decoded(Buffer.from(SAMPLE, 'utf8'));
    expect(value).toEqual({ text: SAMPLE, encoding: 'utf-8', byteOrderMark: false });
  });

  it('reads the same file in ISO-8859-1 to the same text (å is one byte 0xE5)', () => {
    const bytes = iconv.encode(SAMPLE, 'latin1');
    expect(bytes.includes(0xe5)).toBe(true);
    const value = decoded(bytes);
    expect(value.encoding).toBe('iso-8859-1');
    expect(value.text).toBe(SAMPLE);
    const parsed = parseBgMax(value.text);
    expect(parsed.ok && parsed.value.sections[0]!.payments[0]!.payer?.city).toBe('Storåker');
  });

  it('drops a UTF-8 BOM and reports it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(decoded(bytes)).toMatchObject({ text: SAMPLE, encoding: 'utf-8', byteOrderMark: true });
  });

  it('calls pure ASCII ascii', () => {
    expect(decoded(Buffer.from('01BGMAX\n', 'utf8')).encoding).toBe('ascii');
  });

  it('honours an XML declaration naming ISO-8859-1', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><Nm>Åsa Öberg</Nm>';
    const value = decoded(iconv.encode(xml, 'latin1'));
    expect(value).toMatchObject({ text: xml, encoding: 'iso-8859-1' });
  });

  it('rejects bytes that declare UTF-8 but are not', () => {
    const bytes = iconv.encode('<?xml version="1.0" encoding="UTF-8"?><Nm>Åsa</Nm>', 'latin1');
    const result = decodeBankFileBytes(bytes);
    expect(!result.ok && result.error[0]?.code).toBe('invalid_utf8');
  });

  it('rejects an unknown declared encoding', () => {
    const result = decodeBankFileBytes(Buffer.from('<?xml version="1.0" encoding="x-klingon"?>'));
    expect(!result.ok && result.error[0]?.code).toBe('unsupported_encoding');
  });

  it('rejects binary content (a NUL byte) and names the line', () => {
    const bytes = Buffer.from('01BGMAX\n05\u0000oops', 'latin1');
    const result = decodeBankFileBytes(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error[0]).toMatchObject({
      code: 'binary_content',
      line: 2,
      field: 'bytes',
    });
  });

  it('rejects UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('01BGMAX', 'utf16le')]);
    const result = decodeBankFileBytes(bytes);
    expect(!result.ok && result.error[0]?.code).toBe('unsupported_encoding');
  });

  it('decodes an empty file to empty text (the parser reports it as empty)', () => {
    expect(decoded(new Uint8Array(0))).toEqual({
      text: '',
      encoding: 'ascii',
      byteOrderMark: false,
    });
  });
});
