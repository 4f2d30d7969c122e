/**
 * Invoice rows and totals. Rounding rules (written down once, here):
 * - a row's net = quantity × unit price, rounded half-up to whole öre;
 * - VAT is computed per rate on the sum of that rate's row nets, rounded half-up
 *   (the EN 16931 way: one TaxSubtotal per rate, BR-CO-17), not row by row;
 * - total = Σ net + Σ VAT. No rounding to whole kronor (öresavrundning) is applied.
 */
import { addOre, applyRateOre, divideRounded, ore, ZERO_ORE, type Ore } from '../money.ts';

export const VAT_RATES = [25, 12, 6, 0] as const;
export type VatRate = (typeof VAT_RATES)[number];

export const isVatRate = (value: number): value is VatRate =>
  (VAT_RATES as readonly number[]).includes(value);

export type InvoiceRowInput = {
  readonly description: string;
  /** Thousandths of a unit: 1.5 hours = 1500n. */
  readonly quantityMilli: bigint;
  readonly unit?: string | undefined;
  readonly unitPrice: Ore;
  readonly vatRate: VatRate;
};

export type InvoiceRow = InvoiceRowInput & { readonly net: Ore };

export type VatLine = { readonly vatRate: VatRate; readonly taxable: Ore; readonly vat: Ore };

export type InvoiceTotals = {
  readonly rows: readonly InvoiceRow[];
  /** One line per rate present on the invoice, highest rate first. */
  readonly vatLines: readonly VatLine[];
  readonly net: Ore;
  readonly vat: Ore;
  readonly total: Ore;
};

export const rowNet = (row: InvoiceRowInput): Ore =>
  ore(divideRounded(row.quantityMilli * row.unitPrice, 1000n, 'halfUp'));

export function computeTotals(inputs: readonly InvoiceRowInput[]): InvoiceTotals {
  const rows = inputs.map((row) => ({ ...row, net: rowNet(row) }));
  const vatLines: VatLine[] = [];
  for (const rate of VAT_RATES) {
    const ofRate = rows.filter((row) => row.vatRate === rate);
    if (ofRate.length === 0) continue;
    const taxable = addOre(...ofRate.map((row) => row.net));
    vatLines.push({
      vatRate: rate,
      taxable,
      vat: applyRateOre(taxable, BigInt(rate) * 100n, 'halfUp'),
    });
  }
  const net = vatLines.reduce((sum, line) => addOre(sum, line.taxable), ZERO_ORE);
  const vat = vatLines.reduce((sum, line) => addOre(sum, line.vat), ZERO_ORE);
  return { rows, vatLines, net, vat, total: addOre(net, vat) };
}

/**
 * "1.5" → 1500n thousandths. Accepts up to three decimals; anything else is null, so the
 * caller can name the field. Strings, not floats: JSON numbers arrive via String(value).
 */
export function parseQuantityMilli(text: string): bigint | null {
  const match = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(text);
  if (!match) return null;
  return BigInt(match[1]!) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
}

export function formatQuantity(quantityMilli: bigint): string {
  const whole = quantityMilli / 1000n;
  const fraction = (quantityMilli % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}
