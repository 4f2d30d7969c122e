/**
 * Shared zod schemas for the HTTP edge: money as integer öre, calendar dates, ids, pagination.
 * They validate; conversion to domain types (bigint Ore, CalendarDate) happens in the routes.
 */
import { z } from 'zod';
import { parseCalendarDate } from '../../domain/calendar-date.ts';

/** Bounds for öre amounts: ±10 billion kronor, well inside Number.MAX_SAFE_INTEGER. */
export const MAX_ORE = 1_000_000_000_000;

export const oreAmount = z
  .int()
  .min(-MAX_ORE)
  .max(MAX_ORE)
  .describe('An amount in öre (1 SEK = 100 öre), an integer');

export const calendarDateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((text) => parseCalendarDate(text).ok, 'is not a calendar date')
  .describe('A calendar date, YYYY-MM-DD (Swedish calendar day)');

export const idParam = z.object({ id: z.string().describe('Resource id (uuid)') });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

export const addressSchema = z.object({
  street: z.string().min(1).max(200),
  postalCode: z.string().min(1).max(20),
  city: z.string().min(1).max(100),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 code')
    .optional(),
});
