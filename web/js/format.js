/**
 * Money, quantities and dates for the UI. Money is integer öre everywhere; kronor typed by a
 * person are parsed as decimal text (never through a float), and totals are computed with
 * BigInt using the server's rounding rules (row net half-up; VAT per rate on the rate's sum).
 */

/** The API's bound for öre amounts (±10 billion kronor). */
export const MAX_ORE = 1_000_000_000_000n;
export const VAT_RATES = [25, 12, 6, 0];

const groupThousands = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** 123450 → "1 234,50 kr"; -5000 → "−50,00 kr". Works on the digits, never divides a float. */
export function formatOre(ore, { unit = true } = {}) {
  if (ore === null || ore === undefined) return '–';
  const text = BigInt(ore).toString();
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(3, '0');
  const kronor = groupThousands(digits.slice(0, -2));
  const formatted = `${negative ? '−' : ''}${kronor},${digits.slice(-2)}`;
  return unit ? `${formatted} kr` : formatted;
}

/** Öre as the kronor text a person would type: 95000 → "950,00". */
export const oreToInput = (ore) => formatOre(ore, { unit: false }).replace(/ /g, '');

const stripSpaces = (text) => String(text).replace(/[\s\u00a0\u202f]/g, '');

/**
 * "1 234,50" / "1234.5" / "950" / "-12,5 kr" → integer öre as a Number, or null when the text
 * is not an amount with at most two decimals.
 */
export function parseKronor(text) {
  const clean = stripSpaces(text).replace(/kr$/i, '').replace(/^−/, '-');
  const match = /^(-)?(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  const ore = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  if (ore > MAX_ORE) return null;
  return Number(match[1] ? -ore : ore);
}

/** "1,5" → { milli: 1500n, json: 1.5 }; null unless positive with at most three decimals. */
export function parseQuantity(text) {
  const clean = stripSpaces(text);
  const match = /^(\d{1,9})(?:[.,](\d{1,3}))?$/.exec(clean);
  if (!match) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const milli = BigInt(match[1]) * 1000n + BigInt(fraction.padEnd(3, '0'));
  if (milli === 0n) return null;
  // The API takes a JSON number; the decimal text goes in as written and comes out unchanged.
  return { milli, json: Number(fraction === '' ? match[1] : `${match[1]}.${fraction}`) };
}

/** 1.5 → "1,5" (Swedish decimal comma). */
export const formatQuantity = (quantity) => String(quantity).replace('.', ',');

function divideHalfUp(numerator, denominator) {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  if ((n % denominator) * 2n >= denominator) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** A row's net in öre (BigInt): quantity × unit price, half-up to whole öre. */
export const rowNet = (quantityMilli, unitPriceOre) =>
  divideHalfUp(BigInt(quantityMilli) * BigInt(unitPriceOre), 1000n);

/**
 * Totals of rows [{quantityMilli, unitPrice, vatRate}] the way the server computes them:
 * { net, vat, total, vatLines: [{vatRate, taxable, vat}] }, all BigInt öre.
 */
export function computeTotals(rows) {
  const nets = rows.map((row) => ({
    vatRate: row.vatRate,
    net: rowNet(row.quantityMilli, row.unitPrice),
  }));
  const vatLines = [];
  for (const rate of VAT_RATES) {
    const ofRate = nets.filter((row) => row.vatRate === rate);
    if (ofRate.length === 0) continue;
    const taxable = ofRate.reduce((sum, row) => sum + row.net, 0n);
    vatLines.push({ vatRate: rate, taxable, vat: divideHalfUp(taxable * BigInt(rate), 100n) });
  }
  const net = vatLines.reduce((sum, line) => sum + line.taxable, 0n);
  const vat = vatLines.reduce((sum, line) => sum + line.vat, 0n);
  return { net, vat, total: net + vat, vatLines };
}

/** Rows as the API returns them (quantity a JSON number) to computeTotals' input. */
export const apiRowsForTotals = (rows) =>
  rows.map((row) => ({
    quantityMilli: parseQuantity(String(row.quantity))?.milli ?? 0n,
    unitPrice: row.unitPrice,
    vatRate: row.vatRate,
  }));

const pad = (n) => String(n).padStart(2, '0');

/** Today in the browser's calendar, YYYY-MM-DD. */
export function todayText() {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "2026-03-02" + 30 → "2026-04-01" (calendar arithmetic in UTC, no time zones involved). */
export function addDays(dateText, days) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText ?? '');
  if (!match) return null;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysBetween(a, b) {
  const toUtc = (text) => {
    const [y, m, d] = text.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** RFC 3339 instant → "2026-03-02 14:05" in the browser's time zone. */
export function formatInstant(text) {
  if (!text) return '–';
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return text;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
