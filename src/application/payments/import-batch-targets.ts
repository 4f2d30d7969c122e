/**
 * Where a chunk's payments go, with a few queries instead of one per reference. The rules stay
 * route-payment.ts's: its findTarget and referenceResolver run unchanged, against stores whose
 * lookups (client by tenant number, client record, invoice by OCR) answer from what is known. A
 * lookup not known yet is answered "none" and noted; the noted lookups are then fetched in bulk
 * (one query for the tenant numbers, one per client for its OCRs) and the payments that met one
 * are routed again, until a round meets none. Such a round saw only real answers, so it routes
 * each payment exactly as the per-payment path would.
 */
import { decodeInvoiceOcr } from '../../domain/invoicing/invoice-ocr.ts';
import type { BankPayment } from '../../domain/payments/bank-file.ts';
import { candidateReferences } from '../../domain/payments/matching.ts';
import type { TenantRecord } from '../records.ts';
import type { Stores, TenantStore } from '../stores.ts';
import { OPERATOR_SCOPE, type PaymentStore } from './payment-store.ts';
import { findTarget, referenceResolver, type PaymentTarget } from './route-payment.ts';

/** Answers of the store: the clients for the whole file, the OCRs for one chunk. */
export type Lookups = {
  readonly tenantIdByNumber: Map<bigint, string | null>;
  readonly tenants: Map<string, TenantRecord | null>;
  /** Keyed `${tenantId} ${ocr}`. */
  readonly invoiceByOcr: Map<string, string | null>;
};

export const emptyLookups = (): Lookups => ({
  tenantIdByNumber: new Map(),
  tenants: new Map(),
  invoiceByOcr: new Map(),
});

/** Lookups met but not known: fetched before the next round. */
type Unknown = {
  numbers: Set<bigint>;
  tenants: Set<string>;
  ocrs: Map<string, Set<string>>;
  /** Whether the payment being routed met one (reset per payment). */
  met: boolean;
};

/** Rounds: client number → client record → OCRs needs three; more means something is wrong. */
const MAX_ROUNDS = 8;

function knownStores(stores: Stores, known: Lookups, unknown: Unknown): Stores {
  const payments: PaymentStore = Object.assign(Object.create(stores.payments) as PaymentStore, {
    async tenantIdByNumber(tenantNumber: bigint) {
      const id = known.tenantIdByNumber.get(tenantNumber);
      if (id !== undefined) return id;
      unknown.numbers.add(tenantNumber);
      unknown.met = true;
      return null;
    },
    async invoiceIdByOcr(tenantId: string, ocr: string) {
      const id = known.invoiceByOcr.get(`${tenantId} ${ocr}`);
      if (id !== undefined) return id;
      const ocrs = unknown.ocrs.get(tenantId) ?? new Set<string>();
      unknown.ocrs.set(tenantId, ocrs.add(ocr));
      unknown.met = true;
      return null;
    },
  });
  const tenants: TenantStore = Object.assign(Object.create(stores.tenants) as TenantStore, {
    async get(tenantId: string) {
      const tenant = known.tenants.get(tenantId);
      if (tenant !== undefined) return tenant;
      unknown.tenants.add(tenantId);
      unknown.met = true;
      return null;
    },
  });
  return { ...stores, payments, tenants };
}

async function fetchUnknown(stores: Stores, known: Lookups, unknown: Unknown): Promise<void> {
  if (unknown.numbers.size > 0) {
    const numbers = [...unknown.numbers];
    const found = await stores.payments.tenantIdsByNumber(numbers);
    for (const n of numbers) known.tenantIdByNumber.set(n, found.get(n) ?? null);
  }
  for (const tenantId of unknown.tenants) {
    known.tenants.set(tenantId, await stores.tenants.get(tenantId));
  }
  for (const [tenantId, set] of unknown.ocrs) {
    const ocrs = [...set];
    const found = await stores.payments.invoiceIdsByOcr(tenantId, ocrs);
    for (const ocr of ocrs) known.invoiceByOcr.set(`${tenantId} ${ocr}`, found.get(ocr) ?? null);
  }
}

const emptyUnknown = (): Unknown => ({
  numbers: new Set(),
  tenants: new Set(),
  ocrs: new Map(),
  met: false,
});

/**
 * A guess at the OCR lookups the first round will make, fetched before it so that most payments
 * need one round: each candidate reference of each payment, at the client its tenant number
 * names (with the client's length-digit reading) in an operator file, at the importing client
 * otherwise. Only clients already known are guessed at (the first chunk finds them in rounds);
 * a wrong guess costs a lookup, never a result — the rounds decide.
 */
function guessLookups(
  scope: string,
  payments: readonly Pick<BankPayment, 'references' | 'message'>[],
  known: Lookups,
): Unknown {
  const guess = emptyUnknown();
  const note = (tenantId: string, ocr: string) => {
    if (known.invoiceByOcr.has(`${tenantId} ${ocr}`)) return;
    guess.ocrs.set(tenantId, (guess.ocrs.get(tenantId) ?? new Set<string>()).add(ocr));
  };
  for (const payment of payments) {
    const plan = candidateReferences(payment);
    for (const reference of [...plan.split, ...plan.fallback]) {
      if (scope !== OPERATOR_SCOPE) {
        note(scope, reference);
        continue;
      }
      for (const lengthDigit of [true, false]) {
        const decoded = decodeInvoiceOcr(reference, { lengthDigit });
        const tenantId = decoded === null ? null : known.tenantIdByNumber.get(decoded.tenantNumber);
        const tenant = tenantId == null ? null : known.tenants.get(tenantId);
        if (tenant != null && tenant.ocrLengthDigit === lengthDigit)
          note(tenant.tenantId, reference);
      }
    }
  }
  return guess;
}

/** findTarget for each payment (null: nothing resolves), in a few bulk queries. */
export async function findTargets(
  stores: Stores,
  scope: string,
  payments: readonly Pick<BankPayment, 'references' | 'message'>[],
  known: Lookups,
): Promise<(PaymentTarget | null)[]> {
  await fetchUnknown(stores, known, guessLookups(scope, payments, known));
  const targets: (PaymentTarget | null)[] = payments.map(() => null);
  let pending = payments.map((_, i) => i);
  for (let round = 1; pending.length > 0; round += 1) {
    if (round > MAX_ROUNDS)
      throw new Error(`references still unresolved after ${MAX_ROUNDS} rounds`);
    const unknown = emptyUnknown();
    // The resolver remembers clients, including a "none" that only meant "not known yet": after
    // a round that met an unknown client, every payment of the round is routed again.
    const resolve = referenceResolver(knownStores(stores, known, unknown), scope);
    const again: number[] = [];
    for (const i of pending) {
      unknown.met = false;
      targets[i] = await findTarget(resolve, payments[i]!);
      if (unknown.met) again.push(i);
    }
    if (again.length > 0) await fetchUnknown(stores, known, unknown);
    pending = unknown.numbers.size + unknown.tenants.size > 0 ? pending : again;
  }
  return targets;
}
