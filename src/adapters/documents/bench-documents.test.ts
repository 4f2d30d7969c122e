/**
 * Goal: the benchmark runs and reports a rate. Method: a tiny run; no timing is asserted, because
 * machines differ and a slow CI box is not a bug.
 */
import { describe, expect, it } from 'vitest';
import { benchRenderInvoices } from './bench-documents.ts';

describe('benchRenderInvoices', () => {
  it('renders n invoices and reports invoices per second', async () => {
    const result = await benchRenderInvoices(3);
    expect(result.count).toBe(3);
    expect(result.perSecond).toBeGreaterThan(0);
  });
});
