/**
 * Views: records to JSON. Amounts leave as integer öre numbers (checked safe), identity numbers
 * in their display form.
 */
import type {
  CustomerRecord,
  DocumentRecord,
  InvoiceRecord,
  TaskRecord,
  TenantRecord,
  CreditNoteRecord,
} from '../application/records.ts';
import type { InvoiceDetail } from '../application/invoices.ts';
import { formatQuantity, type InvoiceRow } from '../domain/invoicing/invoice-totals.ts';
import { addOre, oreToSafeNumber as n } from '../domain/money.ts';

export function displayIdentityNumber(normalised: string | null): string | null {
  if (normalised === null) return null;
  if (normalised.length === 12) return `${normalised.slice(0, 8)}-${normalised.slice(8)}`;
  return `${normalised.slice(0, 6)}-${normalised.slice(6)}`;
}

export const tenantView = (t: TenantRecord) => ({
  id: t.tenantId,
  number: Number(t.tenantNumber),
  name: t.name,
  organisationNumber: displayIdentityNumber(t.organisationNumber),
  vatNumber: t.vatNumber,
  email: t.email,
  bankgiro: t.bankgiro,
  payoutAccount: t.payoutAccount,
  address: t.address,
  ocrLengthDigit: t.ocrLengthDigit,
  createdAt: t.createdAt,
});

export const customerView = (c: CustomerRecord) => ({
  id: c.customerId,
  number: Number(c.customerNumber),
  name: c.name,
  kind: c.kind,
  identityNumber: displayIdentityNumber(c.identityNumber),
  email: c.email,
  address: c.address,
  deliveryMethod: c.deliveryMethod,
  peppolId: c.peppolId,
  language: c.language,
  reminderFeeAgreed: c.reminderFeeAgreed,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const rowView = (r: InvoiceRow) => ({
  description: r.description,
  quantity: Number(formatQuantity(r.quantityMilli)),
  ...(r.unit === undefined ? {} : { unit: r.unit }),
  unitPrice: n(r.unitPrice),
  vatRate: r.vatRate,
  net: n(r.net),
});

export const invoiceSummaryView = (i: InvoiceRecord) => ({
  id: i.invoiceId,
  number: i.number === null ? null : Number(i.number),
  ocr: i.ocr,
  customerId: i.customerId,
  invoiceDate: i.invoiceDate,
  dueDate: i.dueDate,
  sentDate: i.sentDate,
  deliveryMethod: i.deliveryMethod,
  status: i.status,
  stage: i.stage,
  nextActionDate: i.nextActionDate,
  disputed: i.disputed,
  net: n(i.net),
  vat: n(i.vat),
  total: n(i.total),
  credited: n(i.credited),
  balance: {
    principal: n(i.principalOpen),
    fees: n(i.feesOpen),
    interest: n(i.interestOpen),
    total: n(addOre(i.principalOpen, i.feesOpen, i.interestOpen)),
  },
  yourReference: i.yourReference,
  ourReference: i.ourReference,
  rows: i.rows.map(rowView),
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

export const creditNoteView = (c: CreditNoteRecord) => ({
  id: c.creditNoteId,
  number: Number(c.number),
  date: c.creditDate,
  net: n(c.net),
  vat: n(c.vat),
  total: n(c.total),
  rows: c.rows.map(rowView),
});

export const invoiceDetailView = (d: InvoiceDetail, asOf: string) => ({
  ...invoiceSummaryView(d.invoice),
  asOf,
  balance: {
    principal: n(d.invoice.principalOpen),
    fees: n(d.invoice.feesOpen),
    interest: n(d.interest.total),
    total: n(addOre(d.invoice.principalOpen, d.invoice.feesOpen, d.interest.total)),
    interestBooked: n(d.interest.booked),
    interestAccrued: n(d.interest.unbooked),
    ...(d.interest.unavailable === undefined
      ? {}
      : { interestUnavailable: d.interest.unavailable }),
  },
  events: d.events.map((e) => ({
    date: e.date,
    type: e.type,
    ...(e.amount === null ? {} : { amount: n(e.amount) }),
    ...(e.documentId === null ? {} : { documentId: e.documentId }),
    ...(e.policyVersion === null ? {} : { policyVersion: e.policyVersion }),
    ...(e.detail === null ? {} : { detail: e.detail }),
  })),
  creditNotes: d.creditNotes.map(creditNoteView),
  documents: d.documents.map(documentView),
});

export const documentView = (d: DocumentRecord) => ({
  id: d.documentId,
  kind: d.kind,
  channel: d.channel,
  date: d.documentDate,
  status: d.status,
  ...(d.replacesDocumentId === null ? {} : { replacesDocumentId: d.replacesDocumentId }),
  ...(d.deliveredAt === null ? {} : { deliveredAt: d.deliveredAt }),
});

export const taskView = (t: TaskRecord) => ({
  id: t.taskId,
  kind: t.kind,
  status: t.status,
  invoiceId: t.invoiceId,
  documentId: t.documentId,
  detail: t.detail,
  createdAt: t.createdAt,
});
