/**
 * A PEPPOL-EN16931 rule subset, with ids, flags and messages as in OpenPEPPOL/peppol-bis-invoice-3
 * rules/sch/PEPPOL-EN16931-UBL.sch (release 3.0.15), plus Reskontra's own RSK-* checks on what it
 * always sends. The Swedish SE-R rules are in ubl-rules-sweden.ts.
 */
import {
  all,
  attribute,
  decimalAt,
  decimalCompare,
  decimalDistance,
  decimalMul,
  decimalSub,
  decimalSum,
  first,
  text,
  textAt,
  visit,
  type UblNode,
} from './ubl-document.ts';
import {
  allowanceCharges,
  failingAt,
  hasText,
  holds,
  type UblContext,
  type UblRule,
} from './ubl-rule-context.ts';
import { isLuhnOrgnr, SWEDISH_RULES } from './ubl-rules-sweden.ts';

const AMOUNT_ELEMENTS = new Set([
  'cbc:Amount',
  'cbc:BaseAmount',
  'cbc:PriceAmount',
  'cbc:TaxAmount',
  'cbc:TaxableAmount',
  'cbc:LineExtensionAmount',
  'cbc:TaxExclusiveAmount',
  'cbc:TaxInclusiveAmount',
  'cbc:AllowanceTotalAmount',
  'cbc:ChargeTotalAmount',
  'cbc:PrepaidAmount',
  'cbc:PayableRoundingAmount',
  'cbc:PayableAmount',
]);

/** PEPPOL-EN16931-R120, multiplied through by the base quantity to avoid dividing. */
function lineNetMatches(line: UblNode, ctx: UblContext): boolean {
  const net = decimalAt(line, 'cbc:LineExtensionAmount');
  const quantity = decimalAt(line, ctx.quantityName) ?? { units: 1n, scale: 0 };
  const price = decimalAt(line, 'cac:Price', 'cbc:PriceAmount') ?? { units: 0n, scale: 0 };
  const base = decimalAt(line, 'cac:Price', 'cbc:BaseQuantity');
  const baseQuantity = base && base.units !== 0n ? base : { units: 1n, scale: 0 };
  if (net === null) return false;
  const adjustments = decimalSub(
    decimalSum(allowanceCharges(line, true)),
    decimalSum(allowanceCharges(line, false)),
  );
  const expected = decimalSum([decimalMul(quantity, price), decimalMul(adjustments, baseQuantity)]);
  const slack = decimalMul({ units: 2n, scale: 2 }, baseQuantity);
  return decimalCompare(decimalDistance(decimalMul(net, baseQuantity), expected), slack) <= 0;
}

