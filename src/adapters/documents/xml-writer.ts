/**
 * A tiny XML writer for UBL: elements as plain data, serialised with escaping and stable
 * indentation, so equal input gives equal text. Must not: know UBL (invoice-ubl.ts does).
 */

export type XmlElement = {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text content, or child elements; an element never has both in UBL. */
  readonly content: string | readonly XmlElement[];
};

/** Child lists may contain `null` for "left out here", which keeps the builders flat. */
export type XmlChild = XmlElement | null;

export function element(
  name: string,
  content: string | readonly XmlChild[],
  attributes: Readonly<Record<string, string>> = {},
): XmlElement {
  const children =
    typeof content === 'string' ? content : content.filter((c): c is XmlElement => c !== null);
  return { name, attributes, content: children };
}

/** XML 1.0 forbids most control characters even escaped; they cannot be in a document at all. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  if (typeof node.content === 'string') {
    out.push(`${indent}<${node.name}${attributes}>${escapeXml(node.content)}</${node.name}>`);
    return;
  }
  out.push(`${indent}<${node.name}${attributes}>`);
  for (const child of node.content) write(child, depth + 1, out);
  out.push(`${indent}</${node.name}>`);
}

/** The document with an XML declaration and a final newline. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
