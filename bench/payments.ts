/**
 * The payments benchmark: a BgMax file of P payments (generate-bgmax) against N open invoices,
 * imported with importBankFile (parse + match + allocate + book), against a raw-SQL baseline that
 * writes the same rows for a twin set of invoices. Reports it as not run if the import is missing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../src/adapters/clock/manual-clock.ts';
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';
import { sqlUnitOfWork } from '../src/adapters/db/unit-of-work.ts';
import { randomIds, Sha256KeyHasher } from '../src/adapters/security/key-hasher.ts';
import type { AppContext } from '../src/application/context.ts';
import { DEMO_OPERATOR } from '../src/cli/compose.ts';
import { calendarDate } from '../src/domain/calendar-date.ts';
import { invoiceOcr } from '../src/domain/invoicing/invoice-ocr.ts';
import { ore } from '../src/domain/money.ts';
import { generateBgMax } from '../src/domain/payments/bgmax/generate-bgmax.ts';
import { freshSchema, UUID_V7_SQL } from './bench-db.ts';
import { seedCollection } from './collection-seed.ts';
import { count, megabytes, median, ratio, seconds, timed } from './measure.ts';
import { printTable, type Row } from './table.ts';

export type PaymentsOptions = {
  url: string;
  scale: number;
  /** Payments in the file (BENCH_PAYMENTS); default 100,000 × scale (the issue's file at 1). */
  payments?: number;
  repeat: number;
  log: (line: string) => void;
};

const IMPORT_MODULE = '../src/application/payments/import-bank-file.ts';
export const PAYMENT_DATE = '2026-05-29';
const OPERATOR_SCOPE = '00000000-0000-0000-0000-000000000000';

type Target = { tenantNumber: bigint; invoiceId: string; number: bigint; open: bigint };

/** Every 20th payment pays half: the rest settle their invoice exactly. */
const amountFor = (t: Target, i: number) => (i % 20 === 19 ? t.open / 2n : t.open);

/** Two disjoint sets of open, not overdue invoices: one for the import, one for the baseline. */
export async function targets(db: PgDatabase, n: number): Promise<[Target[], Target[]]> {
  const rows = await db.query<{ tn: bigint; invoice_id: string; number: bigint; open: bigint }>(
    `SELECT t.tenant_number AS tn, i.invoice_id, i.number, i.principal_open_ore AS open
       FROM invoice i JOIN tenant t USING (tenant_id)
      WHERE i.stage = 'none' AND i.status = 'sent' AND i.our_reference IS NULL
      ORDER BY i.invoice_id LIMIT $1`,
    [2 * n],
  );
  const all = rows.map((r) => ({
    tenantNumber: BigInt(r.tn),
    invoiceId: r.invoice_id,
    number: BigInt(r.number),
    open: BigInt(r.open),
  }));
  return [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)];
}

export function bgmaxFor(set: readonly Target[], serial: number): Uint8Array {
  const text = generateBgMax({
    payments: set.map((t, i) => ({
      reference: invoiceOcr({
        tenantNumber: t.tenantNumber,
        invoiceNumber: t.number,
        lengthDigit: true,
      }),
      amountOre: ore(amountFor(t, i)),
      payerName: `Betalare ${i}`,
    })),
    paymentDate: calendarDate(PAYMENT_DATE),
    paymentsPerDeposit: 1000,
    firstSerialNumber: serial,
  });
  return Buffer.from(text, 'latin1');
}

/** Rows written per file: the import's and the baseline's must agree. */
const ROWS_BY_FILE = `
SELECT f.file_reference = 'baseline' AS baseline,
       (SELECT count(*) FROM payment_seen s WHERE s.file_id = f.file_id) AS seen,
       (SELECT count(*) FROM payment p WHERE p.file_id = f.file_id) AS payments,
       (SELECT count(*) FROM payment_allocation a JOIN payment p USING (tenant_id, payment_id)
         WHERE p.file_id = f.file_id) AS allocations,
       (SELECT count(*) FROM payment_allocation a JOIN payment p USING (tenant_id, payment_id)
          JOIN journal_entry e ON e.tenant_id = a.tenant_id
           AND e.cause_key = 'payment:' || a.payment_id || ':' || a.invoice_id
         WHERE p.file_id = f.file_id) AS entries,
       (SELECT count(*) FROM payment_allocation a JOIN payment p USING (tenant_id, payment_id)
          JOIN invoice_event v ON v.tenant_id = a.tenant_id AND v.invoice_id = a.invoice_id
           AND v.type = 'payment' AND v.detail->>'paymentId' = a.payment_id::text
         WHERE p.file_id = f.file_id) AS events
  FROM bank_file f ORDER BY 1`;

async function rowsByFile(db: PgDatabase): Promise<string> {
  const rows = await db.query<Record<string, unknown>>(ROWS_BY_FILE);
  return rows
    .map((r) => {
      const who = r.baseline === true ? 'baseline' : 'import';
      const n = (k: string) => count(Number(r[k]));
      return `${who}: ${n('seen')} payment_seen, ${n('payments')} payments, ${n('allocations')} allocations, ${n('entries')} entries, ${n('events')} events`;
    })
    .join('; ');
}

