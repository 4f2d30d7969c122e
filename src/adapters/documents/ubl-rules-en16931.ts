/**
 * A core subset of the EN 16931 business rules (BR-01…55, BR-CO-*), with the messages of the CEN
 * schematron. Must not: use floats: every sum is an exact bigint decimal (ubl-document.ts).
 */
import {
  all,
  decimalAt,
  decimalCompare,
  decimalDistance,
  decimalMul,
  decimalRound,
  decimalSub,
  decimalSum,
  first,
  parseDecimal,
  textAt,
  type Decimal,
  type UblNode,
} from './ubl-document.ts';
import {
  allowanceCharges,
  eachLine,
  eachSubtotal,
  equalDecimals,
  failingAt,
  hasText,
  holds,
  lineNetSum,
  subtotalCategory,
  sumAt,
  ZERO,
  type UblContext,
  type UblRule,
} from './ubl-rule-context.ts';

const ONE: Decimal = { units: 1n, scale: 0 };

const present = (path: string[]) => (ctx: UblContext) => holds(hasText(textAt(ctx.doc, ...path)));
const partyHas =
  (party: 'supplier' | 'customer', ...path: string[]) =>
  (ctx: UblContext) =>
    holds(first(ctx[party], ...path) !== undefined);
const totalHas = (name: string) => (ctx: UblContext) => holds(decimalAt(ctx.totals, name) !== null);

const taxAmount = (ctx: UblContext): Decimal | null =>
  decimalAt(
    all(ctx.doc, 'cac:TaxTotal').find((t) => all(t, 'cac:TaxSubtotal').length > 0),
    'cbc:TaxAmount',
  );

/** BR-CO-17 in the current CEN schematron allows |difference| < 1 for the rounding of others. */
function vatMatchesRate(subtotal: UblNode): boolean {
  const taxable = decimalAt(subtotal, 'cbc:TaxableAmount');
  const tax = decimalAt(subtotal, 'cbc:TaxAmount');
  const percent = subtotalCategory(subtotal).percent;
  if (taxable === null || tax === null) return false;
  if (percent === null || percent.units === 0n) return decimalRound(tax, 0).units === 0n;
  const product = decimalMul(taxable, percent);
  const expected = decimalRound({ units: product.units, scale: product.scale + 2 }, 2);
  return decimalCompare(decimalDistance(tax, expected), ONE) < 0;
}

