import { describe, expect, it } from 'vitest';
import { invoiceOcr } from '../../domain/invoicing/invoice-ocr.ts';
import type { TenantRecord } from '../records.ts';
import type { Stores } from '../stores.ts';
import { emptyLookups, findTargets } from './import-batch-targets.ts';
import { OPERATOR_SCOPE } from './payment-store.ts';
import { findTarget, referenceResolver } from './route-payment.ts';

/** Three clients (the third without length digits) and their invoices, in memory. */
function world() {
  const tenants = [
    { tenantId: 't1', tenantNumber: 1n, ocrLengthDigit: true },
    { tenantId: 't2', tenantNumber: 2n, ocrLengthDigit: true },
    { tenantId: 't3', tenantNumber: 37n, ocrLengthDigit: false },
  ];
  const invoices = new Map<string, string>();
  const ocr = (tenant: (typeof tenants)[number], n: bigint) => {
    const reference = invoiceOcr({
      tenantNumber: tenant.tenantNumber,
      invoiceNumber: n,
      lengthDigit: tenant.ocrLengthDigit,
    });
    invoices.set(`${tenant.tenantId} ${reference}`, `${tenant.tenantId}-inv-${n}`);
    return reference;
  };
  const calls = { single: 0, bulk: 0 };
  const stores = {
    payments: {
      async tenantIdByNumber(n: bigint) {
        calls.single += 1;
        return tenants.find((t) => t.tenantNumber === n)?.tenantId ?? null;
      },
      async invoiceIdByOcr(tenantId: string, reference: string) {
        calls.single += 1;
        return invoices.get(`${tenantId} ${reference}`) ?? null;
      },
      async tenantIdsByNumber(numbers: readonly bigint[]) {
        calls.bulk += 1;
        return new Map(
          tenants
            .filter((t) => numbers.includes(t.tenantNumber))
            .map((t) => [t.tenantNumber, t.tenantId]),
        );
      },
      async invoiceIdsByOcr(tenantId: string, references: readonly string[]) {
        calls.bulk += 1;
        return new Map(
          references.flatMap((r) => {
            const id = invoices.get(`${tenantId} ${r}`);
            return id === undefined ? [] : [[r, id] as const];
          }),
        );
      },
    },
    tenants: {
      async get(tenantId: string) {
        calls.single += 1;
        return (tenants.find((t) => t.tenantId === tenantId) ?? null) as TenantRecord | null;
      },
    },
  } as unknown as Stores;
  return { tenants, ocr, stores, calls };
}

describe('findTargets', () => {
  it('routes every payment as findTarget does one by one, with a few bulk queries', async () => {
    const { tenants, ocr, stores, calls } = world();
    const [t1, t2, t3] = tenants as [(typeof tenants)[0], (typeof tenants)[0], (typeof tenants)[0]];
    const payments = [
      ...Array.from({ length: 40 }, (_, i) => ({
        references: [ocr([t1, t2, t3][i % 3]!, BigInt(100 + i))],
      })),
      // Split across two invoices of one client; a reference of another client is ignored.
      { references: [ocr(t1, 900n), ocr(t2, 901n), ocr(t1, 902n)] },
      // A valid OCR of no invoice, then free text naming one.
      {
        references: [invoiceOcr({ tenantNumber: 2n, invoiceNumber: 999n, lengthDigit: true })],
        message: `avser ${ocr(t2, 903n)}`,
      },
      // A client's OCR read with the wrong length-digit setting resolves nothing.
      { references: [invoiceOcr({ tenantNumber: 37n, invoiceNumber: 5n, lengthDigit: true })] },
      { references: ['12345'], message: 'ingen referens' },
      { references: [] },
    ];
    for (const scope of [OPERATOR_SCOPE, 't2']) {
      const expected = [];
      for (const p of payments)
        expected.push(await findTarget(referenceResolver(stores, scope), p));
      calls.single = 0;
      calls.bulk = 0;
      const known = emptyLookups();
      const targets = await findTargets(stores, scope, payments, known);
      expect(targets).toEqual(expected);
      // The next chunk: clients known, OCRs guessed and fetched first, one query per client.
      known.invoiceByOcr.clear();
      const bulkBefore = calls.bulk;
      expect(await findTargets(stores, scope, payments, known)).toEqual(expected);
      expect(calls.bulk - bulkBefore).toBe(scope === OPERATOR_SCOPE ? 3 : 1);
      calls.bulk = bulkBefore;
      // Only the clients' records are read one at a time (one each, an operator file only).
      expect(calls.single).toBe(scope === OPERATOR_SCOPE ? 3 : 0);
      expect(calls.bulk).toBeLessThanOrEqual(1 + 3 * 2);
    }
    expect(
      (await findTargets(stores, OPERATOR_SCOPE, payments, emptyLookups())).filter(Boolean),
    ).toHaveLength(42);
  });
});