/** The baseline: the rows an import writes, set-based, from the payments as one JSON array. */
const BASELINE = `
WITH p AS (
  SELECT x.*, ${UUID_V7_SQL} AS payment_id FROM jsonb_to_recordset($1::jsonb)
    AS x(tn int8, ocr text, amount int8, ref text)
), f AS (
  INSERT INTO bank_file (scope_id, file_id, checksum, format, file_reference, test_file, imported_at,
    payments, matched, unmatched, skipped, amount_ore)
  SELECT '${OPERATOR_SCOPE}', ${UUID_V7_SQL}, md5($1::text), 'bgmax', 'baseline', false, now(),
         count(*), count(*), 0, 0, sum(amount) FROM p
  RETURNING file_id
), m AS (
  SELECT p.*, i.tenant_id, i.invoice_id, i.customer_id, i.number, i.principal_open_ore AS open,
         ${UUID_V7_SQL} AS entry_id
    FROM p JOIN tenant t ON t.tenant_number = p.tn
    JOIN invoice i ON i.tenant_id = t.tenant_id AND i.ocr = p.ocr AND i.status = 'sent'
), seen AS (
  INSERT INTO payment_seen (scope_id, bank_reference, payment_id, file_id)
  SELECT '${OPERATOR_SCOPE}', m.ref, m.payment_id, f.file_id FROM m, f RETURNING 1
), pay AS (
  INSERT INTO payment (tenant_id, payment_id, scope_id, file_id, bank_reference, kind, amount_ore,
    currency, payment_date, refs, status, matched_by, created_at, matched_at)
  SELECT m.tenant_id, m.payment_id, '${OPERATOR_SCOPE}', f.file_id, m.ref, 'payment', m.amount, 'SEK',
         '${PAYMENT_DATE}', jsonb_build_array(m.ocr), 'matched', 'reference', now(), now()
    FROM m, f RETURNING 1
), alloc AS (
  INSERT INTO payment_allocation (tenant_id, allocation_id, payment_id, invoice_id, customer_id,
    booking_date, fees_ore, interest_ore, principal_ore, overpaid_ore, created_at)
  SELECT tenant_id, ${UUID_V7_SQL}, payment_id, invoice_id, customer_id, '${PAYMENT_DATE}', 0, 0,
         amount, 0, now() FROM m RETURNING 1
), vouchers AS (
  UPDATE number_series s SET next_number = s.next_number + c.k
    FROM (SELECT tenant_id, count(*) AS k FROM m GROUP BY tenant_id) c
   WHERE s.tenant_id = c.tenant_id AND s.series = 'voucher'
  RETURNING s.tenant_id, s.next_number - c.k AS first
), entries AS (
  INSERT INTO journal_entry (tenant_id, entry_id, voucher_number, code, booking_date, description,
    cause_key, invoice_id, created_at)
  SELECT m.tenant_id, m.entry_id,
         v.first + row_number() OVER (PARTITION BY m.tenant_id ORDER BY m.invoice_id) - 1,
         'payment_received', '${PAYMENT_DATE}', 'Inbetalning faktura ' || m.number,
         'payment:' || m.payment_id || ':' || m.invoice_id, m.invoice_id, now()
    FROM m JOIN vouchers v USING (tenant_id) RETURNING 1
), lines AS (
  INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore)
  SELECT tenant_id, entry_id, 1, '1689', '1510', amount FROM m RETURNING 1
), events AS (
  INSERT INTO invoice_event (tenant_id, invoice_id, seq, event_date, type, amount_ore, detail, created_at)
  SELECT m.tenant_id, m.invoice_id,
         coalesce((SELECT max(seq) FROM invoice_event e
                    WHERE e.tenant_id = m.tenant_id AND e.invoice_id = m.invoice_id), 0) + 1,
         '${PAYMENT_DATE}', 'payment', m.amount,
         jsonb_build_object('paymentId', m.payment_id, 'bankReference', m.ref, 'fees', '0',
           'interest', '0', 'principal', m.amount::text, 'overpaid', '0', 'writtenOff', '0',
           'remaining', (m.open - m.amount)::text), now()
    FROM m RETURNING 1
)
UPDATE invoice i SET principal_open_ore = i.principal_open_ore - m.amount,
       payments_applied_ore = i.payments_applied_ore + m.amount,
       status = CASE WHEN m.amount = m.open THEN 'paid' ELSE i.status END,
       next_action_date = CASE WHEN m.amount = m.open THEN NULL ELSE i.next_action_date END,
       updated_at = now()
  FROM m WHERE i.tenant_id = m.tenant_id AND i.invoice_id = m.invoice_id`;

