/**
 * The HTTP API client: fetch with the Bearer key kept in sessionStorage, JSON in and out,
 * problem+json turned into an ApiError that forms can show next to their fields.
 */
const { fetch, sessionStorage, crypto } = globalThis;

const STORAGE_KEY = 'reskontra.session';

/** { key, kind: 'tenant'|'operator', tenantId?, tenantName? } or null. */
export function getSession() {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function setSession(session) {
  if (session === null) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export class ApiError extends Error {
  /** problem: the RFC 9457 body ({type, title, status, code, detail, errors?}). */
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.code = problem?.code ?? null;
  }
}

let onUnauthorized = () => {};
/** Called when a request with the stored key answers 401 (the key was revoked or is wrong). */
export const setUnauthorizedHandler = (handler) => {
  onUnauthorized = handler;
};

/**
 * request('GET', '/v1/invoices', { query, body, key, idempotencyKey }) → parsed JSON.
 * { file, contentType } sends a File/Blob as the raw body (bank files) instead of JSON.
 * Throws ApiError for any non-2xx answer, and a TypeError-based ApiError(0) when offline.
 */
export async function request(method, path, options = {}) {
  const key = options.key ?? getSession()?.key;
  const url = new URL(path, globalThis.location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { accept: 'application/json, application/problem+json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.file !== undefined) headers['content-type'] = options.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body:
        options.file !== undefined
          ? options.file
          : options.body === undefined
            ? undefined
            : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { title: 'Offline', detail: 'Kunde inte nå servern.' });
  }
  if (options.raw && response.ok) return response;
  const text = await response.text();
  let body = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = { detail: text };
  }
  if (!response.ok) {
    if (response.status === 401 && options.key === undefined) onUnauthorized();
    throw new ApiError(response.status, body);
  }
  return body;
}

/**
 * Creates with an Idempotency-Key that stays the same while the body does: a retried submit
 * (double click, lost answer) cannot create twice; a changed body is a new request.
 */
export function idempotentPoster(path) {
  let last = { body: null, key: null };
  return (body, method = 'POST') => {
    const text = JSON.stringify(body);
    if (last.body !== text) last = { body: text, key: crypto.randomUUID() };
    return request(method, typeof path === 'function' ? path() : path, {
      body,
      idempotencyKey: last.key,
    });
  };
}

/** Resolves the kind of key: 'tenant', 'operator', or throws ApiError(401). */
export async function identifyKey(key) {
  try {
    await request('GET', '/v1/invoices', { key, query: { limit: 1 } });
    return 'tenant';
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return 'operator';
    throw error;
  }
}

/** The tenant id a key names (rk_<32 hex>_…), or null. */
export function tenantIdOfKey(key) {
  const match = /^rk_([0-9a-f]{32})_/i.exec(key ?? '');
  if (!match) return null;
  const hex = match[1].toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The signed-in client's id: from the session, else from its key. */
export const sessionTenantId = () => {
  const session = getSession();
  return session?.tenantId ?? tenantIdOfKey(session?.key);
};

/** The tenant behind a tenant key, when the key names it (rk_<32 hex>_…); else null. */
export async function tenantForKey(key) {
  const id = tenantIdOfKey(key);
  if (!id) return null;
  try {
    return await request('GET', `/v1/tenants/${id}`, { key });
  } catch {
    return null;
  }
}

let serviceTodayPromise = null;

/**
 * The service's "today" (its clock may be a manual, simulated one): read from the asOf of an
 * invoice the tenant has, cached for the session; the browser's date when there is none yet.
 */
export function serviceToday(fallback, invoiceId) {
  if (serviceTodayPromise) return serviceTodayPromise;
  const lookup = invoiceId
    ? Promise.resolve(invoiceId)
    : request('GET', '/v1/invoices', { query: { limit: 1 } }).then((p) => p.items[0]?.id);
  const attempt = lookup
    .then((id) => (id ? request('GET', `/v1/invoices/${id}`).then((i) => i.asOf) : null))
    .catch(() => null);
  serviceTodayPromise = attempt.then((today) => {
    if (today === null) serviceTodayPromise = null;
    return today ?? fallback;
  });
  return serviceTodayPromise;
}

export function resetServiceToday() {
  serviceTodayPromise = null;
}
