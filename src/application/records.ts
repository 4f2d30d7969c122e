/**
 * Records: the shapes use cases read and write through the stores. Money is Ore, dates are
 * CalendarDate, instants are RFC 3339 strings.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { InvoiceRow, VatRate } from '../domain/invoicing/invoice-totals.ts';
import type { Ore } from '../domain/money.ts';

export type DeliveryMethod = 'email' | 'letter' | 'einvoice';
export type Language = 'sv' | 'en';
export type PostalAddress = {
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
};

export type TenantRecord = {
  readonly tenantId: string;
  /** Short global number, assigned by the database; prefixes the client's OCR references. */
  readonly tenantNumber: bigint;
  readonly name: string;
  readonly organisationNumber: string;
  readonly vatNumber: string | null;
  readonly email: string;
  readonly bankgiro: string | null;
  readonly payoutAccount: string | null;
  readonly address: PostalAddress | null;
  readonly ocrLengthDigit: boolean;
  /** Registered for F-skatt: invoices say "Godkänd för F-skatt". */
  readonly fSkatt: boolean;
  /** Overrides of the default account map, by purpose. */
  readonly accountOverrides: Readonly<Record<string, string>>;
  readonly apiKeyHash: string;
  readonly createdAt: string;
};

export type CustomerKind = 'person' | 'company';

export type CustomerRecord = {
  readonly customerId: string;
  readonly customerNumber: bigint;
  readonly name: string;
  readonly kind: CustomerKind;
  /** Normalised: 12 digits for a person, 10 for a company. Never logged. */
  readonly identityNumber: string | null;
  readonly email: string | null;
  readonly address: PostalAddress | null;
  readonly deliveryMethod: DeliveryMethod;
  readonly peppolId: string | null;
  readonly language: Language;
  /** Whether the customer agreed to the reminder fee when the debt arose (1981:739 §2). */
  readonly reminderFeeAgreed: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'credited' | 'closed';
/** The engine's stages, one word each (docs/glossary.md). */
export type { CollectionStage } from '../domain/collection/case-snapshot.ts';
import type { CollectionStage } from '../domain/collection/case-snapshot.ts';

export type InvoiceRecord = {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly number: bigint | null;
  readonly ocr: string | null;
  readonly status: InvoiceStatus;
  readonly stage: CollectionStage;
  readonly disputed: boolean;
  readonly invoiceDate: CalendarDate;
  readonly dueDate: CalendarDate;
  readonly sentDate: CalendarDate | null;
  readonly deliveryMethod: DeliveryMethod;
  readonly language: Language;
  readonly yourReference: string | null;
  readonly ourReference: string | null;
  readonly customerEmailAtCreation: string | null;
  readonly net: Ore;
  readonly vat: Ore;
  readonly total: Ore;
  readonly credited: Ore;
  readonly principalOpen: Ore;
  readonly feesOpen: Ore;
  readonly interestOpen: Ore;
  readonly nextActionDate: CalendarDate | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly rows: readonly InvoiceRow[];
};

export type CreditNoteRecord = {
  readonly creditNoteId: string;
  readonly invoiceId: string;
  readonly number: bigint;
  readonly creditDate: CalendarDate;
  readonly net: Ore;
  readonly vat: Ore;
  readonly total: Ore;
  readonly createdAt: string;
  readonly rows: readonly InvoiceRow[];
};

export type InvoiceEventRecord = {
  readonly seq: number;
  readonly date: CalendarDate;
  readonly type: string;
  readonly amount: Ore | null;
  readonly documentId: string | null;
  readonly policyVersion: number | null;
  readonly detail: Readonly<Record<string, unknown>> | null;
};

export type TrialBalanceRow = {
  readonly account: string;
  readonly debit: Ore;
  readonly credit: Ore;
};

export type { VatRate };

export type DocumentStatus =
  'queued' | 'delivered' | 'failed' | 'unconfirmed' | 'bounced' | 'returned';

export type DocumentRecord = {
  readonly documentId: string;
  readonly invoiceId: string | null;
  readonly kind: import('./ports.ts').DocumentKind;
  readonly channel: import('./ports.ts').Channel;
  readonly documentDate: CalendarDate;
  readonly recipient: import('./ports.ts').Recipient;
  readonly payload: unknown;
  readonly status: DocumentStatus;
  readonly replacesDocumentId: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
};

export type TaskKind =
  | 'email_bounced'
  | 'letter_returned'
  | 'delivery_failed'
  | 'delivery_unconfirmed'
  | 'complete_identity_number'
  | 'complete_registered_address'
  | 'decide_after_demand'
  /** File the payment-order application (document attached to the task) with Kronofogden. */
  | 'file_payment_order';

export type TaskRecord = {
  readonly taskId: string;
  readonly kind: TaskKind;
  readonly invoiceId: string | null;
  readonly documentId: string | null;
  readonly status: 'open' | 'done';
  readonly detail: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
};
