/**
 * The Swedish national rules of Peppol BIS Billing 3.0, SE-R-001…013, with ids, flags and messages
 * as in OpenPEPPOL/peppol-bis-invoice-3 rules/sch/PEPPOL-EN16931-UBL.sch (release 3.0.15).
 */
import { all, decimalCompare, textAt, visit, type Decimal } from './ubl-document.ts';
import { categoryOf, failingAt, holds, type UblContext, type UblRule } from './ubl-rule-context.ts';

/** u:checkSEOrgnr: numeric, and the 10th digit is the Luhn check digit of the first nine. */
export function isLuhnOrgnr(value: string): boolean {
  if (!/^\d{10,}$/.test(value)) return false;
  const sum = [...value.slice(0, 9)].reverse().reduce((acc, char, i) => {
    const digit = Number(char) * (i % 2 === 0 ? 2 : 1);
    return acc + (digit > 9 ? digit - 9 : digit);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(value[9]);
}

/** XPath number() is not NaN: the schematron's test for "numeric". Digits only, here. */
export const numeric = (value: string | undefined): boolean => /^\d+$/.test((value ?? '').trim());

const swedishSupplier = (ctx: UblContext): boolean => ctx.supplierCountry?.trim() === 'SE';
/** SE-R-001/002/006 apply to a Swedish supplier whose VAT number starts with SE. */
const swedishVatSupplier = (ctx: UblContext): boolean =>
  swedishSupplier(ctx) && (ctx.supplierVat ?? '').startsWith('SE');
const legalCompanyId = (ctx: UblContext): string | undefined =>
  textAt(ctx.supplier, 'cac:PartyLegalEntity', 'cbc:CompanyID');

/** Payee accounts of PaymentMeans code 30 with the given branch (SE:BANKGIRO / SE:PLUSGIRO). */
const giroAccounts = (ctx: UblContext, branch: string): string[] =>
  swedishSupplier(ctx)
    ? all(ctx.doc, 'cac:PaymentMeans')
        .filter((p) => textAt(p, 'cbc:PaymentMeansCode')?.trim() === '30')
        .filter(
          (p) =>
            textAt(
              p,
              'cac:PayeeFinancialAccount',
              'cac:FinancialInstitutionBranch',
              'cbc:ID',
            )?.trim() === branch,
        )
        .map((p) => (textAt(p, 'cac:PayeeFinancialAccount', 'cbc:ID') ?? '').trim())
    : [];
const meansCodes = (ctx: UblContext): string[] =>
  all(ctx.doc, 'cac:PaymentMeans').map((p) => textAt(p, 'cbc:PaymentMeansCode')?.trim() ?? '');

/** Every tax category in the document: breakdown, lines, allowances and charges. */
function taxCategories(ctx: UblContext): { id: string; percent: Decimal | null }[] {
  const found: { id: string; percent: Decimal | null }[] = [];
  visit(ctx.doc, (name, node) => {
    if (name === 'cac:TaxCategory' || name === 'cac:ClassifiedTaxCategory') {
      found.push(categoryOf(node));
    }
  });
  return found;
}

export const SWEDISH_RULES: readonly UblRule[] = [
  {
    id: 'SE-R-001',
    flag: 'fatal',
    message: 'For Swedish suppliers, Swedish VAT-numbers must consist of 14 characters.',
    failures: (ctx) =>
      holds(!swedishVatSupplier(ctx) || (ctx.supplierVat ?? '').trim().length === 14),
  },
  {
    id: 'SE-R-002',
    flag: 'fatal',
    message:
      'For Swedish suppliers, the Swedish VAT-numbers must have the trailing 12 characters in numeric form',
    failures: (ctx) =>
      holds(!swedishVatSupplier(ctx) || numeric((ctx.supplierVat ?? '').slice(2, 14))),
  },
  {
    id: 'SE-R-003',
    flag: 'warning',
    message: 'Swedish organisation numbers should be numeric.',
    failures: (ctx) =>
      holds(
        !swedishSupplier(ctx) || legalCompanyId(ctx) === undefined || numeric(legalCompanyId(ctx)),
      ),
  },
  {
    id: 'SE-R-004',
    flag: 'warning',
    message: 'Swedish organisation numbers consist of 10 characters.',
    failures: (ctx) =>
      holds(
        !swedishSupplier(ctx) ||
          legalCompanyId(ctx) === undefined ||
          legalCompanyId(ctx)!.trim().length === 10,
      ),
  },
  {
    id: 'SE-R-005',
    flag: 'fatal',
    message:
      "For Swedish suppliers, when using Seller tax registration identifier, 'Godkänd för F-skatt' must be stated",
    failures: (ctx) =>
      !swedishSupplier(ctx) || legalCompanyId(ctx) === undefined
        ? []
        : failingAt(
            all(ctx.supplier, 'cac:PartyTaxScheme').filter(
              (s) => textAt(s, 'cac:TaxScheme', 'cbc:ID')?.trim().toUpperCase() !== 'VAT',
            ),
            'tax scheme',
            (s) =>
              (textAt(s, 'cbc:CompanyID') ?? '').replace(/\s+/g, ' ').trim().toUpperCase() ===
              'GODKÄND FÖR F-SKATT',
          ),
  },
  {
    id: 'SE-R-006',
    flag: 'fatal',
    message: 'For Swedish suppliers, only standard VAT rate of 6, 12 or 25 are used',
    failures: (ctx) =>
      !swedishVatSupplier(ctx)
        ? []
        : taxCategories(ctx)
            .filter((c) => c.id === 'S')
            .filter(
              (c) =>
                ![25n, 12n, 6n].some(
                  (r) =>
                    c.percent !== null && decimalCompare(c.percent, { units: r, scale: 0 }) === 0,
                ),
            )
            .map((c) => `S ${c.percent?.units ?? '?'}`),
  },
  {
    id: 'SE-R-007',
    flag: 'warning',
    message: 'For Swedish suppliers using Plusgiro, the Account ID must be numeric ',
    failures: (ctx) => giroAccounts(ctx, 'SE:PLUSGIRO').filter((a) => !numeric(a)),
  },
  {
    id: 'SE-R-008',
    flag: 'warning',
    message: 'For Swedish suppliers using Bankgiro, the Account ID must be numeric ',
    failures: (ctx) => giroAccounts(ctx, 'SE:BANKGIRO').filter((a) => !numeric(a)),
  },
  {
    id: 'SE-R-009',
    flag: 'warning',
    message: 'For Swedish suppliers using Bankgiro, the Account ID must have 7-8 characters',
    failures: (ctx) =>
      giroAccounts(ctx, 'SE:BANKGIRO').filter((a) => a.length !== 7 && a.length !== 8),
  },
  {
    id: 'SE-R-010',
    flag: 'warning',
    message: 'For Swedish suppliers using Plusgiro, the Account ID must have 2-8 characters',
    failures: (ctx) => giroAccounts(ctx, 'SE:PLUSGIRO').filter((a) => a.length < 2 || a.length > 8),
  },
  {
    id: 'SE-R-011',
    flag: 'warning',
    message:
      'For Swedish suppliers using Swedish Bankgiro or Plusgiro, the proper way to indicate this is to use Code 30 for PaymentMeans and FinancialInstitutionBranch ID with code SE:BANKGIRO or SE:PLUSGIRO',
    failures: (ctx) =>
      swedishSupplier(ctx) ? meansCodes(ctx).filter((c) => c === '50' || c === '56') : [],
  },
  {
    id: 'SE-R-012',
    flag: 'warning',
    message:
      'For domestic transactions between Swedish trading partners, credit transfer should be indicated by PaymentMeansCode="30"',
    failures: (ctx) =>
      swedishSupplier(ctx) && ctx.customerCountry?.trim() === 'SE'
        ? meansCodes(ctx).filter((c) => c === '31')
        : [],
  },
  {
    id: 'SE-R-013',
    flag: 'warning',
    message:
      'The last digit of a Swedish organization number must be valid according to the Luhn algorithm.',
    failures: (ctx) =>
      holds(
        !swedishSupplier(ctx) ||
          legalCompanyId(ctx) === undefined ||
          isLuhnOrgnr(legalCompanyId(ctx)!.trim()),
      ),
  },
];
