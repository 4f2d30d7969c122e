/**
 * Seeds the collection benchmark with bulk SQL (generate_series, INSERT … SELECT): tenants,
 * customers and N open invoices, of which, for each run date, one set is due for the run and a
 * twin set for the raw-SQL baseline. Seeding time is reported but not measured against a target.
 */
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';

export type SeedPlan = {
  /** Open invoices in all. */
  invoices: number;
  tenants: number;
  /** Invoices with a step due on each run date (and as many again for the baseline). */
  duePerRun: number;
  /** One run (and one baseline) per date, in order; bank days, in a half-year with a known rate. */
  runDates: readonly string[];
  /** Write a 'sent' event and an invoice_issued entry (2 postings) per invoice, like real history. */
  history: boolean;
  /** Real OCR references (tenant number inside, Luhn), for payment files; else the number. */
  validOcr?: boolean;
};

/** The kinds of due step, of every 20 due invoices: 8 notices, 7 reminders, 4 demands, 1 decision. */
const TYPE_SQL = `CASE WHEN pos * 20 / $due < 8 THEN 'notice' WHEN pos * 20 / $due < 15 THEN 'reminder'
  WHEN pos * 20 / $due < 19 THEN 'demand' ELSE 'decision' END`;

/** Customers: every 10th is a company (letter, no e-mail); every 20th lacks an identity number. */
const CUSTOMERS_SQL = `
INSERT INTO customer (tenant_id, customer_id, customer_number, name, kind, identity_number, email,
  street, postal_code, city, delivery_method, language, reminder_fee_agreed, created_at, updated_at)
SELECT md5('bench-tenant-' || t)::uuid, md5('bench-customer-' || t || '-' || j)::uuid, j,
  CASE WHEN j % 10 = 0 THEN 'Kund ' || j || ' AB' ELSE 'Kund Kundsson ' || j END,
  CASE WHEN j % 10 = 0 THEN 'company' ELSE 'person' END,
  CASE WHEN j % 10 = 0 THEN '5560360793' WHEN j % 20 = 7 THEN NULL ELSE '198112189876' END,
  CASE WHEN j % 10 = 0 THEN NULL ELSE 'kund' || j || '@example.se' END,
  'Kundgatan ' || (j % 100 + 1), '12345', 'Storåker',
  CASE WHEN j % 10 = 0 THEN 'letter' ELSE 'email' END, 'sv', j % 4 <> 0,
  '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM generate_series(1, $tenants) t, generate_series(1, $customers) j`;

/**
 * The invoice's OCR reference as invoice-ocr.ts makes it (tenant number inside, length digit,
 * Luhn check digit), so that payment files can reference seeded invoices.
 */
const OCR_FUNCTION = `
CREATE FUNCTION bench_ocr(tenant_number int8, invoice_number int8) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH p AS (SELECT length(tenant_number::text)::text || tenant_number::text || invoice_number::text AS payload),
       w AS (SELECT payload || ((length(payload) + 2) % 10)::text AS d FROM p)
  SELECT d || ((10 - (SELECT sum(CASE WHEN i % 2 = 0
                                      THEN CASE WHEN x * 2 > 9 THEN x * 2 - 9 ELSE x * 2 END
                                      ELSE x END)
                        FROM (SELECT i, substr(d, length(d) - i, 1)::int AS x
                                FROM generate_series(0, length(d) - 1) i) digits) % 10) % 10)::text
    FROM w
$$`;

