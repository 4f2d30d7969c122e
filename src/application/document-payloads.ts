/**
 * From records to what a document shows: the render data of an invoice or credit note, and the
 * recipient for its channel. Payment goes to the operator's bankgiro (client funds).
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { InvoiceDocumentData, Party } from '../domain/documents/document-data.ts';
import {
  computeTotals,
  formatQuantity,
  type InvoiceRow,
} from '../domain/invoicing/invoice-totals.ts';
import { daysBetween } from '../domain/calendar-date.ts';
import { addOre, subtractOre, type Ore } from '../domain/money.ts';
import { openTotal, type OpenAmounts } from '../domain/payments/allocation.ts';
import type { OperatorProfile } from './context.ts';
import type { Channel, Recipient } from './ports.ts';
import type { CreditNoteRecord, CustomerRecord, InvoiceRecord, TenantRecord } from './records.ts';

const NO_ADDRESS = { street: '', postalCode: '', city: '', country: 'SE' };

export function sellerParty(tenant: TenantRecord, operator: OperatorProfile): Party {
  return {
    kind: 'company',
    name: tenant.name,
    organisationNumber: tenant.organisationNumber.slice(-10),
    vatNumber: tenant.vatNumber ?? undefined,
    address: tenant.address ?? NO_ADDRESS,
    email: tenant.email,
    bankgiro: operator.bankgiro,
    fSkatt: tenant.fSkatt,
  };
}

export function buyerParty(customer: CustomerRecord): Party {
  const id = customer.identityNumber ?? '';
  return {
    kind: customer.kind,
    name: customer.name,
    organisationNumber: id.length === 12 ? id.slice(2) : id,
    address: customer.address ?? NO_ADDRESS,
    email: customer.email ?? undefined,
    peppolId: customer.peppolId ?? undefined,
    fSkatt: false,
  };
}

function documentRows(rows: readonly InvoiceRow[]) {
  return rows.map((r) => ({
    description: r.description,
    quantity: formatQuantity(r.quantityMilli),
    unit: r.unit,
    unitPrice: r.unitPrice,
    vatRatePercent: r.vatRate,
    net: r.net,
  }));
}

function totalsOf(rows: readonly InvoiceRow[]) {
  const totals = computeTotals(rows);
  return {
    vatBreakdown: totals.vatLines.map((l) => ({
      ratePercent: l.vatRate,
      taxable: l.taxable,
      vat: l.vat,
    })),
    totalNet: totals.net,
    totalVat: totals.vat,
    total: totals.total,
  };
}

/** The invoice clause räntelagen §4 needs for interest to run without an agreed due date. */
const interestTerms = (language: 'sv' | 'en') =>
  language === 'sv'
    ? 'Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt räntelagen.'
    : 'Late payment is charged interest under the Swedish Interest Act (räntelagen).';

/** What the customer's credit balance did to the invoice when it was sent (a CreditApplication). */
export type CreditAtSend = {
  readonly paid: OpenAmounts;
  readonly writtenOff: OpenAmounts;
  readonly remaining: OpenAmounts;
};

/** The document's credit fields: what the credit paid and what is left; none without credit. */
function creditFields(total: Ore, credit: CreditAtSend | undefined) {
  if (credit === undefined) return {};
  const applied = openTotal(credit.paid);
  const writtenOff = openTotal(credit.writtenOff);
  const amountToPay = openTotal(credit.remaining);
  // Interest booked before the credit was applied (a back-dated invoice) is owed on top.
  const charged = subtractOre(addOre(applied, writtenOff, amountToPay), total);
  return {
    creditApplied: applied,
    amountToPay,
    ...(charged === 0n ? {} : { chargedAtSend: charged }),
    ...(writtenOff === 0n ? {} : { writtenOffAtSend: writtenOff }),
  };
}

export function invoiceDocumentData(input: {
  tenant: TenantRecord;
  customer: CustomerRecord;
  invoice: InvoiceRecord & { number: bigint; ocr: string };
  operator: OperatorProfile;
  /** The customer's credit balance used on the invoice as it was sent, if any. */
  credit?: CreditAtSend | undefined;
}): InvoiceDocumentData {
  const { invoice } = input;
  return {
    kind: 'invoice',
    language: invoice.language,
    number: invoice.number.toString(),
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    ocr: invoice.ocr,
    seller: sellerParty(input.tenant, input.operator),
    buyer: buyerParty(input.customer),
    yourReference: invoice.yourReference ?? undefined,
    ourReference: invoice.ourReference ?? undefined,
    rows: documentRows(invoice.rows),
    ...totalsOf(invoice.rows),
    interestTerms: interestTerms(invoice.language),
    paymentTermsDays: daysBetween(invoice.invoiceDate, invoice.dueDate),
    ...creditFields(invoice.total, input.credit),
  };
}

export function creditNoteDocumentData(input: {
  tenant: TenantRecord;
  customer: CustomerRecord;
  invoice: InvoiceRecord & { number: bigint; ocr: string };
  note: CreditNoteRecord;
  operator: OperatorProfile;
}): InvoiceDocumentData {
  return {
    ...invoiceDocumentData(input),
    kind: 'credit_note',
    number: input.note.number.toString(),
    invoiceDate: input.note.creditDate,
    dueDate: input.note.creditDate,
    rows: documentRows(input.note.rows),
    ...totalsOf(input.note.rows),
    creditedInvoiceNumber: input.invoice.number.toString(),
    interestTerms: undefined,
    paymentTermsDays: 0,
  };
}

/** Who receives a document on a channel; the caller has checked the channel is usable. */
export function recipientFor(
  customer: CustomerRecord,
  channel: Channel,
  registeredAddress?: CustomerRecord['address'],
): Recipient {
  switch (channel) {
    case 'email':
      return { name: customer.name, email: customer.email ?? undefined };
    case 'letter':
      return { name: customer.name, address: registeredAddress ?? customer.address ?? undefined };
    case 'einvoice':
      return { name: customer.name, peppolId: customer.peppolId ?? undefined };
  }
}

export type QueueInput = {
  invoiceId: string | null;
  kind: import('./ports.ts').DocumentKind;
  channel: Channel;
  documentDate: CalendarDate;
  recipient: Recipient;
  payload: unknown;
  replacesDocumentId?: string | undefined;
};
