/**
 * Safe reading of fast-xml-parser output: typed lookups on an `unknown` tree, and line numbers.
 * Owns: the parser options (string values only, no DOCTYPE entities) and tree navigation.
 * Must not: know camt.054 element meanings (camt054-entry.ts and parse-camt054.ts do).
 */
import { XMLParser } from 'fast-xml-parser';

export type XmlElement = { readonly [name: string]: unknown };

export const isElement = (value: unknown): value is XmlElement =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stripPrefix = (name: string): string => name.slice(name.indexOf(':') + 1);

/**
 * parseTagValue/parseAttributeValue off: "1250.50" and OCR "004267" stay exact strings.
 * Namespace prefixes are stripped from element names (banks use both `Document` and
 * `ns2:Document`); xmlns attributes stay so the namespace can be checked. Entity expansion is
 * limited to the five XML entities plus character references, because the caller rejects any
 * DOCTYPE before parsing: no custom entities, so no billion-laughs expansion.
 */
export function createCamtXmlParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: { enabled: true, maxTotalExpansions: 100_000, maxExpandedLength: 10_000_000 },
    htmlEntities: true,
    transformTagName: stripPrefix,
    captureMetaData: true,
    maxNestedTags: 64,
  });
}

/** Every occurrence of a child element: fast-xml-parser gives one as a value, several as an array. */
export function children(node: unknown, name: string): unknown[] {
  if (!isElement(node) || !Object.hasOwn(node, name)) return [];
  const value = node[name];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

export function childElements(node: unknown, name: string): XmlElement[] {
  // An empty element (<TxDtls/>) parses as '': still an occurrence, with nothing inside.
  return children(node, name).map((value) => (isElement(value) ? value : {}));
}

/** The first element along a path, or undefined. */
export function child(node: unknown, ...path: string[]): XmlElement | undefined {
  let current: unknown = node;
  for (const name of path) {
    current = children(current, name)[0];
    if (current === undefined) return undefined;
  }
  return isElement(current) ? current : undefined;
}

/** The text content along a path: a plain string, or '#text' of an element with attributes. */
export function textAt(node: unknown, ...path: string[]): string | undefined {
  const parent = path.length > 1 ? child(node, ...path.slice(0, -1)) : node;
  const value = children(parent, path.at(-1) ?? '')[0];
  const text = isElement(value) ? value['#text'] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** All non-empty texts of a repeated element (Ustrd, AdrLine). */
export function textsAt(node: unknown, name: string): string[] {
  return children(node, name).flatMap((value) => {
    const text = isElement(value) ? value['#text'] : value;
    return typeof text === 'string' && text.trim() !== '' ? [text.trim()] : [];
  });
}

export function attribute(node: unknown, name: string): string | undefined {
  const value = isElement(node) ? node[`@_${name}`] : undefined;
  return typeof value === 'string' ? value : undefined;
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Maps an element to the 1-based line where it starts, `offsetLines` added for trimmed lines. */
export function createLineLocator(
  text: string,
  offsetLines: number,
): (node: unknown) => number | undefined {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (node) => {
    if (!isElement(node)) return undefined;
    const meta: unknown = Reflect.get(node, META);
    const start = isElement(meta) ? meta['startIndex'] : undefined;
    if (typeof start !== 'number') return undefined;
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (newlines[mid]! < start) low = mid + 1;
      else high = mid;
    }
    return low + 1 + offsetLines;
  };
}