const INVOICES_SQL = `
WITH tn AS (
  SELECT t, tenant_number FROM generate_series(1, $tenants) t
    JOIN tenant ON tenant_id = md5('bench-tenant-' || t)::uuid
), src AS (
  SELECT k, (k % $tenants) + 1 AS t, k / $tenants AS i,
         CASE WHEN k >= $base THEN k - $base END AS m
    FROM generate_series($from::int8, $to::int8) k
), placed AS (
  SELECT *, (m % (2 * $due)) / 2 AS pos FROM src
), typed AS (
  SELECT k, t, i, m,
         CASE WHEN m IS NOT NULL THEN ${TYPE_SQL} WHEN k % 50 = 1 THEN 'awaiting' ELSE 'open' END AS typ,
         CASE WHEN m IS NOT NULL THEN ($dates::date[])[m / (2 * $due) + 1] END AS d,
         CASE WHEN m IS NOT NULL AND m % 2 = 1 THEN 'baseline' END AS role
    FROM placed
), cust AS (
  SELECT *, CASE WHEN typ = 'notice' AND h % 10 = 0 THEN h - 1 ELSE h END AS j
    FROM (SELECT *, (abs(hashint8(k)::int8) % $customers) + 1 AS h FROM typed) hashed
), s AS (
  SELECT *, j % 10 <> 0 AS has_email, j % 4 <> 0 AS fee_agreed,
         CASE typ WHEN 'notice' THEN d - 4 WHEN 'reminder' THEN d - 12 WHEN 'demand' THEN d - 27
                  WHEN 'decision' THEN d - 47 WHEN 'awaiting' THEN $first::date - 60 - (k % 40)::int
                  ELSE $lastDate::date + 5 + (k % 40)::int END AS due,
         (100000 + (k * 7919) % 900000)::int8 AS net
    FROM cust
)
INSERT INTO invoice (tenant_id, invoice_id, customer_id, number, ocr, status, stage, invoice_date,
  due_date, sent_date, delivery_method, language, our_reference, customer_email_at_creation,
  net_ore, vat_ore, total_ore, principal_open_ore, fees_open_ore, interest_open_ore,
  next_action_date, notice_sent_date, reminder_sent_date, reminder_due_date, demand_sent_date,
  demand_due_date, interest_booked_through, reminder_fee_charged, collection_fee_charged,
  created_at, updated_at)
SELECT md5('bench-tenant-' || t)::uuid, md5('bench-invoice-' || k)::uuid,
  md5('bench-customer-' || t || '-' || j)::uuid, i + 1,
  CASE WHEN $validOcr = 1 THEN bench_ocr((SELECT tenant_number FROM tn WHERE tn.t = s.t), i + 1)
       ELSE (i + 1)::text END, 'sent',
  CASE typ WHEN 'reminder' THEN CASE WHEN has_email THEN 'notice' ELSE 'none' END
           WHEN 'demand' THEN 'reminder' WHEN 'decision' THEN 'collection_demand'
           WHEN 'awaiting' THEN 'awaiting_decision' ELSE 'none' END,
  due - 30, due, due - 30, CASE WHEN has_email THEN 'email' ELSE 'letter' END, 'sv', role,
  CASE WHEN has_email THEN 'kund' || j || '@example.se' END,
  net, net / 4, net + net / 4, net + net / 4,
  CASE typ WHEN 'demand' THEN CASE WHEN fee_agreed THEN 6000 ELSE 0 END
           WHEN 'decision' THEN CASE WHEN fee_agreed THEN 24000 ELSE 18000 END ELSE 0 END,
  CASE typ WHEN 'demand' THEN (net + net / 4) * 10 * 10 / 36500
           WHEN 'decision' THEN (net + net / 4) * 10 * 27 / 36500 ELSE 0 END,
  CASE WHEN d IS NOT NULL THEN d WHEN typ = 'awaiting' THEN NULL WHEN has_email THEN due + 2
       ELSE due + 10 END,
  CASE WHEN NOT has_email THEN NULL WHEN typ = 'reminder' THEN d - 7 WHEN typ = 'demand' THEN d - 25
       WHEN typ = 'decision' THEN d - 45 END,
  CASE typ WHEN 'demand' THEN d - 17 WHEN 'decision' THEN d - 37 END,
  CASE typ WHEN 'demand' THEN d - 7 WHEN 'decision' THEN d - 27 END,
  CASE typ WHEN 'decision' THEN d - 20 END,
  CASE typ WHEN 'decision' THEN d - 8 END,
  CASE typ WHEN 'demand' THEN d - 17 WHEN 'decision' THEN d - 20 END,
  typ IN ('demand', 'decision') AND fee_agreed,
  typ = 'decision',
  (due - 30)::timestamptz, (due - 30)::timestamptz
FROM s`;

function bind(sql: string, values: Record<string, string | number>): string {
  return sql.replace(/\$([a-zA-Z]+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`seed: no value for $${name}`);
    return typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
  });
}

/**
 * Where the due invoices sit: in the last rows, a block per run date, as in a real table where the
 * invoices that come due on one day were created around the same days (rows in creation order).
 * In a date's block the run's invoices and the baseline's twins alternate, so both see the same
 * locality; inside it the kinds of step lie in runs (those invoices were created on other days).
 */
export function layout(plan: SeedPlan) {
  const slots = plan.runDates.length * 2 * plan.duePerRun;
  if (slots > plan.invoices) throw new Error('seed: more due invoices than invoices');
  return { slots, base: plan.invoices - slots };
}

