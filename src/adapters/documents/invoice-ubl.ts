/**
 * Peppol BIS Billing 3.0 UBL 2.1: Invoice (380) and CreditNote (381) from the same data as the
 * PDF (domain.md §11). Owns: the mapping to UBL. Must not: validate (ubl-rules.ts checks it).
 */
import type {
  InvoiceDocumentData,
  InvoiceDocumentRow,
  Party,
  VatBreakdownLine,
} from '../../domain/documents/document-data.ts';
import {
  amountDue,
  invoiceDocumentIssues,
  settledByCredit,
} from '../../domain/documents/document-data.ts';
import { formatDecimal, negateOre, subtractOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import { assert } from '../../domain/result.ts';
import { element as el, serializeXml, type XmlChild, type XmlElement } from './xml-writer.ts';

export const UBL_NAMESPACES = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

export const PEPPOL_CUSTOMIZATION_ID =
  'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
export const F_SKATT_TEXT = 'Godkänd för F-skatt';

const CURRENCY = 'SEK';
const amount = (name: string, value: Ore): XmlElement =>
  el(name, formatDecimal(value), { currencyID: CURRENCY });

/**
 * UN/ECE Recommendation 20 codes for the units our clients type. Unknown units become C62
 * ("one"), the neutral code; the printed unit stays on the PDF.
 */
const UNIT_CODES: Readonly<Record<string, string>> = {
  st: 'EA',
  'st.': 'EA',
  styck: 'EA',
  pcs: 'EA',
  ea: 'EA',
  tim: 'HUR',
  'tim.': 'HUR',
  h: 'HUR',
  timme: 'HUR',
  timmar: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  dag: 'DAY',
  dagar: 'DAY',
  day: 'DAY',
  days: 'DAY',
  mån: 'MON',
  månad: 'MON',
  month: 'MON',
  kg: 'KGM',
  g: 'GRM',
  l: 'LTR',
  m: 'MTR',
  km: 'KMT',
  m2: 'MTK',
  'm²': 'MTK',
  m3: 'MTQ',
};
export const unitCode = (unit: string | undefined): string =>
  UNIT_CODES[(unit ?? '').trim().toLowerCase()] ?? 'C62';

/**
 * 0 % in Sweden means an exempt supply (momsfri omsättning, e.g. healthcare, education,
 * letting of premises), which is EN 16931 category E with an exemption reason (BR-E-10).
 * Category Z (zero rated) is for the rare supplies taxed at 0 % with the right to deduct; the
 * invoicing domain does not tell them apart, so we choose the common case and document it.
 */
const taxCategory = (rate: number): 'S' | 'E' => (rate === 0 ? 'E' : 'S');
const DEFAULT_EXEMPTION_REASON = 'Undantagen från skatteplikt enligt mervärdesskattelagen';

function endpoint(party: Party): XmlElement {
  const match = /^(\d{4}):(.+)$/.exec(party.peppolId ?? '');
  return match
    ? el('cbc:EndpointID', match[2]!, { schemeID: match[1]! })
    : el('cbc:EndpointID', party.organisationNumber, { schemeID: '0007' });
}

function party(role: 'seller' | 'buyer', p: Party): XmlElement {
  const isSeller = role === 'seller';
  return el('cac:Party', [
    endpoint(p),
    el('cac:PartyName', [el('cbc:Name', p.name)]),
    el('cac:PostalAddress', [
      el('cbc:StreetName', p.address.street),
      el('cbc:CityName', p.address.city),
      el('cbc:PostalZone', p.address.postalCode),
      el('cac:Country', [el('cbc:IdentificationCode', p.address.country)]),
    ]),
    p.vatNumber
      ? el('cac:PartyTaxScheme', [
          el('cbc:CompanyID', p.vatNumber),
          el('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
        ])
      : null,
    // SE-R-005: a Swedish seller states its F-skatt approval as a second, non-VAT tax scheme.
    isSeller && p.fSkatt
      ? el('cac:PartyTaxScheme', [
          el('cbc:CompanyID', F_SKATT_TEXT),
          el('cac:TaxScheme', [el('cbc:ID', 'TAX')]),
        ])
      : null,
    el('cac:PartyLegalEntity', [
      el('cbc:RegistrationName', p.name),
      // A person's identity number is not a legal-entity id and does not belong in an e-invoice.
      p.kind === 'company' ? el('cbc:CompanyID', p.organisationNumber, { schemeID: '0007' }) : null,
    ]),
    p.email ? el('cac:Contact', [el('cbc:ElectronicMail', p.email)]) : null,
  ]);
}

function paymentMeans(data: InvoiceDocumentData): XmlChild {
  const bankgiro = data.seller.bankgiro;
  // Paid in full by the credit balance: no account to pay to, so nobody pays it twice.
  if (data.kind === 'credit_note' || !bankgiro || settledByCredit(data)) return null;
  return el('cac:PaymentMeans', [
    el('cbc:PaymentMeansCode', '30', { name: 'Credit transfer' }),
    el('cbc:PaymentID', data.ocr),
    el('cac:PayeeFinancialAccount', [
      el('cbc:ID', bankgiro),
      el('cac:FinancialInstitutionBranch', [el('cbc:ID', 'SE:BANKGIRO')]),
    ]),
  ]);
}

/** BR-CO-25: a positive amount due needs a due date or payment terms; a CreditNote has no DueDate. */
function paymentTerms(data: InvoiceDocumentData): XmlElement {
  if (data.kind === 'credit_note') {
    const invoice = data.creditedInvoiceNumber ?? '';
    return el('cac:PaymentTerms', [el('cbc:Note', `Avräknas mot faktura ${invoice}.`)]);
  }
  const days = `${data.paymentTermsDays} dagar netto.`;
  const note = data.interestTerms ? `${days} ${data.interestTerms}` : days;
  return el('cac:PaymentTerms', [el('cbc:Note', withCreditNote(data, note))]);
}

/** The payment terms say what the customer's credit balance paid (BT-113 is only a number). */
function withCreditNote(data: InvoiceDocumentData, note: string): string {
  const credit = data.creditApplied;
  if (credit === undefined) return note;
  const used = `${formatDecimal(credit)} SEK`;
  return settledByCredit(data)
    ? `Betald med kundens tillgodohavande (${used}). Inget att betala.`
    : `${note} Avgår kundens tillgodohavande ${used}.`;
}

function taxCategoryChildren(data: InvoiceDocumentData, rate: number): XmlChild[] {
  const category = taxCategory(rate);
  return [
    el('cbc:ID', category),
    el('cbc:Percent', String(rate)),
    category === 'E'
      ? el('cbc:TaxExemptionReason', data.vatExemptionReason ?? DEFAULT_EXEMPTION_REASON)
      : null,
    el('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
  ];
}

function taxTotal(data: InvoiceDocumentData): XmlElement {
  return el('cac:TaxTotal', [
    amount('cbc:TaxAmount', data.totalVat),
    ...data.vatBreakdown.map((line: VatBreakdownLine) =>
      el('cac:TaxSubtotal', [
        amount('cbc:TaxableAmount', line.taxable),
        amount('cbc:TaxAmount', line.vat),
        el('cac:TaxCategory', taxCategoryChildren(data, line.ratePercent)),
      ]),
    ),
  ]);
}

function monetaryTotal(data: InvoiceDocumentData): XmlElement {
  return el('cac:LegalMonetaryTotal', [
    amount('cbc:LineExtensionAmount', data.totalNet),
    amount('cbc:TaxExclusiveAmount', data.totalNet),
    amount('cbc:TaxInclusiveAmount', data.total),
    data.creditApplied === undefined ? null : amount('cbc:PrepaidAmount', data.creditApplied),
    roundingAmount(data),
    amount('cbc:PayableAmount', amountDue(data)),
  ]);
}

/**
 * BR-CO-16: PayableAmount = TaxInclusiveAmount − PrepaidAmount + PayableRoundingAmount. Interest
 * booked or a residual written off when the credit was applied (rare: a back-dated invoice, a
 * write-off threshold) has no other place among the document totals, so it goes here.
 */
function roundingAmount(data: InvoiceDocumentData): XmlElement | null {
  if (data.creditApplied === undefined) return null;
  const adjustment = subtractOre(data.chargedAtSend ?? ZERO_ORE, data.writtenOffAtSend ?? ZERO_ORE);
  return adjustment === 0n ? null : amount('cbc:PayableRoundingAmount', adjustment);
}

/**
 * BR-27 forbids a negative item price, so a discount row (negative unit price) is written as a
 * negative quantity at a positive price; the line amount is the same.
 */
function line(data: InvoiceDocumentData, row: InvoiceDocumentRow, index: number): XmlElement {
  const credit = data.kind === 'credit_note';
  const negativePrice = row.unitPrice < 0n;
  const flipped = row.quantity.startsWith('-') ? row.quantity.slice(1) : `-${row.quantity}`;
  const quantity = negativePrice ? flipped : row.quantity;
  return el(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
    el('cbc:ID', String(index + 1)),
    el(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', quantity, {
      unitCode: unitCode(row.unit),
    }),
    amount('cbc:LineExtensionAmount', row.net),
    el('cac:Item', [
      el('cbc:Name', row.description),
      el(
        'cac:ClassifiedTaxCategory',
        taxCategoryChildren(data, row.vatRatePercent).filter(
          (c) => c?.name !== 'cbc:TaxExemptionReason',
        ),
      ),
    ]),
    el('cac:Price', [
      amount('cbc:PriceAmount', negativePrice ? negateOre(row.unitPrice) : row.unitPrice),
    ]),
  ]);
}

/** The UBL document as text. Element order follows the UBL 2.1 schema, which is ordered. */
export function renderInvoiceUbl(data: InvoiceDocumentData): string {
  const issues = invoiceDocumentIssues(data);
  assert(issues.length === 0, `inconsistent invoice document: ${issues.join('; ')}`);
  const credit = data.kind === 'credit_note';
  const root = el(
    credit ? 'CreditNote' : 'Invoice',
    [
      el('cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID),
      el('cbc:ProfileID', PEPPOL_PROFILE_ID),
      el('cbc:ID', data.number),
      el('cbc:IssueDate', data.invoiceDate),
      credit ? null : el('cbc:DueDate', data.dueDate),
      el(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', credit ? '381' : '380'),
      el('cbc:DocumentCurrencyCode', CURRENCY),
      // PEPPOL-EN16931-R003 needs a buyer reference or an order reference; the invoice number
      // is the fallback that always exists.
      el('cbc:BuyerReference', data.yourReference?.trim() || data.number),
      credit
        ? el('cac:BillingReference', [
            el('cac:InvoiceDocumentReference', [el('cbc:ID', data.creditedInvoiceNumber ?? '')]),
          ])
        : null,
      el('cac:AccountingSupplierParty', [party('seller', data.seller)]),
      el('cac:AccountingCustomerParty', [party('buyer', data.buyer)]),
      data.deliveryDate
        ? el('cac:Delivery', [el('cbc:ActualDeliveryDate', data.deliveryDate)])
        : null,
      paymentMeans(data),
      paymentTerms(data),
      taxTotal(data),
      monetaryTotal(data),
      ...data.rows.map((row, i) => line(data, row, i)),
    ],
    {
      xmlns: credit ? UBL_NAMESPACES.creditNote : UBL_NAMESPACES.invoice,
      'xmlns:cac': UBL_NAMESPACES.cac,
      'xmlns:cbc': UBL_NAMESPACES.cbc,
    },
  );
  return serializeXml(root);
}

/** A file name for the access point's drop folder: "invoice-1042.xml", "credit-note-1057.xml". */
export const ublFileName = (data: InvoiceDocumentData): string =>
  `${data.kind === 'credit_note' ? 'credit-note' : 'invoice'}-${data.number.replace(/[^\w-]/g, '_')}.xml`;
