/**
 * Goal: the batched dispatcher keeps every guarantee per message — in one batch some messages
 * fail and others succeed, each with its own state, attempt row, event and task; backoff ends in
 * 'failed' after 8 attempts; a dispatcher whose lease was taken over records nothing; two
 * dispatchers at once deliver each message once. Method: e-mail through a channel that fails for
 * chosen documents and remembers what it sent; the dispatcher is called directly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deliverOutbox,
  MAX_ATTEMPTS,
  RETRY_SECONDS,
  type DeliveryDeps,
} from '../../src/application/deliver-outbox.ts';
import { delivered } from '../../src/application/outbox/finished-attempts.ts';
import type {
  DeliveryChannel,
  OutgoingDocument,
  RenderedDocument,
} from '../../src/application/ports.ts';
import { createTestApp, person, type TestApp } from '../support/test-app.ts';

/** Fails for the documents in `failing`; counts every document it accepted. */
class ChosenFailures implements DeliveryChannel {
  readonly failing = new Set<string>();
  readonly sent: string[] = [];
  deliver(doc: OutgoingDocument, _rendered: RenderedDocument): Promise<void> {
    if (this.failing.has(doc.documentId)) return Promise.reject(new Error('451 mailbox busy'));
    this.sent.push(doc.documentId);
    return Promise.resolve();
  }
  wasDelivered(): Promise<'unknown'> {
    return Promise.resolve('unknown');
  }
}

let t: TestApp;
let key: string;
let tenantId: string;
let email: ChosenFailures;
let deps: DeliveryDeps;
let customerNo = 0;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  ({ apiKey: key, id: tenantId } = await t.createTenant());
});
afterAll(() => t.close());
beforeEach(async () => {
  await deliverOutbox(t.ctx, t.delivery); // Nothing left over from the previous test.
  email = new ChosenFailures();
  deps = { ...t.delivery, channels: { ...t.delivery.channels, email } };
});

async function sendEmailInvoice(): Promise<{ invoiceId: string; documentId: string }> {
  customerNo += 1;
  const c = (
    await t.request('POST', '/v1/customers', {
      key,
      body: { ...person, name: `Kund ${customerNo}`, email: `kund${customerNo}@example.se` },
    })
  ).json();
  const inv = (
    await t.request('POST', '/v1/invoices', {
      key,
      body: {
        customerId: c.id,
        invoiceDate: '2026-03-02',
        rows: [{ description: 'Konsulttimmar', quantity: 2, unitPrice: 100000, vatRate: 25 }],
      },
    })
  ).json();
  expect((await t.request('POST', `/v1/invoices/${inv.id}/send`, { key })).statusCode).toBe(200);
  const detail = (await t.request('GET', `/v1/invoices/${inv.id}`, { key })).json();
  return { invoiceId: inv.id, documentId: detail.documents[0].id };
}

type MessageRow = { state: string; attempts: number; last_error: string | null; due: string };

async function message(documentId: string): Promise<MessageRow> {
  const rows = await t.db.query<MessageRow>(
    `SELECT state, attempts, last_error, to_char(next_attempt_at AT TIME ZONE 'UTC', 'HH24:MI:SS') AS due
       FROM outbox_message WHERE document_id = $1`,
    [documentId],
  );
  return rows[0]!;
}

const outcomes = async (documentId: string) =>
  (
    await t.db.query<{ outcome: string | null }>(
      'SELECT outcome FROM delivery_attempt WHERE document_id = $1 ORDER BY attempt_no',
      [documentId],
    )
  ).map((r) => r.outcome);

const eventsOf = async (invoiceId: string) =>
  (
    await t.db.query<{ seq: number; type: string; document_id: string | null }>(
      'SELECT seq, type, document_id FROM invoice_event WHERE invoice_id = $1 ORDER BY seq',
      [invoiceId],
    )
  ).map((e) => ({ seq: Number(e.seq), type: e.type, documentId: e.document_id }));

const openTasks = async (documentId: string) =>
  (
    await t.db.query<{ kind: string }>(
      `SELECT kind FROM task WHERE document_id = $1 AND status = 'open' ORDER BY kind`,
      [documentId],
    )
  ).map((r) => r.kind);

