/**
 * Port: bank-file bytes → a parsed BankFile and the bytes' checksum. Decoding (UTF-8 or
 * ISO-8859-1) and the camt.054 XML parser live in adapters; BgMax parsing is pure domain.
 */
import type { BankFile, ParseIssue } from '../../domain/payments/bank-file.ts';
import type { Result } from '../../domain/result.ts';

export type ReadBankFile = {
  /** SHA-256 of the bytes, hex: the same file imported twice has the same checksum. */
  readonly checksum: string;
  readonly file: BankFile;
};

export interface BankFileReader {
  /**
   * contentType picks the format (application/xml → camt.054, text/plain → BgMax); anything else
   * (application/octet-stream) is sniffed from the first character. Never throws: a file is read
   * whole or refused with every issue found.
   */
  read(
    bytes: Uint8Array,
    contentType: string | undefined,
  ): Result<ReadBankFile, readonly ParseIssue[]>;
}