/** The tables the seed fills in bulk: their keys and indexes are built after the load. */
const BULK_TABLES = [
  'customer',
  'invoice',
  'invoice_row',
  'invoice_event',
  'journal_entry',
  'posting',
];

type Definition = { table: string; name: string; sql: string };
type Query = (sql: string) => Promise<{ rows: Record<string, string>[] }>;

/**
 * Drops the foreign keys of the schema and the keys and indexes of the bulk tables, returning
 * what rebuilds them (on two connections, a table per connection at a time): building an index
 * once over loaded rows is many times faster than keeping it up to date row by row. Foreign keys
 * come back NOT VALID: enforced for every new row, as the run needs, without re-checking the
 * seeded ones.
 */
async function dropForLoad(q: Query) {
  const tables = BULK_TABLES.map((t) => `'${t}'`).join(', ');
  const foreign = (
    await q(`SELECT c.conrelid::regclass::text AS "table", c.conname AS name,
                    pg_get_constraintdef(c.oid) AS sql
               FROM pg_constraint c
              WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`)
  ).rows as Definition[];
  const keys = (
    await q(`SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS sql
               FROM pg_constraint c
              WHERE c.contype IN ('p', 'u') AND c.connamespace = current_schema()::regnamespace
                AND c.conrelid::regclass::text IN (${tables})`)
  ).rows as Definition[];
  const indexes = (
    await q(`SELECT i.indrelid::regclass::text AS "table", i.indexrelid::regclass::text AS name,
                    pg_get_indexdef(i.indexrelid) AS sql
               FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
              WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (${tables})
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`)
  ).rows as Definition[];
  for (const f of foreign) await q(`ALTER TABLE ${f.table} DROP CONSTRAINT ${f.name}`);
  for (const k of keys) await q(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
  for (const i of indexes) await q(`DROP INDEX ${i.name}`);
  return async (lanes: readonly Query[]) => {
    const work = BULK_TABLES.map((table) => [
      ...keys
        .filter((k) => k.table === table)
        .map((k) => `ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.sql}`),
      ...indexes.filter((i) => i.table === table).map((i) => i.sql),
    ]);
    await inParallel(work, lanes, async (statements, lane) => {
      for (const sql of statements) await lane(sql);
    });
    for (const f of foreign)
      await lanes[0]!(`ALTER TABLE ${f.table} ADD CONSTRAINT ${f.name} ${f.sql} NOT VALID`);
  };
}

/** Runs `task` over `items`, one per lane at a time. */
async function inParallel<T, L>(
  items: readonly T[],
  lanes: readonly L[],
  task: (item: T, lane: L) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      for (let i = next++; i < items.length; i = next++) await task(items[i]!, lane);
    }),
  );
}

/** What is derived from the invoices, per tenant group (one group per connection). */
const DERIVED = [
  `INSERT INTO invoice_row (tenant_id, invoice_id, row_no, description, quantity_milli, unit,
     unit_price_ore, vat_rate, net_ore)
   SELECT tenant_id, invoice_id, 1, 'Konsulttjänster', 1000, 'st', net_ore, 25, net_ore
     FROM invoice WHERE tenant_id = ANY($group::uuid[])`,
  // Every 50th open invoice waits for the client's decision after an unpaid demand: an open task.
  `INSERT INTO task (tenant_id, task_id, kind, invoice_id, status, detail, created_at)
   SELECT tenant_id, md5('bench-task-' || invoice_id)::uuid, 'decide_after_demand', invoice_id,
          'open', jsonb_build_object('invoiceNumber', number::text), created_at
     FROM invoice WHERE stage = 'awaiting_decision' AND tenant_id = ANY($group::uuid[])`,
];

/** History: one 'sent' event and one invoice_issued entry (2 postings) per invoice. */
const HISTORY = [
  `INSERT INTO invoice_event (tenant_id, invoice_id, seq, event_date, type, amount_ore, created_at)
   SELECT tenant_id, invoice_id, 1, sent_date, 'sent', total_ore, created_at
     FROM invoice WHERE tenant_id = ANY($group::uuid[])`,
  `INSERT INTO journal_entry (tenant_id, entry_id, voucher_number, code, booking_date,
     description, cause_key, invoice_id, created_at)
   SELECT tenant_id, md5('bench-entry-' || invoice_id)::uuid, number, 'invoice_issued',
     sent_date, 'Faktura ' || number, 'invoice:' || invoice_id || ':issued', invoice_id, created_at
     FROM invoice WHERE tenant_id = ANY($group::uuid[])`,
  `INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore)
   SELECT tenant_id, md5('bench-entry-' || invoice_id)::uuid, l, '1510',
          CASE l WHEN 1 THEN '3001' ELSE '2611' END, CASE l WHEN 1 THEN net_ore ELSE vat_ore END
     FROM invoice, generate_series(1, 2) l WHERE tenant_id = ANY($group::uuid[])`,
];

