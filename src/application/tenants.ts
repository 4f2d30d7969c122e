/**
 * Use cases for clients (tenants): the operator creates one and receives its API key once;
 * only the key's hash is stored.
 */
import type { CalendarDate } from '../domain/calendar-date.ts';
import { parseIdentityNumber } from '../domain/identity-number.ts';
import { validBankgiro } from '../domain/payments/bankgiro.ts';
import { err, ok, type FieldIssue, type Result } from '../domain/result.ts';
import type { AppContext } from './context.ts';
import { runUseCase } from './context.ts';
import { invalidInput, type UseCaseError } from './errors.ts';
import type { PostalAddress, TenantRecord } from './records.ts';
import type { Page } from './stores.ts';

export type CreateTenantInput = {
  readonly name: string;
  readonly organisationNumber: string;
  readonly email: string;
  readonly bankgiro?: string | undefined;
  readonly payoutAccount?: string | undefined;
  readonly address?: PostalAddress | undefined;
  readonly ocrLengthDigit?: boolean | undefined;
  readonly fSkatt?: boolean | undefined;
};

export function validateTenant(
  input: CreateTenantInput,
  today: CalendarDate,
): Result<{ organisationNumber: string; bankgiro: string | null }, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const orgnr = parseIdentityNumber(input.organisationNumber, 'company', today);
  if (!orgnr.ok) {
    issues.push({
      path: 'organisationNumber',
      code: orgnr.error,
      message: 'not a valid organisationsnummer',
    });
  }
  const bankgiro = input.bankgiro === undefined ? null : input.bankgiro.replace(/[\s-]/g, '');
  if (bankgiro !== null && !validBankgiro(bankgiro)) {
    issues.push({
      path: 'bankgiro',
      code: 'bankgiro_invalid',
      message: 'not a valid bankgiro number (7–8 digits, check digit)',
    });
  }
  if (!orgnr.ok || issues.length > 0) return err(issues);
  return ok({ organisationNumber: orgnr.value.normalised, bankgiro });
}

export async function createTenant(
  ctx: AppContext,
  input: CreateTenantInput,
): Promise<Result<{ tenant: TenantRecord; apiKey: string }, UseCaseError>> {
  const valid = validateTenant(input, ctx.clock.today());
  if (!valid.ok) return err(invalidInput(valid.error));
  const tenantId = ctx.ids.newId();
  const { key, hash } = ctx.keys.newApiKey(tenantId);
  const orgnr = valid.value.organisationNumber;
  const fields: Omit<TenantRecord, 'tenantNumber'> = {
    tenantId,
    name: input.name.trim(),
    organisationNumber: orgnr,
    vatNumber: orgnr.length === 10 ? `SE${orgnr}01` : null,
    email: input.email,
    bankgiro: valid.value.bankgiro,
    payoutAccount: input.payoutAccount ?? null,
    address: input.address ?? null,
    ocrLengthDigit: input.ocrLengthDigit ?? true,
    fSkatt: input.fSkatt ?? true,
    accountOverrides: {},
    apiKeyHash: hash,
    createdAt: ctx.clock.now(),
  };
  return runUseCase(ctx.uow, async (stores) => {
    const tenantNumber = await stores.tenants.insert(fields);
    return ok({ tenant: { ...fields, tenantNumber }, apiKey: key });
  });
}

/** Resolves a presented API key to its tenant, or null. Constant-time on the hash. */
export async function authenticateTenantKey(
  ctx: AppContext,
  key: string,
): Promise<TenantRecord | null> {
  const match = /^rk_([0-9a-f]{32})_[A-Za-z0-9_-]{20,}$/.exec(key);
  if (!match) return null;
  const hex = match[1]!;
  const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const tenant = await ctx.uow.read.tenants.get(tenantId);
  if (tenant === null || !ctx.keys.matches(key, tenant.apiKeyHash)) return null;
  return tenant;
}

/** The operator's list of clients, by tenant number (paged). */
export function searchTenants(
  ctx: AppContext,
  options: { query?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<TenantRecord>> {
  return ctx.uow.read.tenants.search(options);
}
