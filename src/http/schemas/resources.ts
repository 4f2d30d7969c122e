/**
 * Request schemas for tenants, customers and invoices (api.md). The served OpenAPI document is
 * generated from these, so it cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { addressSchema, calendarDateText, MAX_ORE } from './common.ts';

export const createTenantBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisationNumber: z.string().min(10).max(13).describe('Organisationsnummer, NNNNNN-NNNN'),
  email: z.email(),
  bankgiro: z.string().max(12).optional().describe('Bankgiro number, NNN-NNNN or NNNN-NNNN'),
  payoutAccount: z.string().max(40).optional(),
  address: addressSchema.optional(),
  ocrLengthDigit: z
    .boolean()
    .optional()
    .describe('OCR references carry a length digit (default true)'),
});

const deliveryMethod = z.enum(['email', 'letter', 'einvoice']);

export const customerBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['person', 'company']),
  identityNumber: z
    .string()
    .max(20)
    .nullish()
    .describe('Personnummer/samordningsnummer or organisationsnummer'),
  email: z.string().max(254).nullish(),
  address: addressSchema.nullish(),
  deliveryMethod: deliveryMethod.optional(),
  peppolId: z.string().max(60).nullish().describe("Peppol participant id, e.g. '0007:5560360793'"),
  language: z.enum(['sv', 'en']).optional(),
  reminderFeeAgreed: z
    .boolean()
    .optional()
    .describe(
      'The customer agreed to a reminder fee no later than when the debt arose (1981:739 §2)',
    ),
});

export const customerPatchBody = customerBody.partial();

/** A paged search: customers of a client, or the operator's clients. */
export const customerListQuery = z.object({
  query: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const invoiceRowBody = z.strictObject({
  description: z.string().trim().min(1).max(500),
  quantity: z
    .number()
    .positive()
    .max(999_999_999)
    .refine((q) => /^\d+(\.\d{1,3})?$/.test(String(q)), 'at most three decimals')
    .describe('Quantity, up to three decimals'),
  unit: z.string().max(20).optional(),
  unitPrice: z.int().min(-MAX_ORE).max(MAX_ORE).describe('Unit price excluding VAT, in öre'),
  vatRate: z
    .union([z.literal(25), z.literal(12), z.literal(6), z.literal(0)])
    .describe('VAT percent'),
});

export const createInvoiceBody = z.strictObject({
  customerId: z.string().max(64),
  invoiceDate: calendarDateText,
  dueDate: calendarDateText.optional(),
  termsDays: z.int().min(0).max(365).optional(),
  deliveryMethod: deliveryMethod.optional(),
  yourReference: z.string().max(100).optional(),
  ourReference: z.string().max(100).optional(),
  rows: z.array(invoiceRowBody).min(1).max(500),
});

export const creditBody = z.strictObject({
  rows: z.array(invoiceRowBody).min(1).max(500).optional(),
});

export const invoiceListQuery = z.object({
  status: z.enum(['draft', 'sent', 'paid', 'credited', 'closed']).optional(),
  stage: z.string().max(40).optional(),
  customerId: z.string().max(64).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const asOfQuery = z.object({ asOf: calendarDateText.optional() });
export const dateQuery = z.object({ date: calendarDateText.optional() });

export type InvoiceRowBody = z.infer<typeof invoiceRowBody>;