const secondsSince = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

export async function seedCollection(
  db: PgDatabase,
  plan: SeedPlan,
  log: (line: string) => void,
): Promise<void> {
  const { base } = layout(plan);
  const customers = Math.max(1000, Math.ceil(plan.invoices / plan.tenants / 20));
  const first = plan.runDates[0]!;
  const values = {
    tenants: plan.tenants,
    customers,
    base,
    due: plan.duePerRun,
    validOcr: plan.validOcr === true ? 1 : 0,
    dates: `{${plan.runDates.join(',')}}`,
    lastDate: plan.runDates[plan.runDates.length - 1]!,
    first,
  };
  const clients = [await db.pool.connect(), await db.pool.connect()];
  try {
    const lanes = clients.map(
      (c) =>
        (sql: string, extra: Record<string, string | number> = {}) =>
          c.query<Record<string, string>>(bind(sql, { ...values, ...extra })),
    );
    const q = lanes[0]!;
    for (const c of clients)
      await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
    const rebuild = await dropForLoad((sql) => q(sql));
    let started = performance.now();
    await q(`INSERT INTO tenant (tenant_id, name, organisation_number, vat_number, email, bankgiro,
               street, postal_code, city, api_key_hash, created_at)
             SELECT md5('bench-tenant-' || t)::uuid, 'Benchbolaget ' || t || ' AB', '5560360793',
               'SE556036079301', 'ekonomi@bench' || t || '.se', '50501055', 'Benchvägen ' || t,
               '11122', 'Stockholm', 'not-a-key', '2025-01-01T00:00:00Z'
               FROM generate_series(1, $tenants) t`);
    await q(`INSERT INTO collection_day (tenant_id, run_date, completed_at, steps)
             SELECT tenant_id, $first::date - 1, now(), 0 FROM tenant`);
    await q(
      `INSERT INTO collection_clock (singleton, latest_run_date) VALUES (true, $first::date - 1)`,
    );
    await q(CUSTOMERS_SQL);
    await q(OCR_FUNCTION);
    const chunk = 500_000;
    const chunks = Array.from({ length: Math.ceil(plan.invoices / chunk) }, (_, i) => ({
      from: i * chunk,
      to: Math.min(plan.invoices, (i + 1) * chunk) - 1,
    }));
    await inParallel(chunks, lanes, async (c, lane) => {
      await lane(INVOICES_SQL, c);
    });
    log(`  inserted ${plan.invoices} invoices in ${secondsSince(started)}`);
    started = performance.now();
    const tenantIds = (await q('SELECT tenant_id FROM tenant ORDER BY tenant_number')).rows.map(
      (r) => r.tenant_id!,
    );
    const groups = lanes.map(
      (_, i) => `{${tenantIds.filter((_t, j) => j % lanes.length === i).join(',')}}`,
    );
    const statements = [...DERIVED, ...(plan.history ? HISTORY : [])];
    await inParallel(groups, lanes, async (group, lane) => {
      for (const sql of statements) await lane(sql, { group });
    });
    if (plan.history)
      await q(`INSERT INTO number_series (tenant_id, series, next_number)
               SELECT tenant_id, 'voucher', max(number) + 1 FROM invoice GROUP BY tenant_id`);
    log(
      `  inserted rows, tasks${plan.history ? ', events and entries' : ''} in ${secondsSince(started)}`,
    );
    started = performance.now();
    await rebuild(lanes.map((lane) => (sql: string) => lane(sql)));
    log(`  built keys and indexes in ${secondsSince(started)}`);
    started = performance.now();
    await q('ANALYZE');
    // Start the measurements from a clean slate: the load's dirty pages written out now, not by
    // a checkpoint in the middle of a measured run.
    await q('CHECKPOINT');
    log(`  analyzed and checkpointed in ${secondsSince(started)}`);
  } finally {
    for (const c of clients) c.release();
  }
}
