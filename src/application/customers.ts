/**
 * Use cases for customers (the client's debtors): create, read, update, search.
 * Identity numbers are validated and stored normalised; they never reach a log.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import { parseIdentityNumber } from '../domain/identity-number.ts';
import { err, ok, type FieldIssue, type Result } from '../domain/result.ts';
import { runUseCase, type AppContext } from './context.ts';
import { invalidInput, useCaseError, type UseCaseError } from './errors.ts';
import type {
  CustomerKind,
  CustomerRecord,
  DeliveryMethod,
  Language,
  PostalAddress,
} from './records.ts';
import type { Page, Stores } from './stores.ts';

export type CustomerInput = {
  readonly name: string;
  readonly kind: CustomerKind;
  readonly identityNumber?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly address?: PostalAddress | null | undefined;
  readonly deliveryMethod?: DeliveryMethod | undefined;
  readonly peppolId?: string | null | undefined;
  readonly language?: Language | undefined;
  readonly reminderFeeAgreed?: boolean | undefined;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PEPPOL_ID = /^\d{4}:[A-Za-z0-9._-]{1,50}$/;

/** Swedish postal codes are five digits, written 'NNN NN'. */
function normalisePostalCode(address: PostalAddress): string | null {
  if (address.country !== 'SE') return address.postalCode.trim();
  const digits = address.postalCode.replace(/\s/g, '');
  return /^\d{5}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3)}` : null;
}

type Normalised = Omit<CustomerRecord, 'customerId' | 'customerNumber' | 'createdAt' | 'updatedAt'>;

export function normaliseCustomer(
  input: CustomerInput,
  today: CalendarDate,
): Result<Normalised, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (input.name.trim() === '')
    issues.push({ path: 'name', code: 'name_empty', message: 'must not be empty' });
  let identityNumber: string | null = null;
  if (input.identityNumber != null && input.identityNumber.trim() !== '') {
    const parsed = parseIdentityNumber(input.identityNumber, input.kind, today);
    if (parsed.ok) identityNumber = parsed.value.normalised;
    else {
      const what =
        input.kind === 'person' ? 'personnummer or samordningsnummer' : 'organisationsnummer';
      issues.push({ path: 'identityNumber', code: parsed.error, message: `not a valid ${what}` });
    }
  }
  const email = input.email == null || input.email.trim() === '' ? null : input.email.trim();
  if (email !== null && !EMAIL.test(email)) {
    issues.push({ path: 'email', code: 'email_invalid', message: 'not an e-mail address' });
  }
  let address: PostalAddress | null = null;
  if (input.address != null) {
    const country = (input.address.country || 'SE').toUpperCase();
    const postalCode = normalisePostalCode({ ...input.address, country });
    if (postalCode === null) {
      issues.push({
        path: 'address.postalCode',
        code: 'postal_code_invalid',
        message: 'a Swedish postal code has five digits',
      });
    }
    if (input.address.street.trim() === '') {
      issues.push({ path: 'address.street', code: 'street_empty', message: 'must not be empty' });
    }
    if (input.address.city.trim() === '') {
      issues.push({ path: 'address.city', code: 'city_empty', message: 'must not be empty' });
    }
    address = {
      street: input.address.street.trim(),
      postalCode: postalCode ?? '',
      city: input.address.city.trim(),
      country,
    };
  }
  const peppolId = input.peppolId == null || input.peppolId === '' ? null : input.peppolId.trim();
  if (peppolId !== null && !PEPPOL_ID.test(peppolId)) {
    issues.push({
      path: 'peppolId',
      code: 'peppol_id_invalid',
      message: "expected 'scheme:identifier', e.g. '0007:5560360793'",
    });
  }
  const deliveryMethod = input.deliveryMethod ?? (email !== null ? 'email' : 'letter');
  issues.push(...channelIssues({ deliveryMethod, email, address, peppolId }, 'deliveryMethod'));
  if (issues.length > 0) return err(issues);
  return ok({
    name: input.name.trim(),
    kind: input.kind,
    identityNumber,
    email,
    address,
    deliveryMethod,
    peppolId,
    language: input.language ?? 'sv',
    reminderFeeAgreed: input.reminderFeeAgreed ?? false,
  });
}

/** What a delivery method needs from the customer card; also checked again at send time. */
export function channelIssues(
  c: Pick<CustomerRecord, 'deliveryMethod' | 'email' | 'address' | 'peppolId'>,
  path: string,
): FieldIssue[] {
  switch (c.deliveryMethod) {
    case 'email':
      return c.email === null
        ? [{ path, code: 'email_missing', message: 'delivery by e-mail needs an e-mail address' }]
        : [];
    case 'letter':
      return c.address === null
        ? [{ path, code: 'address_missing', message: 'delivery by letter needs a postal address' }]
        : [];
    case 'einvoice':
      return c.peppolId === null
        ? [{ path, code: 'peppol_id_missing', message: 'e-invoice delivery needs a Peppol id' }]
        : [];
  }
}

export async function createCustomer(
  ctx: AppContext,
  tenantId: string,
  input: CustomerInput,
): Promise<Result<CustomerRecord, UseCaseError>> {
  const normalised = normaliseCustomer(input, ctx.clock.today());
  if (!normalised.ok) return err(invalidInput(normalised.error));
  return runUseCase(ctx.uow, async (stores) => {
    const now = ctx.clock.now();
    const customer: CustomerRecord = {
      ...normalised.value,
      customerId: ctx.ids.newId(),
      customerNumber: await stores.series.take(tenantId, 'customer'),
      createdAt: now,
      updatedAt: now,
    };
    await stores.customers.insert(tenantId, customer);
    return ok(customer);
  });
}

export async function getCustomer(
  ctx: AppContext,
  tenantId: string,
  customerId: string,
): Promise<Result<CustomerRecord, UseCaseError>> {
  const customer = await ctx.uow.read.customers.get(tenantId, customerId);
  return customer === null
    ? err(useCaseError('customer_not_found', `no customer ${customerId}`))
    : ok(customer);
}

/** A PATCH: fields left out keep their value; null clears an optional field. */
export async function updateCustomer(
  ctx: AppContext,
  tenantId: string,
  customerId: string,
  patch: Partial<CustomerInput>,
): Promise<Result<CustomerRecord, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    const current = await stores.customers.get(tenantId, customerId);
    if (current === null)
      return err(useCaseError('customer_not_found', `no customer ${customerId}`));
    const merged: CustomerInput = {
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      identityNumber:
        patch.identityNumber === undefined ? current.identityNumber : patch.identityNumber,
      email: patch.email === undefined ? current.email : patch.email,
      address: patch.address === undefined ? current.address : patch.address,
      deliveryMethod: patch.deliveryMethod ?? current.deliveryMethod,
      peppolId: patch.peppolId === undefined ? current.peppolId : patch.peppolId,
      language: patch.language ?? current.language,
      reminderFeeAgreed: patch.reminderFeeAgreed ?? current.reminderFeeAgreed,
    };
    const normalised = normaliseCustomer(merged, ctx.clock.today());
    if (!normalised.ok) return err(invalidInput(normalised.error));
    const updated: CustomerRecord = { ...current, ...normalised.value, updatedAt: ctx.clock.now() };
    await stores.customers.update(tenantId, updated);
    await wakeWaitingInvoices(ctx, stores, tenantId, current, updated);
    return ok(updated);
  });
}

export function searchCustomers(
  ctx: AppContext,
  tenantId: string,
  options: { query?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<CustomerRecord>> {
  return ctx.uow.read.customers.search(tenantId, options);
}

/**
 * An inkassokrav waits for the debtor's identity number (and registered address). When the card
 * gains them, the waiting invoices are looked at again on the next run and the task is closed.
 */
async function wakeWaitingInvoices(
  ctx: AppContext,
  stores: Stores,
  tenantId: string,
  before: CustomerRecord,
  after: CustomerRecord,
): Promise<void> {
  const gainedId = before.identityNumber === null && after.identityNumber !== null;
  const gainedAddress = before.address === null && after.address !== null;
  if (!gainedId && !gainedAddress) return;
  const now = ctx.clock.now();
  for (const invoiceId of await stores.collection.invoicesWaitingOnCustomer(
    tenantId,
    after.customerId,
  )) {
    if (gainedId)
      await stores.tasks.closeKind(tenantId, invoiceId, 'complete_identity_number', now);
    if (gainedAddress)
      await stores.tasks.closeKind(tenantId, invoiceId, 'complete_registered_address', now);
    await stores.collection.updateCase(
      tenantId,
      invoiceId,
      { nextActionDate: ctx.clock.today() },
      now,
    );
  }
}
