/** The unit of work over a Database: stores bound to one transaction, or to autocommit reads. */
import type { Database, Sql } from '../../application/ports.ts';
import type { Stores, UnitOfWork } from '../../application/stores.ts';
import { collectionStore } from './collection-store.ts';
import { customerCreditStore } from './customer-credit-store.ts';
import { customerStore } from './customer-store.ts';
import { documentStore } from './document-store.ts';
import { taskStore } from './task-store.ts';
import { idempotencyStore } from './idempotency-store.ts';
import { invoiceStore } from './invoice-store.ts';
import { ledgerStore } from './ledger-store.ts';
import { paymentStore } from './payment-store.ts';
import { referenceRateStore } from './reference-rate-store.ts';
import { numberSeriesStore, tenantStore } from './tenant-store.ts';

export function createStores(sql: Sql): Stores {
  return {
    tenants: tenantStore(sql),
    series: numberSeriesStore(sql),
    customers: customerStore(sql),
    invoices: invoiceStore(sql),
    ledger: ledgerStore(sql),
    idempotency: idempotencyStore(sql),
    documents: documentStore(sql),
    tasks: taskStore(sql),
    collection: collectionStore(sql),
    payments: paymentStore(sql),
    customerCredit: customerCreditStore(sql),
    referenceRates: referenceRateStore(sql),
  };
}

export function sqlUnitOfWork(db: Database): UnitOfWork {
  return {
    transaction: (fn) => db.transaction((tx) => fn(createStores(tx))),
    read: createStores(db),
  };
}