const PEPPOL_RULES: readonly UblRule[] = [
  {
    id: 'PEPPOL-EN16931-R001',
    flag: 'fatal',
    message: 'Business process MUST be provided.',
    failures: (ctx) => holds(first(ctx.doc, 'cbc:ProfileID') !== undefined),
  },
  {
    id: 'PEPPOL-EN16931-R007',
    flag: 'fatal',
    message:
      "Business process MUST be in the format 'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0' where NN indicates the process number.",
    failures: (ctx) =>
      holds(
        /^urn:fdc:peppol\.eu:2017:poacc:billing:\d{2}:1\.0$/.test(
          textAt(ctx.doc, 'cbc:ProfileID')?.trim() ?? '',
        ),
      ),
  },
  {
    id: 'PEPPOL-EN16931-R003',
    flag: 'fatal',
    message: 'A buyer reference or purchase order reference MUST be provided.',
    failures: (ctx) =>
      holds(
        first(ctx.doc, 'cbc:BuyerReference') !== undefined ||
          first(ctx.doc, 'cac:OrderReference', 'cbc:ID') !== undefined,
      ),
  },
  {
    id: 'PEPPOL-EN16931-R004',
    flag: 'fatal',
    message:
      "Specification identifier MUST have the value 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'.",
    failures: (ctx) =>
      holds(
        (textAt(ctx.doc, 'cbc:CustomizationID') ?? '')
          .trim()
          .startsWith('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'),
      ),
  },
  {
    id: 'PEPPOL-EN16931-R008',
    flag: 'fatal',
    message: 'Document MUST not contain empty elements.',
    failures: (ctx) => {
      const empty: string[] = [];
      visit(ctx.doc, (name, node) => {
        const hasChildren =
          typeof node === 'object' &&
          Object.entries(node).some(([k, v]) => Array.isArray(v) && !k.startsWith('@'));
        if (!hasChildren && (text(node) ?? '').trim() === '') empty.push(name);
      });
      return empty;
    },
  },
  {
    id: 'PEPPOL-EN16931-R010',
    flag: 'fatal',
    message: 'Buyer electronic address MUST be provided',
    failures: (ctx) => holds(first(ctx.customer, 'cbc:EndpointID') !== undefined),
  },
  {
    id: 'PEPPOL-EN16931-R020',
    flag: 'fatal',
    message: 'Seller electronic address MUST be provided',
    failures: (ctx) => holds(first(ctx.supplier, 'cbc:EndpointID') !== undefined),
  },
  {
    id: 'PEPPOL-EN16931-R051',
    flag: 'fatal',
    message:
      'All currencyID attributes must have the same value as the invoice currency code (BT-5), except for the invoice total VAT amount in accounting currency (BT-111).',
    failures: (ctx) => {
      const wrong: string[] = [];
      visit(ctx.doc, (name, node) => {
        if (AMOUNT_ELEMENTS.has(name) && attribute(node, 'currencyID') !== ctx.currency)
          wrong.push(name);
      });
      return wrong;
    },
  },
  {
    id: 'PEPPOL-EN16931-R053',
    flag: 'fatal',
    message: 'Only one tax total with tax subtotals MUST be provided.',
    failures: (ctx) =>
      holds(
        all(ctx.doc, 'cac:TaxTotal').filter((t) => all(t, 'cac:TaxSubtotal').length > 0).length ===
          1,
      ),
  },
  {
    id: 'PEPPOL-EN16931-R120',
    flag: 'fatal',
    message:
      'Invoice line net amount MUST equal (Invoiced quantity * (Item net price/item price base quantity) + Sum of invoice line charge amount - sum of invoice line allowance amount',
    failures: (ctx) => failingAt(ctx.lines, 'line', (line) => lineNetMatches(line, ctx)),
  },
  {
    id: 'PEPPOL-COMMON-R049',
    flag: 'fatal',
    message: 'Swedish organization number MUST be stated in the correct format.',
    failures: (ctx) => {
      const wrong: string[] = [];
      visit(ctx.doc, (name, node) => {
        const scheme = ['cbc:EndpointID', 'cbc:CompanyID', 'cbc:ID'].includes(name)
          ? attribute(node, 'schemeID')
          : undefined;
        const value = (text(node) ?? '').trim();
        if (scheme === '0007' && !(value.length === 10 && isLuhnOrgnr(value))) wrong.push(name);
      });
      return wrong;
    },
  },
];

/** What Reskontra always sends; a failure here is a bug in invoice-ubl.ts, not in the input. */
const RESKONTRA_RULES: readonly UblRule[] = [
  {
    id: 'RSK-01',
    flag: 'fatal',
    message:
      'The root is a UBL 2.1 Invoice or CreditNote in its own namespace, with cac and cbc bound to the UBL component namespaces.',
    failures: (ctx) => {
      const expected = ctx.isCreditNote
        ? 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2'
        : 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
      return holds(
        ctx.root.namespace === expected &&
          attribute(ctx.doc, 'xmlns:cac') ===
            'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2' &&
          attribute(ctx.doc, 'xmlns:cbc') ===
            'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
      );
    },
  },
  {
    id: 'RSK-02',
    flag: 'fatal',
    message:
      'An Invoice has type code 380 (commercial invoice) and a CreditNote 381 (credit note).',
    failures: (ctx) =>
      holds(
        ctx.isCreditNote
          ? textAt(ctx.doc, 'cbc:CreditNoteTypeCode') === '381'
          : textAt(ctx.doc, 'cbc:InvoiceTypeCode') === '380',
      ),
  },
  {
    id: 'RSK-03',
    flag: 'fatal',
    message: 'A credit note refers to the invoice it corrects (ML 2023:200 17 kap. 22 §).',
    failures: (ctx) =>
      holds(
        !ctx.isCreditNote ||
          hasText(
            textAt(ctx.doc, 'cac:BillingReference', 'cac:InvoiceDocumentReference', 'cbc:ID'),
          ),
      ),
  },
  {
    id: 'RSK-04',
    flag: 'fatal',
    message: 'The document currency is SEK.',
    failures: (ctx) => holds(ctx.currency === 'SEK'),
  },
  {
    id: 'RSK-05',
    flag: 'fatal',
    message: 'Amounts are plain decimals with at most two decimals (whole öre).',
    failures: (ctx) => {
      const wrong: string[] = [];
      visit(ctx.doc, (name, node) => {
        if (
          AMOUNT_ELEMENTS.has(name) &&
          name !== 'cbc:PriceAmount' &&
          !/^-?\d+(\.\d{1,2})?$/.test((text(node) ?? '').trim())
        )
          wrong.push(name);
      });
      return wrong;
    },
  },
];

export const PEPPOL_AND_SWEDISH_RULES: readonly UblRule[] = [
  ...PEPPOL_RULES,
  ...SWEDISH_RULES,
  ...RESKONTRA_RULES,
];
