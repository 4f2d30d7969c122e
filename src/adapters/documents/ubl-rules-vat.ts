/**
 * EN 16931 rules on VAT categories (BR-S-*, BR-E-*: standard rated and exempt, the two Reskontra
 * uses) and on decimals (BR-DEC-*). Messages as in the CEN schematron.
 */
import {
  all,
  decimalAt,
  decimalCompare,
  decimalSum,
  textAt,
  type Decimal,
} from './ubl-document.ts';
import {
  eachLine,
  eachSubtotal,
  equalDecimals,
  failingAt,
  hasText,
  holds,
  lineCategory,
  subtotalCategory,
  sumAt,
  ZERO,
  type UblContext,
  type UblRule,
} from './ubl-rule-context.ts';

/** Σ line nets of the lines in a category (at a rate, for S): what BR-S-08 / BR-E-08 compare with. */
function netsInCategory(ctx: UblContext, id: string, percent: Decimal | null): Decimal | null {
  const lines = ctx.lines.filter((line) => {
    const c = lineCategory(line);
    return c.id === id && (id !== 'S' || equalDecimals(c.percent, percent));
  });
  const nets = sumAt(lines, 'cbc:LineExtensionAmount');
  return nets ? decimalSum(nets) : null;
}

const maxTwoDecimals = (value: string | undefined): boolean =>
  value === undefined || !value.includes('.') || value.split('.')[1]!.length <= 2;
const decimalsRule = (
  id: string,
  what: string,
  values: (ctx: UblContext) => (string | undefined)[],
): UblRule => ({
  id,
  flag: 'fatal',
  message: `The allowed maximum number of decimals for the ${what} is 2.`,
  failures: (ctx) => holds(values(ctx).every(maxTwoDecimals)),
});

export const EN16931_VAT_RULES: readonly UblRule[] = [
  {
    id: 'BR-S-02',
    flag: 'fatal',
    message:
      'An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Standard rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).',
    failures: (ctx) =>
      holds(!ctx.lines.some((l) => lineCategory(l).id === 'S') || hasText(ctx.supplierVat)),
  },
  {
    id: 'BR-S-05',
    flag: 'fatal',
    message:
      'In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Standard rated" the Invoiced item VAT rate (BT-152) shall be greater than zero.',
    failures: eachLine(
      (l) =>
        lineCategory(l).id !== 'S' || decimalCompare(lineCategory(l).percent ?? ZERO, ZERO) > 0,
    ),
  },
  {
    id: 'BR-S-08',
    flag: 'fatal',
    message:
      'For each different value of VAT category rate (BT-119) where the VAT category code (BT-118) is "Standard rated", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is "Standard rated" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).',
    failures: (ctx) =>
      failingAt(ctx.subtotals, 'subtotal', (s) => {
        const c = subtotalCategory(s);
        return (
          c.id !== 'S' ||
          equalDecimals(decimalAt(s, 'cbc:TaxableAmount'), netsInCategory(ctx, 'S', c.percent))
        );
      }),
  },
  {
    id: 'BR-E-05',
    flag: 'fatal',
    message:
      'In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Exempt from VAT", the Invoiced item VAT rate (BT-152) shall be 0 (zero).',
    failures: eachLine(
      (l) => lineCategory(l).id !== 'E' || equalDecimals(lineCategory(l).percent, ZERO),
    ),
  },
  {
    id: 'BR-E-08',
    flag: 'fatal',
    message:
      'In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Exempt from VAT" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of document level allowance amounts (BT-92) plus the sum of document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Exempt from VAT".',
    failures: (ctx) =>
      failingAt(
        ctx.subtotals,
        'subtotal',
        (s) =>
          subtotalCategory(s).id !== 'E' ||
          equalDecimals(decimalAt(s, 'cbc:TaxableAmount'), netsInCategory(ctx, 'E', null)),
      ),
  },
  {
    id: 'BR-E-09',
    flag: 'fatal',
    message:
      'The VAT category tax amount (BT-117) In a VAT breakdown (BG-23) where the VAT category code (BT-118) equals "Exempt from VAT" shall equal 0 (zero).',
    failures: eachSubtotal(
      (s) => subtotalCategory(s).id !== 'E' || equalDecimals(decimalAt(s, 'cbc:TaxAmount'), ZERO),
    ),
  },
  {
    id: 'BR-E-10',
    flag: 'fatal',
    message:
      'A VAT breakdown (BG-23) with VAT Category code (BT-118) "Exempt from VAT" shall have a VAT exemption reason code (BT-121) or a VAT exemption reason text (BT-120).',
    failures: eachSubtotal(
      (s) =>
        subtotalCategory(s).id !== 'E' ||
        hasText(textAt(s, 'cac:TaxCategory', 'cbc:TaxExemptionReason')) ||
        hasText(textAt(s, 'cac:TaxCategory', 'cbc:TaxExemptionReasonCode')),
    ),
  },
  decimalsRule('BR-DEC-09', 'Sum of Invoice line net amount (BT-106)', (ctx) => [
    textAt(ctx.totals, 'cbc:LineExtensionAmount'),
  ]),
  decimalsRule('BR-DEC-12', 'Invoice total amount without VAT (BT-109)', (ctx) => [
    textAt(ctx.totals, 'cbc:TaxExclusiveAmount'),
  ]),
  decimalsRule('BR-DEC-13', 'Invoice total VAT amount (BT-110)', (ctx) => [
    textAt(all(ctx.doc, 'cac:TaxTotal')[0], 'cbc:TaxAmount'),
  ]),
  decimalsRule('BR-DEC-14', 'Invoice total amount with VAT (BT-112)', (ctx) => [
    textAt(ctx.totals, 'cbc:TaxInclusiveAmount'),
  ]),
  // Written when a customer's credit balance paid part of the invoice (invoice-ubl.ts).
  decimalsRule('BR-DEC-16', 'Paid amount (BT-113)', (ctx) => [
    textAt(ctx.totals, 'cbc:PrepaidAmount'),
  ]),
  decimalsRule('BR-DEC-17', 'Rounding amount (BT-114)', (ctx) => [
    textAt(ctx.totals, 'cbc:PayableRoundingAmount'),
  ]),
  decimalsRule('BR-DEC-18', 'Amount due for payment (BT-115)', (ctx) => [
    textAt(ctx.totals, 'cbc:PayableAmount'),
  ]),
  decimalsRule('BR-DEC-19', 'VAT category taxable amount (BT-116)', (ctx) =>
    ctx.subtotals.map((s) => textAt(s, 'cbc:TaxableAmount')),
  ),
  decimalsRule('BR-DEC-20', 'VAT category tax amount (BT-117)', (ctx) =>
    ctx.subtotals.map((s) => textAt(s, 'cbc:TaxAmount')),
  ),
  decimalsRule('BR-DEC-23', 'Invoice line net amount (BT-131)', (ctx) =>
    ctx.lines.map((l) => textAt(l, 'cbc:LineExtensionAmount')),
  ),
];
