/**
 * Goal: invoice totals follow the written rounding rules to the öre. Method: worked examples
 * and fast-check properties (total = net + VAT; VAT per rate within half an öre of exact).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore } from '../money.ts';
import {
  computeTotals,
  formatQuantity,
  parseQuantityMilli,
  VAT_RATES,
  type InvoiceRowInput,
} from './invoice-totals.ts';
import { validateInvoiceDraft } from './invoice-draft.ts';
import { calendarDate } from '../calendar-date.ts';
import { decodeInvoiceOcr, invoiceOcr } from './invoice-ocr.ts';
import { validOcr } from '../ocr-reference.ts';

const row = (
  quantity: string,
  unitPrice: bigint,
  vatRate: (typeof VAT_RATES)[number],
): InvoiceRowInput => ({
  description: 'x',
  quantityMilli: parseQuantityMilli(quantity)!,
  unitPrice: ore(unitPrice),
  vatRate,
});

describe('computeTotals', () => {
  it('domain.md vector 28: 1 000 kr + 25 % = 1 250 kr', () => {
    const t = computeTotals([row('1', 100000n, 25)]);
    expect([t.net, t.vat, t.total]).toEqual([100000n, 25000n, 125000n]);
  });

  it('rounds each row net half-up, then VAT once per rate on the rate total', () => {
    // 3 × 33,335 kr? Unit prices are whole öre: 1.5 × 0,33 kr = 0,495 kr → 0,50 kr.
    const t = computeTotals([
      row('1.5', 33n, 25),
      row('1.5', 33n, 25),
      row('2', 1999n, 12),
      row('1', 500n, 0),
    ]);
    expect(t.rows.map((r) => r.net)).toEqual([50n, 50n, 3998n, 500n]);
    expect(t.vatLines).toEqual([
      { vatRate: 25, taxable: 100n, vat: 25n },
      { vatRate: 12, taxable: 3998n, vat: 480n }, // 479.76 → 480
      { vatRate: 0, taxable: 500n, vat: 0n },
    ]);
    expect(t.total).toBe(100n + 25n + 3998n + 480n + 500n);
  });

  it('total = net + VAT and each rate is within half an öre of exact (property)', () => {
    const rowArb = fc.record({
      description: fc.constant('x'),
      quantityMilli: fc.bigInt(1n, 10n ** 7n),
      unitPrice: fc.bigInt(0n, 10n ** 8n).map(ore),
      vatRate: fc.constantFrom(...VAT_RATES),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 30 }), (rows) => {
        const t = computeTotals(rows);
        expect(t.total).toBe(t.net + t.vat);
        for (const line of t.vatLines) {
          const exactTimes100 = line.taxable * BigInt(line.vatRate);
          const diff = line.vat * 100n - exactTimes100;
          expect((diff < 0n ? -diff : diff) <= 50n).toBe(true);
        }
      }),
    );
  });
});

describe('quantities', () => {
  it('parses up to three decimals exactly', () => {
    expect(parseQuantityMilli('1.5')).toBe(1500n);
    expect(parseQuantityMilli('0.001')).toBe(1n);
    expect(parseQuantityMilli('1.2345')).toBeNull();
    expect(formatQuantity(1500n)).toBe('1.5');
    expect(formatQuantity(2000n)).toBe('2');
  });
});

describe('validateInvoiceDraft', () => {
  it('collects every issue in order', () => {
    const v = validateInvoiceDraft({
      invoiceDate: calendarDate('2026-03-10'),
      dueDate: calendarDate('2026-03-01'),
      rows: [{ ...row('1', 100n, 25), description: ' ' }, row('1', -500n, 12)],
    });
    expect(v.issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'dueDate:due_date_before_invoice_date',
      'rows.0.description:description_empty',
    ]);
  });

  it('refuses a negative total per rate (discount larger than the goods)', () => {
    const v = validateInvoiceDraft({
      invoiceDate: calendarDate('2026-03-10'),
      rows: [row('1', 100n, 25), row('1', -500n, 25)],
    });
    expect(v.issues.map((i) => i.code)).toContain('vat_rate_total_negative');
  });

  it('defaults to 30 days terms', () => {
    expect(
      validateInvoiceDraft({ invoiceDate: calendarDate('2026-03-10'), rows: [row('1', 100n, 25)] })
        .draft?.dueDate,
    ).toBe('2026-04-09');
  });
});

describe('invoice OCR', () => {
  it('is valid, unique per tenant and decodable (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt(1n, 999_999_999n),
        fc.bigInt(1n, 10n ** 12n),
        fc.boolean(),
        (tenantNumber, invoiceNumber, lengthDigit) => {
          const ocr = invoiceOcr({ tenantNumber, invoiceNumber, lengthDigit });
          expect(validOcr(ocr, { lengthDigit })).toBe(true);
          expect(decodeInvoiceOcr(ocr, { lengthDigit })).toEqual({ tenantNumber, invoiceNumber });
        },
      ),
    );
  });
});
