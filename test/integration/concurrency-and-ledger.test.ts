/**
 * Goal: the guarantees that need a real database under load — the gapless invoice number series
 * under concurrent sends (no duplicate, no skipped number, also when some sends are refused),
 * the append-only ledger, the driver type parsers. Runs on PGlite and on PostgreSQL, where the
 * sends really run concurrently on separate connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company, createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ apiKey: key, id: tenantId } = await t.createTenant());
});
afterAll(() => t.close());

const rows = [{ description: 'Tjänst', quantity: 1, unitPrice: 12345, vatRate: 25 }];

describe('gapless invoice numbers', () => {
  it('gives 40 concurrent sends the numbers 1..40 exactly once, even with refused sends among them', async () => {
    const good = (await t.request('POST', '/v1/customers', { key, body: company })).json();
    const bad = (
      await t.request('POST', '/v1/customers', {
        key,
        body: { ...company, name: 'Ingen Peppol AB' },
      })
    ).json();
    const drafts: string[] = [];
    for (let i = 0; i < 50; i++) {
      const refused = i % 5 === 0; // Every fifth goes by e-invoice to a customer without a Peppol id.
      const res = await t.request('POST', '/v1/invoices', {
        key,
        body: {
          customerId: refused ? bad.id : good.id,
          invoiceDate: '2026-03-01',
          rows,
          ...(refused ? { deliveryMethod: 'einvoice' } : {}),
        },
      });
      drafts.push(res.json().id);
    }
    const results = await Promise.all(
      drafts.map((id) => t.request('POST', `/v1/invoices/${id}/send`, { key })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.filter((s) => s === 422)).toHaveLength(10);
    const numbers = results
      .filter((r) => r.statusCode === 200)
      .map((r) => r.json().number as number)
      .sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const ocrs = new Set(
      results.filter((r) => r.statusCode === 200).map((r) => r.json().ocr as string),
    );
    expect(ocrs.size).toBe(40);
    // Voucher numbers are gapless too: one entry per sent invoice.
    const vouchers = await t.db.query<{ voucher_number: bigint }>(
      'SELECT voucher_number FROM journal_entry WHERE tenant_id = $1 ORDER BY voucher_number',
      [tenantId],
    );
    expect(vouchers.map((v) => Number(v.voucher_number))).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const rec = (await t.request('GET', '/v1/ledger/reconciliation', { key })).json();
    expect(rec).toMatchObject({ balanced: true, ledgerBalance: 40 * 15431 });
  });
});

describe('ledger and drivers', () => {
  it('rejects UPDATE and DELETE on the ledger', async () => {
    await expect(t.db.query('UPDATE posting SET amount_ore = amount_ore + 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM journal_entry')).rejects.toThrow(/append-only/);
  });

  it('rejects a zero amount or a posting to the same account at the database too', async () => {
    const entry = (
      await t.db.query<{ entry_id: string }>('SELECT entry_id FROM journal_entry LIMIT 1')
    )[0]!;
    await expect(
      t.db.query(
        "INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore) VALUES ($1, $2, 99, '1510', '1510', 5)",
        [tenantId, entry.entry_id],
      ),
    ).rejects.toThrow();
    await expect(
      t.db.query(
        "INSERT INTO posting (tenant_id, entry_id, line_no, debit_account, credit_account, amount_ore) VALUES ($1, $2, 98, '1510', '3001', 0)",
        [tenantId, entry.entry_id],
      ),
    ).rejects.toThrow();
  });

  it('reads int8 as an exact bigint and date as a YYYY-MM-DD string on this driver', async () => {
    const [row] = await t.db.query<{ big: unknown; day: unknown }>(
      "SELECT 9007199254740993::int8 AS big, DATE '2026-06-19' AS day",
    );
    expect(row!.big).toBe(9007199254740993n);
    expect(row!.day).toBe('2026-06-19');
  });

  it('rolls back a whole transaction when any statement in it fails', async () => {
    const before = await t.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM number_series');
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO number_series (tenant_id, series, next_number) VALUES ($1, 'tmp', 1)",
          [tenantId],
        );
        await tx.query('SELECT 1/0');
      }),
    ).rejects.toThrow();
    const after = await t.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM number_series');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
