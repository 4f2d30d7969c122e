/**
 * Importing a bank file (BgMax or camt.054): refused whole when invalid (every issue named) or
 * already imported in the scope; otherwise every new payment is matched and booked, or queued,
 * in ONE transaction, so a crash mid-file books none of it.
 */
import { addOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import {
  describeParseIssue,
  type BankFile,
  type BankFileFormat,
  type BankPayment,
  type BankSection,
  type ParseIssue,
} from '../../domain/payments/bank-file.ts';
import { err, ok, type FieldIssue, type Result } from '../../domain/result.ts';
import { runUseCase, type AppContext } from '../context.ts';
import { useCaseError, type UseCaseError } from '../errors.ts';
import type { Stores } from '../stores.ts';
import { applyPayment, type TenantTermsCache } from './apply-payment.ts';
import type { ImportCounts, PaymentRecord } from './payment-store.ts';
import { reverseForDeduction } from './reverse-payment.ts';
import { findTarget, referenceResolver, type Resolve } from './route-payment.ts';

export type ImportResult = ImportCounts & {
  readonly fileId: string;
  readonly format: BankFileFormat;
};

/** The currency Reskontra books in; other sections wait in the queue, marked with theirs. */
const BOOKING_CURRENCY = 'SEK';

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

type Run = {
  readonly ctx: AppContext;
  readonly stores: Stores;
  readonly scope: string;
  readonly fileId: string;
  readonly resolve: Resolve;
  readonly terms: TenantTermsCache;
};

type Outcome = 'matched' | 'unmatched' | 'skipped';

/**
 * scope: the importing tenant's id, or OPERATOR_SCOPE for the operator's collection account,
 * whose payments are routed to clients by the tenant number inside each OCR.
 */
export async function importBankFile(
  ctx: AppContext,
  scope: string,
  bytes: Uint8Array,
  contentType: string | undefined,
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
    const run: Run = {
      ctx,
      stores,
      scope,
      fileId,
      resolve: referenceResolver(stores, scope),
      terms: new Map(),
    };
    const counts = await importSections(run, file);
    await stores.payments.setBankFileCounts(scope, fileId, counts);
    return ok({ fileId, format: file.format, ...counts });
  });
}

async function importSections(run: Run, file: BankFile): Promise<ImportCounts> {
  const tally = { payments: 0, matched: 0, unmatched: 0, skipped: 0 };
  let amount: Ore = ZERO_ORE;
  for (const section of file.sections) {
    if (section.currency === BOOKING_CURRENCY) amount = addOre(amount, section.amountOre);
    for (const payment of section.payments) {
      tally.payments += 1;
      tally[await importPayment(run, section, payment)] += 1;
    }
  }
  return { ...tally, amount };
}

async function importPayment(run: Run, section: BankSection, bp: BankPayment): Promise<Outcome> {
  const { ctx, stores, scope } = run;
  // A zero TK20 carries no money (the amount field is blank-filled on some slips): nothing to book.
  if (bp.amountOre === 0n) return 'skipped';
  const paymentId = ctx.ids.newId();
  if (!(await stores.payments.claimBankReference(scope, bp.bankReference, paymentId, run.fileId))) {
    return 'skipped';
  }
  const record: PaymentRecord = {
    paymentId,
    tenantId: scope,
    scopeId: scope,
    fileId: run.fileId,
    bankReference: bp.bankReference,
    kind: bp.kind,
    amount: bp.amountOre,
    currency: section.currency,
    paymentDate: section.bookingDate,
    references: bp.references,
    message: bp.message ?? null,
    payer: bp.payer ?? null,
    status: 'unmatched',
    matchedBy: null,
    reversesPaymentId: null,
    createdAt: ctx.clock.now(),
    matchedAt: null,
  };
  if (section.currency !== BOOKING_CURRENCY) {
    await stores.payments.insertPayment(record);
    return 'unmatched';
  }
  const target = await findTarget(run.resolve, bp);
  if (target === null) {
    await stores.payments.insertPayment(record);
    return 'unmatched';
  }
  const matched = { ...record, tenantId: target.tenantId, status: 'matched' as const };
  const stamp = { matchedBy: target.matchedBy, matchedAt: record.createdAt };
  if (bp.kind === 'deduction') {
    const reversed = await reverseForDeduction(
      ctx,
      stores,
      target.tenantId,
      record,
      target.invoiceIds,
    );
    // The client is known even if the payment taken back is not: the client's queue gets it.
    if (reversed === null) {
      await stores.payments.insertPayment({ ...record, tenantId: target.tenantId });
      return 'unmatched';
    }
    await stores.payments.insertPayment({ ...matched, ...stamp, reversesPaymentId: reversed });
    return 'matched';
  }
  await stores.payments.insertPayment({ ...matched, ...stamp });
  await applyPayment(ctx, stores, target.tenantId, record, target.invoiceIds, run.terms);
  return 'matched';
}
