/**
 * How many invoice PDFs this machine renders per second, one after another: a figure for sizing a
 * nightly run, not a test (tests never assert on timing). Must not: write files.
 */
import { performance } from 'node:perf_hooks';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { sampleInvoice } from './sample-documents.ts';

export type BenchResult = {
  readonly perSecond: number;
  readonly count: number;
  readonly millis: number;
};

/** Renders `n` different invoices (the number changes, so nothing can be reused) after a warm-up. */
export async function benchRenderInvoices(n: number): Promise<BenchResult> {
  await renderInvoicePdf(sampleInvoice());
  const start = performance.now();
  for (let i = 0; i < n; i += 1) {
    await renderInvoicePdf(sampleInvoice({ number: String(100_000 + i) }));
  }
  const millis = performance.now() - start;
  return { perSecond: millis > 0 ? (n * 1000) / millis : 0, count: n, millis };
}
