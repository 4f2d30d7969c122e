/**
 * What every UBL rule looks at, found once per document (parties, lines, tax subtotals), and the
 * shape of a rule. Must not: hold rules themselves (ubl-rules-*.ts) or read XML text directly.
 */
import {
  all,
  decimalAt,
  decimalCompare,
  decimalSum,
  first,
  parseDecimal,
  textAt,
  type Decimal,
  type UblNode,
  type UblRoot,
} from './ubl-document.ts';

export type RuleFlag = 'fatal' | 'warning';

export type UblContext = {
  readonly root: UblRoot;
  readonly doc: UblNode;
  readonly isCreditNote: boolean;
  readonly supplier: UblNode | undefined;
  readonly customer: UblNode | undefined;
  readonly lines: readonly UblNode[];
  /** cbc:InvoicedQuantity in an Invoice, cbc:CreditedQuantity in a CreditNote. */
  readonly quantityName: string;
  readonly currency: string | undefined;
  /** The subtotals of the (one) TaxTotal that has them. */
  readonly subtotals: readonly UblNode[];
  readonly totals: UblNode | undefined;
  readonly supplierCountry: string | undefined;
  readonly customerCountry: string | undefined;
  /** The seller's VAT registration (PartyTaxScheme with TaxScheme ID VAT). */
  readonly supplierVat: string | undefined;
};

/**
 * A rule: its id as in the specification, the specification's own message, and a test that
 * returns where it fails ('' for the document as a whole). No failures means it holds.
 */
export type UblRule = {
  readonly id: string;
  readonly flag: RuleFlag;
  readonly message: string;
  readonly failures: (ctx: UblContext) => readonly string[];
};

export const holds = (condition: boolean): string[] => (condition ? [] : ['']);

/** The failing positions among nodes: "line 2", "subtotal 1". */
export function failingAt(
  nodes: readonly UblNode[],
  label: string,
  test: (node: UblNode) => boolean,
): string[] {
  return nodes.flatMap((node, i) => (test(node) ? [] : [`${label} ${i + 1}`]));
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

/** Is `a` equal to `b` exactly, both present? A missing value fails an equation rule too. */
export const equalDecimals = (a: Decimal | null, b: Decimal | null): boolean =>
  a !== null && b !== null && decimalCompare(a, b) === 0;

export const eachLine =
  (test: (line: UblNode, ctx: UblContext) => boolean) =>
  (ctx: UblContext): string[] =>
    failingAt(ctx.lines, 'line', (line) => test(line, ctx));

export const eachSubtotal =
  (test: (subtotal: UblNode) => boolean) =>
  (ctx: UblContext): string[] =>
    failingAt(ctx.subtotals, 'subtotal', test);

/** Σ of the lines' net amounts; null when one is missing. */
export function lineNetSum(ctx: UblContext): Decimal | null {
  const nets = sumAt(ctx.lines, 'cbc:LineExtensionAmount');
  return nets ? decimalSum(nets) : null;
}

export const hasText = (value: string | undefined): boolean =>
  value !== undefined && value.trim() !== '';

export const taxSchemeCompanyId = (party: UblNode | undefined, scheme: 'VAT'): string | undefined =>
  all(party, 'cac:PartyTaxScheme')
    .filter((s) => textAt(s, 'cac:TaxScheme', 'cbc:ID')?.trim().toUpperCase() === scheme)
    .map((s) => textAt(s, 'cbc:CompanyID'))[0];

export function buildContext(root: UblRoot): UblContext {
  const doc = root.node;
  const isCreditNote = root.kind === 'CreditNote';
  const supplier = first(doc, 'cac:AccountingSupplierParty', 'cac:Party');
  const customer = first(doc, 'cac:AccountingCustomerParty', 'cac:Party');
  const taxTotal = all(doc, 'cac:TaxTotal').find((t) => all(t, 'cac:TaxSubtotal').length > 0);
  return {
    root,
    doc,
    isCreditNote,
    supplier,
    customer,
    lines: all(doc, isCreditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine'),
    quantityName: isCreditNote ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity',
    currency: textAt(doc, 'cbc:DocumentCurrencyCode'),
    subtotals: all(taxTotal, 'cac:TaxSubtotal'),
    totals: first(doc, 'cac:LegalMonetaryTotal'),
    supplierCountry: textAt(supplier, 'cac:PostalAddress', 'cac:Country', 'cbc:IdentificationCode'),
    customerCountry: textAt(customer, 'cac:PostalAddress', 'cac:Country', 'cbc:IdentificationCode'),
    supplierVat: taxSchemeCompanyId(supplier, 'VAT'),
  };
}

/** Sums the decimals at a path over nodes; null if any is missing or malformed. */
export function sumAt(nodes: readonly UblNode[], ...path: string[]): Decimal[] | null {
  const values = nodes.map((n) => decimalAt(n, ...path));
  return values.every((v): v is Decimal => v !== null) ? values : null;
}

/** Document-level allowances (false) or charges (true), as decimals. */
export const allowanceCharges = (node: UblNode | undefined, charge: boolean): Decimal[] =>
  all(node, 'cac:AllowanceCharge')
    .filter((a) => textAt(a, 'cbc:ChargeIndicator')?.trim() === String(charge))
    .map((a) => parseDecimal(textAt(a, 'cbc:Amount')) ?? { units: 0n, scale: 0 });

/** The category (S, E, Z …) and rate of a TaxCategory or ClassifiedTaxCategory element. */
export const categoryOf = (node: UblNode | undefined): { id: string; percent: Decimal | null } => ({
  id: (textAt(node, 'cbc:ID') ?? '').trim(),
  percent: decimalAt(node, 'cbc:Percent'),
});

export const lineCategory = (line: UblNode) =>
  categoryOf(first(line, 'cac:Item', 'cac:ClassifiedTaxCategory'));
export const subtotalCategory = (subtotal: UblNode) =>
  categoryOf(first(subtotal, 'cac:TaxCategory'));