export async function baseline(
  db: PgDatabase,
  set: readonly Target[],
  rep: number,
): Promise<number> {
  const rows = set.map((t, i) => ({
    tn: t.tenantNumber.toString(),
    ocr: invoiceOcr({ tenantNumber: t.tenantNumber, invoiceNumber: t.number, lengthDigit: true }),
    amount: amountFor(t, i).toString(),
    ref: `baseline-${rep}-${i}`,
  }));
  const json = JSON.stringify(rows);
  const run = await timed(() => db.transaction((tx) => tx.query(BASELINE, [json])));
  return run.millis;
}

type ImportFn = (
  ctx: AppContext,
  scope: string,
  bytes: Uint8Array,
  contentType: string | undefined,
) => Promise<{ ok: boolean; error?: { detail: string }; value?: { matched: number } }>;

export async function benchPayments(o: PaymentsOptions): Promise<void> {
  const title = 'payments: BgMax import (PostgreSQL)';
  // The issue's file: 100,000 payments against 1,000,000 open invoices at scale 1.
  const payments = o.payments ?? Math.max(100, Math.round(100_000 * o.scale));
  const invoices = Math.max(10 * payments, Math.round(1_000_000 * o.scale));
  const path = fileURLToPath(new URL(IMPORT_MODULE, import.meta.url));
  const measure = `import ${count(payments)} payments / ${count(invoices)} open invoices`;
  const notRun = (why: string) =>
    printTable(
      title,
      [
        {
          measure,
          figure: 'not run',
          target: '≤ 5 s, ≤ 3× baseline',
          baseline: '–',
          ratio: '–',
          ok: null,
        },
      ],
      [why],
    );
  if (!existsSync(path))
    return notRun('src/application/payments/import-bank-file.ts does not exist yet');
  const { importBankFile } = (await import(IMPORT_MODULE)) as { importBankFile: ImportFn };
  const reps = o.repeat;
  const schema = await freshSchema(o.url, 'payments', 4);
  try {
    await seedCollection(
      schema.db,
      {
        invoices,
        tenants: 4,
        duePerRun: 1,
        runDates: ['2026-06-02'],
        history: true,
        validOcr: true,
      },
      o.log,
    );
    const ctx: AppContext = {
      uow: sqlUnitOfWork(schema.db),
      clock: new ManualClock(calendarDate(PAYMENT_DATE)),
      ids: randomIds,
      keys: new Sha256KeyHasher(),
      operator: DEMO_OPERATOR,
    };
    const runs: number[] = [];
    const bases: number[] = [];
    const parses: number[] = [];
    let peakRss = 0;
    let written = '';
    for (let rep = 0; rep < reps; rep += 1) {
      const [mine, twin] = await targets(schema.db, payments);
      if (mine.length < payments || twin.length < payments)
        throw new Error('too few open invoices');
      const bytes = bgmaxFor(mine, 1 + rep * payments);
      await schema.db.query('CHECKPOINT').catch(() => undefined);
      bases.push(await baseline(schema.db, twin, rep));
      await schema.db.query('CHECKPOINT').catch(() => undefined);
      // Reading the file alone (checksum, decoding, parser), for the notes.
      const parse = await timed(async () =>
        ctx.uow.read.payments.bankFiles.read(bytes, 'text/plain'),
      );
      parses.push(parse.millis);
      const run = await timed(() => importBankFile(ctx, OPERATOR_SCOPE, bytes, 'text/plain'));
      peakRss = Math.max(peakRss, run.peakRssBytes);
      if (!run.value.ok) throw new Error(`import refused: ${run.value.error?.detail}`);
      if (run.value.value?.matched !== payments)
        throw new Error(`import matched ${run.value.value?.matched} of ${payments}`);
      runs.push(run.millis);
      if (written === '') written = await rowsByFile(schema.db);
      o.log(`  payments: import ${seconds(run.millis)}, baseline ${seconds(bases.at(-1)!)}`);
    }
    const run = median(runs);
    const base = median(bases);
    const rows: Row[] = [
      {
        measure,
        figure: seconds(run),
        target: '≤ 5 s, ≤ 3× baseline',
        baseline: seconds(base),
        ratio: ratio(run / base),
        ok: run <= 5000 && run <= 3 * base,
      },
    ];
    printTable(title, rows, [
      `${reps === 1 ? 'one run' : `medians of ${reps}`}; operator-scope file, payments matched by OCR, every 20th a part payment; ` +
        'the import parses, matches, allocates and books in one transaction',
      'baseline: one set-based SQL statement writing the same rows (bank file, payment_seen, payment, ' +
        'allocation, entry + posting, event, invoice update) for a twin set of invoices',
      `rows written in the first run: ${written}`,
      `of the import, reading the file (checksum, decoding, BgMax parser) takes ${seconds(median(parses))} ` +
        `when timed alone; peak RSS during the imports ${megabytes(peakRss)}`,
      ...(payments === 100_000 * o.scale
        ? []
        : [
            `scaled down from the issue's 100,000 payments (BENCH_PAYMENTS=${payments}); ` +
              'run with BENCH_PAYMENTS=100000 for the full file',
          ]),
    ]);
  } catch (error) {
    notRun(`the import failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await schema.drop();
  }
}
