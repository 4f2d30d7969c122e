/**
 * Reading a UBL document for the rule checks: fast-xml-parser into plain nodes, path helpers and
 * exact decimal arithmetic on bigints. Must not: hold rules (ubl-rules.ts) or use floats for sums.
 */
import { XMLParser } from 'fast-xml-parser';

/** A parsed element: text, or an object of child arrays, '@attr' strings and '#text'. */
export type UblNode = string | { readonly [key: string]: UblNode[] | string };

/**
 * Every element becomes an array (repeatable or not, the rules read them the same way), values
 * stay strings: parseTagValue would turn "0012" into 12 and "1234.50" into a float.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

export type UblRoot = {
  readonly kind: 'Invoice' | 'CreditNote';
  readonly node: UblNode;
  readonly namespace: string;
};

/** The root element, or null when the text is not a UBL Invoice or CreditNote at all. */
export function parseUbl(xml: string): UblRoot | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(xml, true) as Record<string, unknown>;
  } catch {
    return null;
  }
  for (const kind of ['Invoice', 'CreditNote'] as const) {
    const nodes = parsed[kind];
    if (Array.isArray(nodes) && nodes.length === 1) {
      const node = nodes[0] as UblNode;
      return { kind, node, namespace: attribute(node, 'xmlns') ?? '' };
    }
  }
  return null;
}

/** All children called `name` of every node in `from`. */
function step(from: readonly UblNode[], name: string): UblNode[] {
  return from.flatMap((node) => {
    if (typeof node === 'string') return [];
    const value = node[name];
    return Array.isArray(value) ? value : [];
  });
}

/** Every node at the end of a path of element names, e.g. all(root, 'cac:TaxTotal', 'cac:TaxSubtotal'). */
export const all = (node: UblNode | undefined, ...path: string[]): UblNode[] =>
  node === undefined ? [] : path.reduce<UblNode[]>((nodes, name) => step(nodes, name), [node]);

export const first = (node: UblNode | undefined, ...path: string[]): UblNode | undefined =>
  all(node, ...path)[0];

/** The element's text, trimmed; undefined when missing. */
export function text(node: UblNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  const value = node['#text'];
  return typeof value === 'string' ? value : '';
}

export const textAt = (node: UblNode | undefined, ...path: string[]): string | undefined =>
  text(first(node, ...path));

export function attribute(node: UblNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** Walks the tree depth first; the callback gets each element's name and node. */
export function visit(node: UblNode, visitor: (name: string, node: UblNode) => void): void {
  if (typeof node === 'string') return;
  for (const [key, value] of Object.entries(node)) {
    if (!Array.isArray(value)) continue;
    for (const child of value) {
      visitor(key, child);
      visit(child, visitor);
    }
  }
}

/** An exact decimal: units / 10^scale. UBL amounts are decimal text; floats would round them. */
export type Decimal = { readonly units: bigint; readonly scale: number };

export function parseDecimal(value: string | undefined): Decimal | null {
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec((value ?? '').trim());
  if (!match) return null;
  const fraction = match[3] ?? '';
  const units = BigInt(match[2]! + fraction);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

const rescale = (d: Decimal, scale: number): bigint => d.units * 10n ** BigInt(scale - d.scale);
const common = (a: Decimal, b: Decimal): number => Math.max(a.scale, b.scale);

export const decimalAdd = (a: Decimal, b: Decimal): Decimal => {
  const scale = common(a, b);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
};
export const decimalSub = (a: Decimal, b: Decimal): Decimal =>
  decimalAdd(a, { units: -b.units, scale: b.scale });
export const decimalMul = (a: Decimal, b: Decimal): Decimal => ({
  units: a.units * b.units,
  scale: a.scale + b.scale,
});
export const decimalSum = (values: readonly Decimal[]): Decimal =>
  values.reduce(decimalAdd, { units: 0n, scale: 0 });

/** Sign of a − b: −1, 0 or 1. */
export function decimalCompare(a: Decimal, b: Decimal): number {
  const scale = common(a, b);
  const diff = rescale(a, scale) - rescale(b, scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

export const decimalAbs = (d: Decimal): Decimal => ({
  units: d.units < 0n ? -d.units : d.units,
  scale: d.scale,
});

/** |a − b|, the quantity the schematron's tolerance tests (u:slack, BR-CO-17) bound. */
export const decimalDistance = (a: Decimal, b: Decimal): Decimal => decimalAbs(decimalSub(a, b));

/** Rounds half away from zero to `scale` decimals. */
export function decimalRound(d: Decimal, scale: number): Decimal {
  if (d.scale <= scale) return d;
  const divisor = 10n ** BigInt(d.scale - scale);
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  let units = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) units += 1n;
  return { units: negative ? -units : units, scale };
}

/** Decimal from the text at a path; null when missing or not a number. */
export const decimalAt = (node: UblNode | undefined, ...path: string[]): Decimal | null =>
  parseDecimal(textAt(node, ...path));
