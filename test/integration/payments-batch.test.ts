/**
 * Goal: the batched import books exactly what the per-payment path books. Two services with the
 * same clients, invoices and history import the same files, one batched (the default) and one
 * with { batched: false } (every payment routed and booked one after another, as before
 * batching); every row they wrote — payments, claims, allocations, customer credit, journal
 * entries with their voucher numbers and postings, invoices, timeline events — must be the same,
 * with ids replaced by stable names. The files hold part payments, overpayments, residuals
 * written off, split references, two payments on one invoice (one of them a day later, with
 * interest in between), overdue invoices with fees and interest, a payment on an invoice paid
 * before, a deduction followed by a new payment on its invoice, free text, unmatched payments,
 * an EUR section, a payment repeated from an earlier file, and an operator file for two clients.
 * Both databases (DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importBankFile,
  type ImportOptions,
} from '../../src/application/payments/import-bank-file.ts';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { ore } from '../../src/domain/money.ts';
import {
  generateBgMax,
  type GeneratedBgMaxPayment,
} from '../../src/domain/payments/bgmax/generate-bgmax.ts';
import { paymentHelpers } from '../support/payment-helpers.ts';
import { company, createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

const OPERATOR_SCOPE = '00000000-0000-0000-0000-000000000000';

type Invoice = { id: string; ocr: string; total: number };

/** One BgMax file of several deposits (one per part), each with its own date and currency. */
function bgmaxFile(
  parts: { date: string; payments: GeneratedBgMaxPayment[]; currency?: string }[],
  first: number,
): string {
  let serial = first;
  const counts = [0, 0, 0, 0];
  const body: string[] = [];
  let head = '';
  for (const part of parts) {
    const lines = generateBgMax({
      payments: part.payments,
      paymentDate: calendarDate(part.date),
      firstSerialNumber: serial,
      timestamp: `20260520060000${String(first).padStart(6, '0')}`,
      ...(part.currency === undefined ? {} : { currency: part.currency }),
    })
      .trimEnd()
      .split('\n');
    serial += part.payments.length;
    head = lines[0]!;
    const tk70 = lines.at(-1)!;
    for (let i = 0; i < 4; i += 1) counts[i]! += Number(tk70.slice(2 + 8 * i, 10 + 8 * i));
    body.push(...lines.slice(1, -1));
  }
  const tk70 = `70${counts.map((c) => String(c).padStart(8, '0')).join('')}`.padEnd(80, ' ');
  return `${[head, ...body, tk70].join('\n')}\n`;
}

const pay = (i: Invoice, amount: number, extra: Partial<GeneratedBgMaxPayment> = {}) => ({
  reference: i.ocr,
  amountOre: ore(BigInt(amount)),
  ...extra,
});

