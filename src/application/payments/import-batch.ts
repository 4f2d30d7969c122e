/**
 * Books a bank file's payments in chunks, in file order, inside the import's one transaction.
 * Per chunk: one statement claims every bank reference, a few route every payment
 * (import-batch-targets.ts), one per client locks the invoices paid, the payments are booked in
 * memory (import-batch-plan.ts) and each kind of row is written with one statement
 * (import-batch-writes.ts). What the batch does not take — a deduction, a payment on an invoice
 * that is not 'sent', an overpayment — is booked by the per-payment code at its place in the
 * file: the batch so far is written first, and what that code locked or changed is read again.
 */
import type { ReferenceRates } from '../../domain/interest/reference-rate.ts';
import { addOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import type { BankFile, BankPayment, BankSection } from '../../domain/payments/bank-file.ts';
import { referenceRatesIn } from '../reference-rates.ts';
import { tenantTerms } from './apply-payment.ts';
import { bookInBatch, type ClientTerms } from './import-batch-plan.ts';
import {
  bookOneByOne,
  matchedRecord,
  paymentRecord,
  type ClaimedPayment,
  type ImportRun,
  type Outcome,
} from './import-batch-single.ts';
import {
  loadStates,
  noting,
  reloadStates,
  stateKey,
  type InvoiceStates,
  type Wanted,
} from './import-batch-state.ts';
import { emptyLookups, findTargets, type Lookups } from './import-batch-targets.ts';
import { BatchWrites, WriteChain } from './import-batch-writes.ts';
import type { ImportCounts } from './payment-store.ts';
import { findTarget, referenceResolver, type PaymentTarget } from './route-payment.ts';

/** The currency Reskontra books in; other sections wait in the queue, marked with theirs. */
export const BOOKING_CURRENCY = 'SEK';

/** Payments per chunk: claimed, routed and their invoices locked together; bounds memory. */
export const CHUNK_SIZE = 5_000;

/** Payments per batch of writes (one statement per kind of row). */
export const WRITE_BATCH = 1_000;

/** Payments planned between two turns of the event loop. */
const YIELD_EVERY = 100;

type Tally = Record<Outcome, number>;

type Routed = ClaimedPayment & { readonly target: PaymentTarget | null };

/** What a file's chunks share: clients and their terms, read once per file. */
type FileRun = ImportRun & {
  readonly lookups: Lookups;
  readonly clients: Map<string, ClientTerms>;
  rates: ReferenceRates | null;
  readonly chain: WriteChain;
};

export async function importPayments(run: ImportRun, file: BankFile): Promise<ImportCounts> {
  const fileRun: FileRun = {
    ...run,
    lookups: emptyLookups(),
    clients: new Map(),
    rates: null,
    chain: new WriteChain(),
  };
  const tally: Tally = { matched: 0, unmatched: 0, skipped: 0 };
  let payments = 0;
  let amount: Ore = ZERO_ORE;
  let chunk: { section: BankSection; payment: BankPayment }[] = [];
  for (const section of file.sections) {
    if (section.currency === BOOKING_CURRENCY) amount = addOre(amount, section.amountOre);
    for (const payment of section.payments) {
      payments += 1;
      chunk.push({ section, payment });
      if (chunk.length === run.chunkSize) {
        await importChunk(fileRun, chunk, tally);
        chunk = [];
      }
    }
  }
  await importChunk(fileRun, chunk, tally);
  await fileRun.chain.settle();
  return { payments, ...tally, amount };
}

/**
 * Claims the chunk's bank references in one statement. A zero amount carries no money (the field
 * is blank-filled on some slips) and a reference the scope has seen — in an earlier file, earlier
 * in this one — is the same payment again: both are skipped, booking nothing.
 */
async function claim(
  run: FileRun,
  chunk: readonly { section: BankSection; payment: BankPayment }[],
  tally: Tally,
): Promise<ClaimedPayment[]> {
  const inChunk = new Set<string>();
  const fresh: ClaimedPayment[] = [];
  for (const { section, payment } of chunk) {
    if (payment.amountOre === 0n || inChunk.has(payment.bankReference)) {
      tally.skipped += 1;
      continue;
    }
    inChunk.add(payment.bankReference);
    fresh.push({ section, payment, paymentId: run.ctx.ids.newId() });
  }
  const claimed = await run.stores.payments.claimBankReferences(
    run.scope,
    run.fileId,
    fresh.map((p) => ({ bankReference: p.payment.bankReference, paymentId: p.paymentId })),
  );
  tally.skipped += fresh.length - claimed.size;
  return fresh.filter((p) => claimed.has(p.payment.bankReference));
}

async function route(run: FileRun, claimed: readonly ClaimedPayment[]): Promise<Routed[]> {
  const sek = claimed.filter((p) => p.section.currency === BOOKING_CURRENCY);
  if (!run.batched) {
    const targets = new Map<ClaimedPayment, PaymentTarget | null>();
    for (const p of sek) {
      targets.set(p, await findTarget(referenceResolver(run.stores, run.scope), p.payment));
    }
    return claimed.map((p) => ({ ...p, target: targets.get(p) ?? null }));
  }
  // OCRs are remembered for one chunk only; clients for the whole file.
  run.lookups.invoiceByOcr.clear();
  const targets = await findTargets(
    run.stores,
    run.scope,
    sek.map((p) => p.payment),
    run.lookups,
  );
  const targetOf = new Map(sek.map((p, i) => [p, targets[i] ?? null]));
  return claimed.map((p) => ({ ...p, target: targetOf.get(p) ?? null }));
}

async function clientTerms(run: FileRun, tenantId: string): Promise<ClientTerms> {
  const known = run.clients.get(tenantId);
  if (known !== undefined) return known;
  // Shared-locked like open-amounts.ts reads them: a rate correction waits for this import.
  run.rates ??= await referenceRatesIn(run.stores, 'share');
  const terms = {
    ...(await tenantTerms(run.stores, tenantId, run.terms)),
    policy: await run.stores.collection.policy(tenantId),
    rates: run.rates,
  };
  run.clients.set(tenantId, terms);
  return terms;
}

/** A matched deduction is always booked one by one: it reopens what an earlier payment paid. */
const isDeduction = (p: Routed) => p.target !== null && p.payment.kind === 'deduction';

/** The invoices a payment of the chunk is booked on, with its date. */
const wantedBy = (payments: readonly Routed[]): Wanted[] =>
  payments.flatMap((p) =>
    p.target === null || p.payment.kind !== 'payment'
      ? []
      : [{ ...p.target, paymentDate: p.section.bookingDate }],
  );

/**
 * Books the chunk in file order, into batches of `writeBatch` payments: each batch is written
 * while the next is planned. At a payment the batch does not take, the batches so far are
 * written, that payment is booked one by one, and the invoices the per-payment code locked or
 * changed are read again.
 */
async function importChunk(
  run: FileRun,
  chunk: readonly { section: BankSection; payment: BankPayment }[],
  tally: Tally,
): Promise<void> {
  if (chunk.length === 0) return;
  // One statement at a time on the transaction's connection: the last batch is written first.
  await run.chain.settle();
  const routed = await route(run, await claim(run, chunk, tally));
  const wanted = run.batched ? wantedBy(routed) : [];
  const writesOff = new Set<string>();
  for (const tenantId of new Set(wanted.map((w) => w.tenantId))) {
    if ((await clientTerms(run, tenantId)).writeOffBelow > 0n) writesOff.add(tenantId);
  }
  const states = await loadStates(run.stores, wanted, writesOff);
  let writes = new BatchWrites();
  const write = async () => {
    await run.chain.add(writes.seal(run.stores));
    writes = new BatchWrites();
  };
  for (const [i, p] of routed.entries()) {
    // Planning never waits for the database: let the batch being written send its next
    // statement now and then.
    if (i % YIELD_EVERY === 0) await new Promise(setImmediate);
    const outcome = isDeduction(p) ? 'one by one' : await bookInBatchOr(run, p, states, writes);
    if (outcome === 'one by one') {
      await write();
      await run.chain.settle();
      const touched = new Set<string>();
      const noted = { ...run, stores: noting(run.stores, touched) };
      tally[await bookOneByOne(noted, p, p.target!)] += 1;
      await reloadStates(run.stores, states, wanted, writesOff, touched);
    } else {
      tally[outcome] += 1;
      if (writes.size >= run.writeBatch) await write();
    }
  }
  await write();
}

async function bookInBatchOr(
  run: FileRun,
  p: Routed,
  states: InvoiceStates,
  writes: BatchWrites,
): Promise<Outcome | 'one by one'> {
  const record = paymentRecord(run, p);
  // Another currency, or no invoice found: the payment waits in the queue (in the scope's).
  if (p.target === null || p.section.currency !== BOOKING_CURRENCY) {
    writes.payments.push(record);
    return 'unmatched';
  }
  if (!run.batched) return 'one by one';
  const target = p.target;
  const invoices = target.invoiceIds.map((id) => states.get(stateKey(target.tenantId, id)));
  if (invoices.some((s) => s === undefined)) return 'one by one';
  const terms = await clientTerms(run, target.tenantId);
  if (
    !bookInBatch(
      run.ctx,
      terms,
      record,
      invoices.map((s) => s!),
      writes,
    )
  )
    return 'one by one';
  writes.payments.push(matchedRecord(record, target));
  return 'matched';
}