describe('a batch', () => {
  it('records each message on its own: some delivered, some retried with backoff', async () => {
    const sent = [];
    for (let i = 0; i < 6; i += 1) sent.push(await sendEmailInvoice());
    const [bad1, bad2] = [sent[1]!, sent[4]!];
    email.failing.add(bad1.documentId).add(bad2.documentId);

    const report = await deliverOutbox(t.ctx, deps);
    expect(report).toEqual({ delivered: 4, retried: 2, failed: 0, recovered: 0, unconfirmed: 0 });

    for (const s of sent) {
      const failed = s === bad1 || s === bad2;
      const m = await message(s.documentId);
      expect(m.state).toBe(failed ? 'pending' : 'delivered');
      expect(m.attempts).toBe(1);
      expect(await outcomes(s.documentId)).toEqual([failed ? 'error' : 'delivered']);
      const delivery = (await eventsOf(s.invoiceId)).filter((e) => e.type.startsWith('document_'));
      expect(delivery).toEqual(
        failed
          ? []
          : [expect.objectContaining({ type: 'document_delivered', documentId: s.documentId })],
      );
      if (failed) expect(m.last_error).toContain('451 mailbox busy');
    }
    const now = new Date(t.ctx.clock.now()).getTime();
    const due = new Date(now + RETRY_SECONDS[0] * 1000).toISOString().slice(11, 19);
    expect((await message(bad1.documentId)).due).toBe(due);
    const detail = (await t.request('GET', `/v1/invoices/${bad1.invoiceId}`, { key })).json();
    expect(detail.documents[0].status).toBe('queued');

    email.failing.clear();
    expect((await deliverOutbox(t.ctx, deps)).delivered).toBe(0); // Not due yet.
    t.clock.advanceSeconds(RETRY_SECONDS[0] + 1);
    expect(await deliverOutbox(t.ctx, deps)).toMatchObject({ delivered: 2, retried: 0 });
    expect(email.sent.toSorted()).toEqual(sent.map((s) => s.documentId).toSorted());
    expect(await outcomes(bad2.documentId)).toEqual(['error', 'delivered']);
  });

  it('continues an invoice’s timeline for two of its documents delivered together', async () => {
    const { invoiceId } = await sendEmailInvoice();
    const credit = await t.request('POST', `/v1/invoices/${invoiceId}/credit`, { key, body: {} });
    expect(credit.statusCode, credit.body).toBe(201);
    const before = await eventsOf(invoiceId);
    expect((await deliverOutbox(t.ctx, deps)).delivered).toBe(2);
    const after = await eventsOf(invoiceId);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
    expect(after.slice(before.length).map((e) => e.type)).toEqual([
      'document_delivered',
      'document_delivered',
    ]);
  });

  it(`gives a message up after ${MAX_ATTEMPTS} attempts: failed, with an event and a task`, async () => {
    const { invoiceId, documentId } = await sendEmailInvoice();
    email.failing.add(documentId);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      expect(await deliverOutbox(t.ctx, deps)).toMatchObject({ retried: 1, failed: 0 });
      expect(await openTasks(documentId)).toEqual([]);
      t.clock.advanceSeconds(RETRY_SECONDS[attempt - 1]! + 1);
    }
    expect(await deliverOutbox(t.ctx, deps)).toMatchObject({ retried: 0, failed: 1 });
    expect(await message(documentId)).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(await outcomes(documentId)).toEqual(Array(MAX_ATTEMPTS).fill('error'));
    expect(await openTasks(documentId)).toEqual(['delivery_failed']);
    expect((await eventsOf(invoiceId)).at(-1)).toMatchObject({ type: 'document_failed' });
    const detail = (await t.request('GET', `/v1/invoices/${invoiceId}`, { key })).json();
    expect(detail.documents[0].status).toBe('failed');
    t.clock.advanceSeconds(8 * 3600); // (ManualClock keeps to the day: 06:00 + ~16 h here.)
    expect(await deliverOutbox(t.ctx, deps)).toMatchObject({ retried: 0, failed: 0 });
  });
});

describe('leases', () => {
  it('a dispatcher whose lease was taken over records nothing when it finishes late', async () => {
    const { invoiceId, documentId } = await sendEmailInvoice();
    const [claimed] = await t.ctx.uow.transaction((s) =>
      s.documents.claimDue(t.ctx.clock.now(), 60, 1),
    );
    expect(claimed!.document.documentId).toBe(documentId);
    t.clock.advanceSeconds(120);
    expect(await deliverOutbox(t.ctx, deps)).toMatchObject({ unconfirmed: 1, delivered: 0 });
    expect(email.sent).toEqual([]); // Never resent.
    expect(await openTasks(documentId)).toEqual(['delivery_unconfirmed']);
    // The first dispatcher wakes up and reports its send: too late, nothing changes.
    const late = delivered(t.ctx, claimed!.document, claimed!.attempt).record;
    const recorded = await t.ctx.uow.transaction((s) =>
      s.documents.finishAttempts([late], t.ctx.clock.now()),
    );
    expect(recorded).toEqual([]);
    expect(await message(documentId)).toMatchObject({ state: 'unconfirmed', attempts: 1 });
    expect((await eventsOf(invoiceId)).map((e) => e.type)).not.toContain('document_delivered');
    expect(await outcomes(documentId)).toEqual(['unconfirmed']);
  });

  it('two dispatchers at once deliver every message exactly once', async () => {
    const sent = [];
    for (let i = 0; i < 12; i += 1) sent.push((await sendEmailInvoice()).documentId);
    const reports = await Promise.all([
      deliverOutbox(t.ctx, deps, { limit: 5 }),
      deliverOutbox(t.ctx, deps, { limit: 5 }),
      deliverOutbox(t.ctx, deps, { limit: 5 }),
    ]);
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(12);
    expect(email.sent.toSorted()).toEqual(sent.toSorted());
    const rows = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM delivery_attempt WHERE tenant_id = $1 AND document_id = ANY($2::uuid[])`,
      [tenantId, sent],
    );
    expect(Number(rows[0]!.n)).toBe(12);
  });
});
