/**
 * Importing a bank file (BgMax or camt.054): refused whole when invalid (every issue named) or
 * already imported in the scope; otherwise every new payment is matched and booked, or queued,
 * in ONE transaction, so a crash mid-file books none of it. The payments are booked in batches
 * (import-batch.ts).
 */
import {
  describeParseIssue,
  type BankFileFormat,
  type ParseIssue,
} from '../../domain/payments/bank-file.ts';
import { err, ok, type FieldIssue, type Result } from '../../domain/result.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import { CHUNK_SIZE, importPayments, WRITE_BATCH } from './import-batch.ts';
import type { ImportCounts } from './payment-store.ts';

export type ImportResult = ImportCounts & {
  readonly fileId: string;
  readonly format: BankFileFormat;
};

function toFieldIssue(issue: ParseIssue): FieldIssue {
  const where = [issue.line === undefined ? undefined : `line ${issue.line}`, issue.field];
  const path = where.filter((p) => p !== undefined).join(', ');
  return { path: path === '' ? 'file' : path, code: issue.code, message: issue.message };
}

export function bankFileRefused(issues: readonly ParseIssue[]): UseCaseError {
  const shown = issues.slice(0, 5).map(describeParseIssue).join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return useCaseError(
    'bank_file_invalid',
    `the file was not imported, nothing was booked: ${shown}${more}`,
    issues.map(toFieldIssue),
  );
}

/**
 * How the payments are booked. batched: false books every payment with the per-payment code, one
 * after another (what the tests compare the batches with); the sizes are import-batch.ts's.
 */
export type ImportOptions = {
  readonly batched?: boolean;
  readonly chunkSize?: number;
  readonly writeBatch?: number;
};

/**
 * scope: the importing tenant's id, or OPERATOR_SCOPE for the operator's collection account,
 * whose payments are routed to clients by the tenant number inside each OCR.
 */
export async function importBankFile(
  ctx: AppContext,
  scope: string,
  bytes: Uint8Array,
  contentType: string | undefined,
  options: ImportOptions = {},
): Promise<Result<ImportResult, UseCaseError>> {
  const read = ctx.uow.read.payments.bankFiles.read(bytes, contentType);
  if (!read.ok) return err(bankFileRefused(read.error));
  const { file, checksum } = read.value;
  return runUseCase(ctx.uow, async (stores) => {
    const fileId = ctx.ids.newId();
    const fresh = await stores.payments.insertBankFile({
      fileId,
      scopeId: scope,
      checksum,
      format: file.format,
      fileReference: file.fileReference,
      test: file.test,
      importedAt: ctx.clock.now(),
    });
    if (!fresh) {
      return err(
        useCaseError(
          'bank_file_already_imported',
          `this file (SHA-256 ${checksum}) was imported before; nothing was booked`,
        ),
      );
    }
    const run = {
      ctx,
      stores,
      scope,
      fileId,
      terms: new Map(),
      batched: options.batched ?? true,
      chunkSize: options.chunkSize ?? CHUNK_SIZE,
      writeBatch: options.writeBatch ?? WRITE_BATCH,
    };
    const counts = await importPayments(run, file);
    await stores.payments.setBankFileCounts(scope, fileId, counts);
    return ok({ fileId, format: file.format, ...counts });
  });
}
