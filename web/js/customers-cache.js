/** Customer names for lists of invoices: one page of customers up front, then one by one. */
import { request } from './api.js';

const cache = new Map();
let preloaded = null;

export const rememberCustomer = (customer) => cache.set(customer.id, customer);

function preload() {
  preloaded ??= request('GET', '/v1/customers', { query: { limit: 500 } })
    .then((page) => page.items.forEach(rememberCustomer))
    .catch(() => {
      preloaded = null;
    });
  return preloaded;
}

/** Customers by id for the ids given (missing or unreadable ones are left out). */
export async function customersById(ids) {
  await preload();
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  await Promise.all(
    missing.map((id) =>
      request('GET', `/v1/customers/${id}`)
        .then(rememberCustomer)
        .catch(() => {}),
    ),
  );
  return cache;
}

/** Forget everything (after sign-out or when the list may be stale). */
export function resetCustomers() {
  cache.clear();
  preloaded = null;
}