export const EN16931_CORE_RULES: readonly UblRule[] = [
  {
    id: 'BR-01',
    flag: 'fatal',
    message: 'An Invoice shall have a Specification identifier (BT-24).',
    failures: present(['cbc:CustomizationID']),
  },
  {
    id: 'BR-02',
    flag: 'fatal',
    message: 'An Invoice shall have an Invoice number (BT-1).',
    failures: present(['cbc:ID']),
  },
  {
    id: 'BR-03',
    flag: 'fatal',
    message: 'An Invoice shall have an Invoice issue date (BT-2).',
    failures: (ctx) => holds(/^\d{4}-\d{2}-\d{2}$/.test(textAt(ctx.doc, 'cbc:IssueDate') ?? '')),
  },
  {
    id: 'BR-04',
    flag: 'fatal',
    message: 'An Invoice shall have an Invoice type code (BT-3).',
    failures: (ctx) =>
      holds(
        hasText(
          textAt(ctx.doc, ctx.isCreditNote ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode'),
        ),
      ),
  },
  {
    id: 'BR-05',
    flag: 'fatal',
    message: 'An Invoice shall have an Invoice currency code (BT-5).',
    failures: present(['cbc:DocumentCurrencyCode']),
  },
  {
    id: 'BR-06',
    flag: 'fatal',
    message: 'An Invoice shall contain the Seller name (BT-27).',
    failures: (ctx) =>
      holds(hasText(textAt(ctx.supplier, 'cac:PartyLegalEntity', 'cbc:RegistrationName'))),
  },
  {
    id: 'BR-07',
    flag: 'fatal',
    message: 'An Invoice shall contain the Buyer name (BT-44).',
    failures: (ctx) =>
      holds(hasText(textAt(ctx.customer, 'cac:PartyLegalEntity', 'cbc:RegistrationName'))),
  },
  {
    id: 'BR-08',
    flag: 'fatal',
    message: 'An Invoice shall contain the Seller postal address (BG-5).',
    failures: partyHas('supplier', 'cac:PostalAddress'),
  },
  {
    id: 'BR-09',
    flag: 'fatal',
    message: 'The Seller postal address (BG-5) shall contain a Seller country code (BT-40).',
    failures: (ctx) => holds(hasText(ctx.supplierCountry)),
  },
  {
    id: 'BR-10',
    flag: 'fatal',
    message: 'An Invoice shall contain the Buyer postal address (BG-8).',
    failures: partyHas('customer', 'cac:PostalAddress'),
  },
  {
    id: 'BR-11',
    flag: 'fatal',
    message: 'The Buyer postal address shall contain a Buyer country code (BT-55).',
    failures: (ctx) => holds(hasText(ctx.customerCountry)),
  },
  {
    id: 'BR-12',
    flag: 'fatal',
    message: 'An Invoice shall have the Sum of Invoice line net amount (BT-106).',
    failures: totalHas('cbc:LineExtensionAmount'),
  },
  {
    id: 'BR-13',
    flag: 'fatal',
    message: 'An Invoice shall have the Invoice total amount without VAT (BT-109).',
    failures: totalHas('cbc:TaxExclusiveAmount'),
  },
  {
    id: 'BR-14',
    flag: 'fatal',
    message: 'An Invoice shall have the Invoice total amount with VAT (BT-112).',
    failures: totalHas('cbc:TaxInclusiveAmount'),
  },
  {
    id: 'BR-15',
    flag: 'fatal',
    message: 'An Invoice shall have the Amount due for payment (BT-115).',
    failures: totalHas('cbc:PayableAmount'),
  },
  {
    id: 'BR-16',
    flag: 'fatal',
    message: 'An Invoice shall have at least one Invoice line (BG-25).',
    failures: (ctx) => holds(ctx.lines.length > 0),
  },
  {
    id: 'BR-21',
    flag: 'fatal',
    message: 'Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).',
    failures: eachLine((l) => hasText(textAt(l, 'cbc:ID'))),
  },
  {
    id: 'BR-22',
    flag: 'fatal',
    message: 'Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).',
    failures: eachLine((l, ctx) => parseDecimal(textAt(l, ctx.quantityName)) !== null),
  },
  {
    id: 'BR-23',
    flag: 'fatal',
    message:
      'An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code (BT-130).',
    failures: eachLine((l, ctx) => {
      const quantity = first(l, ctx.quantityName);
      return typeof quantity === 'object' && hasText(quantity['@unitCode'] as string | undefined);
    }),
  },
  {
    id: 'BR-24',
    flag: 'fatal',
    message: 'Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).',
    failures: eachLine((l) => decimalAt(l, 'cbc:LineExtensionAmount') !== null),
  },
  {
    id: 'BR-25',
    flag: 'fatal',
    message: 'Each Invoice line (BG-25) shall contain the Item name (BT-153).',
    failures: eachLine((l) => hasText(textAt(l, 'cac:Item', 'cbc:Name'))),
  },
  {
    id: 'BR-26',
    flag: 'fatal',
    message: 'Each Invoice line (BG-25) shall contain the Item net price (BT-146).',
    failures: eachLine((l) => decimalAt(l, 'cac:Price', 'cbc:PriceAmount') !== null),
  },
  {
    id: 'BR-27',
    flag: 'fatal',
    message: 'The Item net price (BT-146) shall NOT be negative.',
    failures: eachLine(
      (l) => decimalCompare(decimalAt(l, 'cac:Price', 'cbc:PriceAmount') ?? ZERO, ZERO) >= 0,
    ),
  },
  {
    id: 'BR-55',
    flag: 'fatal',
    message:
      'Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference (BT-25).',
    failures: (ctx) =>
      failingAt(all(ctx.doc, 'cac:BillingReference'), 'reference', (r) =>
        hasText(textAt(r, 'cac:InvoiceDocumentReference', 'cbc:ID')),
      ),
  },
  {
    id: 'BR-CO-10',
    flag: 'fatal',
    message: 'Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).',
    failures: (ctx) =>
      holds(equalDecimals(decimalAt(ctx.totals, 'cbc:LineExtensionAmount'), lineNetSum(ctx))),
  },
  {
    id: 'BR-CO-13',
    flag: 'fatal',
    message:
      'Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).',
    failures: (ctx) => {
      const nets = lineNetSum(ctx);
      const expected =
        nets &&
        decimalSum([
          nets,
          ...allowanceCharges(ctx.doc, true),
          ...allowanceCharges(ctx.doc, false).map((a) => ({ units: -a.units, scale: a.scale })),
        ]);
      return holds(equalDecimals(decimalAt(ctx.totals, 'cbc:TaxExclusiveAmount'), expected));
    },
  },
  {
    id: 'BR-CO-14',
    flag: 'fatal',
    message: 'Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).',
    failures: (ctx) => {
      const amounts = sumAt(ctx.subtotals, 'cbc:TaxAmount');
      return holds(equalDecimals(taxAmount(ctx), amounts && decimalSum(amounts)));
    },
  },
  {
    id: 'BR-CO-15',
    flag: 'fatal',
    message:
      'Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total VAT amount (BT-110).',
    failures: (ctx) => {
      const exclusive = decimalAt(ctx.totals, 'cbc:TaxExclusiveAmount');
      const tax = taxAmount(ctx);
      return holds(
        equalDecimals(
          decimalAt(ctx.totals, 'cbc:TaxInclusiveAmount'),
          exclusive && tax && decimalSum([exclusive, tax]),
        ),
      );
    },
  },
  {
    id: 'BR-CO-16',
    flag: 'fatal',
    message:
      'Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid amount (BT-113) +Rounding amount (BT-114).',
    failures: (ctx) => {
      const inclusive = decimalAt(ctx.totals, 'cbc:TaxInclusiveAmount');
      const prepaid = decimalAt(ctx.totals, 'cbc:PrepaidAmount') ?? ZERO;
      const rounding = decimalAt(ctx.totals, 'cbc:PayableRoundingAmount') ?? ZERO;
      const expected = inclusive && decimalSum([decimalSub(inclusive, prepaid), rounding]);
      return holds(equalDecimals(decimalAt(ctx.totals, 'cbc:PayableAmount'), expected));
    },
  },
  {
    id: 'BR-CO-17',
    flag: 'fatal',
    message:
      'VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate (BT-119) / 100), rounded to two decimals.',
    failures: eachSubtotal(vatMatchesRate),
  },
  {
    id: 'BR-CO-18',
    flag: 'fatal',
    message: 'An Invoice shall at least have one VAT breakdown group (BG-23).',
    failures: (ctx) => holds(ctx.subtotals.length > 0),
  },
  {
    id: 'BR-CO-25',
    flag: 'fatal',
    message:
      'In case the Amount due for payment (BT-115) is positive, either the Payment due date (BT-9) or the Payment terms (BT-20) shall be present.',
    failures: (ctx) => {
      const payable = decimalAt(ctx.totals, 'cbc:PayableAmount') ?? ZERO;
      const due = ctx.isCreditNote
        ? textAt(ctx.doc, 'cac:PaymentMeans', 'cbc:PaymentDueDate')
        : textAt(ctx.doc, 'cbc:DueDate');
      return holds(
        decimalCompare(payable, ZERO) <= 0 ||
          hasText(due) ||
          hasText(textAt(ctx.doc, 'cac:PaymentTerms', 'cbc:Note')),
      );
    },
  },
];