/** A service with two clients, invoices in every state the files need, and the files' results. */
async function world(options: ImportOptions) {
  const t = await createTestApp({ today: '2026-03-02' });
  const one = await t.createTenant();
  const two = await t.createTenant({ name: 'Andra Klienten AB' });
  const h = paymentHelpers(t, one.apiKey);
  const policy = await t.request('PATCH', `/v1/tenants/${one.id}/policy`, {
    key: one.apiKey,
    body: { writeOffBelow: 1_000 },
  });
  expect(policy.statusCode, policy.body).toBe(200);

  const customers = new Map<string, string>();
  async function invoice(name: string, unitPrice: number, key = one.apiKey, vatRate = 25) {
    // Reminder fees agreed: the overdue invoices owe a fee as well as interest. One customer per
    // name: invoices with the same name share the customer (and its credit).
    if (!customers.has(`${key} ${name}`)) {
      const body = { ...company, name, reminderFeeAgreed: true };
      const c = await t.request('POST', '/v1/customers', { key, body });
      expect(c.statusCode, c.body).toBe(201);
      customers.set(`${key} ${name}`, c.json().id);
    }
    const draft = await t.request('POST', '/v1/invoices', {
      key,
      body: {
        customerId: customers.get(`${key} ${name}`),
        invoiceDate: t.clock.today(),
        termsDays: 30,
        rows: [{ description: 'Arbete', quantity: 1, unitPrice, vatRate }],
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const sent = await t.request('POST', `/v1/invoices/${draft.json().id}/send`, { key });
    expect(sent.statusCode, sent.body).toBe(200);
    const inv = sent.json();
    return { id: inv.id as string, ocr: inv.ocr as string, total: inv.total as number };
  }
  const owed = async (i: Invoice, key = one.apiKey) =>
    (await t.request('GET', `/v1/invoices/${i.id}`, { key })).json().balance.total as number;

  // Sent 2026-03-02, due 2026-04-01: overdue by the files, some into the collection flow.
  const old = {
    overdue: await invoice('Sen Betalare AB', 60_000),
    overdueTwice: await invoice('Två Gånger Sent AB', 90_000),
    overdueWriteOff: await invoice('Nästan Sent AB', 44_000),
    paidBefore: await invoice('Redan Betald AB', 30_000),
    victim: await invoice('Återkallad AB', 12_000),
    repeated: await invoice('Upprepad AB', 15_000),
  };
  t.clock.set(calendarDate('2026-03-20'));
  const manual = await t.request('POST', '/v1/payments', {
    key: one.apiKey,
    body: {
      invoiceId: old.paidBefore.id,
      amount: old.paidBefore.total,
      date: '2026-03-10',
      reference: 'kvitto-1',
    },
  });
  expect(manual.statusCode, manual.body).toBe(201);
  const early = await h.upload(
    bgmaxFile(
      [
        {
          date: '2026-03-20',
          payments: [pay(old.victim, old.victim.total), pay(old.repeated, 5_000)],
        },
      ],
      100,
    ),
    'text/plain',
  );
  expect(early.statusCode, early.body).toBe(201);
  const run = await t.request('POST', '/v1/collection/run', {
    key: OPERATOR_TOKEN,
    body: { date: '2026-04-20' },
  });
  expect(run.statusCode, run.body).toBe(200);

  // Sent 2026-04-20, due 2026-05-20: paid on time by the files.
  const fresh = {
    full: await invoice('Hela Betalningen AB', 100_000),
    part: await invoice('Delbetalaren AB', 200_000),
    over: await invoice('Överbetalaren AB', 40_000),
    writeOff: await invoice('Restbelopp AB', 80_000),
    splitA: await invoice('Delad Betalning AB', 10_000),
    splitB: await invoice('Delad Betalning AB', 20_000, one.apiKey, 12),
    twice: await invoice('Två Betalningar AB', 50_000),
    text: await invoice('Fritext AB', 8_000),
    theirs: await invoice('Annan Klients Kund AB', 30_000, two.apiKey),
    theirsToo: await invoice('Annan Klients Andra Kund AB', 22_000, two.apiKey),
    // The overpayment of creditA is credit that pays creditB (the client's choice 'apply').
    creditA: await invoice('Kreditkunden AB', 30_000),
    creditB: await invoice('Kreditkunden AB', 60_000),
    reversed: await invoice('Ångrad Betalning AB', 16_000),
  };
  t.clock.set(calendarDate('2026-05-15'));
  const owes = {
    overdue: await owed(old.overdue),
    overdueWriteOff: await owed(old.overdueWriteOff),
  };

  // The collection run books in an order of its own (by invoice id): entries from here on.
  const before = await t.db.query<{ tenant_id: string; v: unknown }>(
    'SELECT tenant_id, max(voucher_number) AS v FROM journal_entry GROUP BY tenant_id',
  );
  const since = new Map(before.map((r) => [String(r.tenant_id), BigInt(String(r.v))]));
  const clientFile = bgmaxFile(
    [
      {
        date: '2026-05-15',
        payments: [
          pay(fresh.full, fresh.full.total, { payerName: 'Hela Betalningen AB' }),
          pay(fresh.part, 100_000),
          pay(old.overdue, owes.overdue),
          pay(fresh.over, fresh.over.total + 5_000),
          pay(fresh.writeOff, fresh.writeOff.total - 500),
          pay(old.overdueWriteOff, owes.overdueWriteOff - 700),
          {
            reference: `${fresh.splitA.ocr} ${fresh.splitB.ocr}`,
            amountOre: ore(BigInt(fresh.splitA.total + fresh.splitB.total - 300)),
            extraReferences: [fresh.splitA.ocr, fresh.splitB.ocr],
          },
          pay(fresh.twice, 20_000),
          pay(old.overdueTwice, 25_000),
          pay(old.paidBefore, 3_000),
          pay(old.victim, old.victim.total, { deduction: true }),
          pay(old.victim, 4_000),
          pay(fresh.twice, fresh.twice.total - 20_000),
          {
            reference: '',
            amountOre: ore(BigInt(fresh.text.total)),
            message: `Faktura ${fresh.text.ocr}`,
          },
          { reference: '', amountOre: ore(2_000n), payerName: 'Okänd Betalare' },
          pay(fresh.theirs, 1_000),
          pay(fresh.reversed, fresh.reversed.total),
          pay(fresh.creditA, fresh.creditA.total + 7_000),
          pay(fresh.creditB, 10_000),
          pay(fresh.reversed, fresh.reversed.total, { deduction: true }),
        ],
      },
      // A day later: the second payment on overdueTwice sees a day more of interest.
      { date: '2026-05-20', payments: [pay(old.overdueTwice, 30_000), pay(fresh.part, 50_000)] },
      { date: '2026-05-20', currency: 'EUR', payments: [pay(fresh.part, 1_000)] },
    ],
    200,
  );
  const results = [];
  results.push(
    await importBankFile(t.ctx, one.id, Buffer.from(clientFile, 'latin1'), 'text/plain', {
      ...options,
    }),
  );
  // A new payment, then the first payment of `early` again (same date and serial): skipped.
  const again = bgmaxFile(
    [
      {
        date: '2026-03-20',
        payments: [pay(old.repeated, 1_000), pay(old.victim, old.victim.total)],
      },
    ],
    99,
  );
  results.push(
    await importBankFile(t.ctx, one.id, Buffer.from(again, 'latin1'), 'text/plain', options),
  );
  const operatorFile = bgmaxFile(
    [
      {
        date: '2026-05-20',
        payments: [
          pay(fresh.theirs, 10_000),
          {
            reference: `${fresh.theirsToo.ocr} ${fresh.part.ocr}`,
            amountOre: ore(5_000n),
            extraReferences: [fresh.theirsToo.ocr, fresh.part.ocr],
          },
          pay(fresh.part, 2_000),
          { reference: '12345678', amountOre: ore(700n) },
        ],
      },
    ],
    300,
  );
  results.push(
    await importBankFile(t.ctx, OPERATOR_SCOPE, Buffer.from(operatorFile, 'latin1'), 'text/plain', {
      ...options,
    }),
  );
  await h.expectBooksBalanced();
  await paymentHelpers(t, two.apiKey).expectBooksBalanced();
  return {
    t,
    key: one.apiKey,
    invoices: { ...old, ...fresh },
    since,
    results: results.map((r) => (r.ok ? { ...r.value, fileId: '' } : r.error)),
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every row the imports touch, ids replaced by stable names, timestamps left out. */
async function snapshot(t: TestApp, since: ReadonlyMap<string, bigint>) {
  const q = (sql: string) => t.db.query<Record<string, unknown>>(sql);
  const names = new Map<string, string>([[OPERATOR_SCOPE, 'operator']]);
  /** Names the rows' ids (column `id`) by a prefix and the values of other columns. */
  const name = async (sql: string, id: string, prefix: string, columns: string[]) => {
    for (const r of await q(sql)) {
      names.set(String(r[id]), [prefix, ...columns.map((c) => String(r[c]))].join(' '));
    }
  };
  await name('SELECT tenant_id, tenant_number FROM tenant', 'tenant_id', 'tenant', [
    'tenant_number',
  ]);
  await name('SELECT customer_id, customer_number FROM customer', 'customer_id', 'customer', [
    'customer_number',
  ]);
  await name('SELECT invoice_id, number FROM invoice', 'invoice_id', 'invoice', ['number']);
  await name('SELECT file_id, file_reference FROM bank_file', 'file_id', 'file', [
    'file_reference',
  ]);
  await name('SELECT payment_id, bank_reference FROM payment', 'payment_id', 'payment', [
    'bank_reference',
  ]);
  await name('SELECT document_id, kind, document_date FROM document', 'document_id', 'document', [
    'kind',
    'document_date',
  ]);
  for (const r of await q('SELECT tenant_id, entry_id, voucher_number FROM journal_entry')) {
    const tenant = names.get(String(r.tenant_id));
    names.set(String(r.entry_id), `entry ${tenant} ${String(r.voucher_number)}`);
  }
  const allocations = await q(
    'SELECT a.allocation_id, a.payment_id, a.invoice_id, a.principal_ore FROM payment_allocation a',
  );
  for (const r of allocations) {
    const payment = names.get(String(r.payment_id));
    const invoice = names.get(String(r.invoice_id));
    const principal = String(r.principal_ore);
    names.set(String(r.allocation_id), `allocation ${payment} ${invoice} ${principal}`);
  }
  const stable = (rows: Record<string, unknown>[], drop: string[] = []) =>
    rows
      .map((r) => {
        const kept = Object.fromEntries(
          Object.entries(r)
            .filter(([k]) => !drop.includes(k) && !/(_at)$/.test(k))
            .map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
        );
        return JSON.stringify(kept).replace(UUID, (id) => names.get(id) ?? '(unknown id)');
      })
      .sort();
  return {
    payments: stable(await q('SELECT * FROM payment')),
    seen: stable(await q('SELECT * FROM payment_seen')),
    files: stable(await q('SELECT * FROM bank_file'), ['checksum']),
    allocations: stable(await q('SELECT * FROM payment_allocation')),
    credits: stable(await q('SELECT * FROM customer_credit'), ['credit_id']),
    entries: stable(
      (
        await q(`SELECT e.*, (SELECT json_agg(p ORDER BY p.line_no) FROM posting p
                   WHERE p.tenant_id = e.tenant_id AND p.entry_id = e.entry_id) AS postings
                   FROM journal_entry e`)
      ).filter((e) => BigInt(String(e.voucher_number)) > (since.get(String(e.tenant_id)) ?? 0n)),
    ),
    invoices: stable(await q('SELECT * FROM invoice')),
    // What the API lists in this order: a payment's allocations, and the queue.
    allocationOrder: stable(
      await q(`SELECT payment_id, json_agg(invoice_id ORDER BY created_at, allocation_id) AS o
                 FROM payment_allocation GROUP BY payment_id`),
    ),
    queueOrder: [
      JSON.stringify(
        (
          await q(
            `SELECT payment_id FROM payment p ORDER BY (SELECT tenant_number FROM tenant t WHERE t.tenant_id = p.tenant_id) NULLS FIRST, created_at, payment_id`,
          )
        ).map((r) => names.get(String(r.payment_id))),
      ),
    ],
    events: stable(await q('SELECT * FROM invoice_event')),
  };
}

let batched: Awaited<ReturnType<typeof world>>;
/** Chunks of 3 payments and batches of 2: two payments on an invoice in different chunks. */
let small: Awaited<ReturnType<typeof world>>;
let oneByOne: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  batched = await world({});
  small = await world({ chunkSize: 3, writeBatch: 2 });
  oneByOne = await world({ batched: false });
}, 600_000);
afterAll(async () => {
  await batched?.t.close();
  await small?.t.close();
  await oneByOne?.t.close();
});

describe('the batched import against the per-payment path', () => {
  it('answers the same counts', () => {
    expect(batched.results).toEqual(oneByOne.results);
    expect(small.results).toEqual(oneByOne.results);
    expect(batched.results[0]).toMatchObject({ payments: 23, unmatched: 3, skipped: 0 });
    expect(batched.results[1]).toMatchObject({ payments: 2, skipped: 1 });
  });

  it('covers what it claims to: fees, interest, write-offs, splits, a chain, a reopened invoice', async () => {
    const { t, key, invoices } = batched;
    const view = async (i: Invoice) =>
      (await t.request('GET', `/v1/invoices/${i.id}`, { key })).json();
    const events = async (i: Invoice, type: string) =>
      (await view(i)).events.filter(
        (e: { type: string; date: string }) => e.type === type && e.date >= '2026-05-15',
      );
    const [overdue] = await events(invoices.overdue, 'payment');
    expect(overdue.detail).toMatchObject({ remaining: '0' });
    expect(Number(overdue.detail.fees)).toBeGreaterThan(0);
    expect(Number(overdue.detail.interest)).toBeGreaterThan(0);
    expect((await view(invoices.overdue)).status).toBe('paid');
    expect((await events(invoices.overdueWriteOff, 'payment'))[0].detail.writtenOff).toBe('700');
    expect((await events(invoices.writeOff, 'payment'))[0].detail.writtenOff).toBe('500');
    expect(await events(invoices.overdueTwice, 'interest_booked')).toHaveLength(2);
    expect((await events(invoices.splitB, 'payment'))[0].detail.writtenOff).toBe('300');
    expect((await view(invoices.twice)).status).toBe('paid');
    const [reopened] = await events(invoices.victim, 'payment');
    expect(reopened.detail).toMatchObject({
      principal: String(4_000 - Number(reopened.detail.interest)),
    });
    expect((await view(invoices.victim)).status).toBe('sent');
    // The credit paid 7 000 of creditB before the file's own payment on it.
    const creditB = await view(invoices.creditB);
    expect(creditB.events.map((e: { type: string }) => e.type)).toContain('credit_applied');
    expect(creditB.balance.total).toBe(invoices.creditB.total - 17_000);
    // The deduction took back the payment booked earlier in the same file.
    expect(await view(invoices.reversed)).toMatchObject({ status: 'sent' });
  });

  it('writes the same rows', async () => {
    const a = await snapshot(batched.t, batched.since);
    const b = await snapshot(small.t, small.since);
    const c = await snapshot(oneByOne.t, oneByOne.since);
    for (const table of Object.keys(a) as (keyof typeof a)[]) {
      expect(a[table], table).toEqual(c[table]);
      expect(b[table], `${table} (small chunks)`).toEqual(c[table]);
    }
  });
});
