/**
 * The client's account map: the BAS defaults with the client's own overrides on top.
 * Overrides are stored flat by role path ('feeIncome', 'salesByVat.25').
 */
import { defaultAccountMap, type AccountMap } from '../domain/ledger/chart-of-accounts.ts';
import type { TenantRecord } from './records.ts';

export function accountsFor(tenant: Pick<TenantRecord, 'accountOverrides'>): AccountMap {
  const o = tenant.accountOverrides;
  const pick = (path: string, fallback: string): string => o[path] ?? fallback;
  const d = defaultAccountMap;
  return {
    ...Object.fromEntries(
      Object.entries(d).map(([key, value]) => [
        key,
        typeof value === 'string' ? pick(key, value) : value,
      ]),
    ),
    salesByVat: {
      25: pick('salesByVat.25', d.salesByVat[25]),
      12: pick('salesByVat.12', d.salesByVat[12]),
      6: pick('salesByVat.6', d.salesByVat[6]),
      0: pick('salesByVat.0', d.salesByVat[0]),
    },
    outputVatByVat: {
      25: pick('outputVatByVat.25', d.outputVatByVat[25]),
      12: pick('outputVatByVat.12', d.outputVatByVat[12]),
      6: pick('outputVatByVat.6', d.outputVatByVat[6]),
    },
  } as AccountMap;
}
