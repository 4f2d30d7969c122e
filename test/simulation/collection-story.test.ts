/**
 * Goal: the collection flow told as dated stories through the public API, on both databases:
 * what was sent, when, on which channel, with which fee and interest. Method: a manual clock,
 * one collection run per day (POST /v1/collection/run), the invoice timeline read back.
 * Dates are in the first half of 2026, the last half-year with a published reference rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/application/deliver-outbox.ts';
import { addDays, calendarDate } from '../../src/domain/calendar-date.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-01-15' });
  ({ apiKey: key, id: tenantId } = await t.createTenant());
});
afterAll(() => t.close());

const rows = [
  { description: 'Konsulttjänster januari', quantity: 8, unitPrice: 100000, vatRate: 25 },
]; // 10 000 kr incl. VAT

async function invoiceFor(customer: Record<string, unknown>, invoiceDate = '2026-01-15') {
  const c = (await t.request('POST', '/v1/customers', { key, body: customer })).json();
  const inv = (
    await t.request('POST', '/v1/invoices', {
      key,
      body: { customerId: c.id, invoiceDate, termsDays: 30, rows },
    })
  ).json();
  const sent = await t.request('POST', `/v1/invoices/${inv.id}/send`, { key });
  expect(sent.statusCode, sent.body).toBe(200);
  return { customerId: c.id as string, invoiceId: inv.id as string };
}

async function runDay(date: string) {
  const res = await t.request('POST', '/v1/collection/run', {
    key: OPERATOR_TOKEN,
    body: { date },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** One run per day; after every day the receivable account equals the open invoices. */
async function runThrough(from: string, to: string) {
  for (let d = calendarDate(from); d <= calendarDate(to); d = addDays(d, 1)) {
    await runDay(d);
    const rec = (await t.request('GET', '/v1/ledger/reconciliation', { key })).json();
    expect(rec.balanced, `${d}: ${JSON.stringify(rec)}`).toBe(true);
  }
}

const timeline = async (invoiceId: string, asOf?: string) =>
  (
    await t.request('GET', `/v1/invoices/${invoiceId}${asOf ? `?asOf=${asOf}` : ''}`, { key })
  ).json();

const steps = (inv: {
  events: { type: string; date: string; amount?: number; detail?: Record<string, unknown> }[];
}) =>
  inv.events
    .filter((e) =>
      /notice_sent|reminder_sent|collection_demand_sent|decision_due|task_/.test(e.type),
    )
    .map((e) => `${e.date} ${e.type}`);

describe('a person with e-mail who never pays', () => {
  let invoiceId: string;
  beforeAll(async () => {
    ({ invoiceId } = await invoiceFor({
      name: 'Nils Nilsson',
      kind: 'person',
      identityNumber: '811218-9876',
      email: 'nils@example.se',
      address: { street: 'Byvägen 3', postalCode: '12345', city: 'Storåker' },
      reminderFeeAgreed: true,
    }));
    // Day by day from the invoice date to well past the demand's due date.
    await runThrough('2026-01-15', '2026-03-31');
  });

  it('goes notice → reminder → inkassokrav → decision on the right days', async () => {
    const inv = await timeline(invoiceId);
    // Due Sat 2026-02-14 → effective Mon 02-16; notice +2 → 02-18; reminder +10 → 02-26.
    expect(steps(inv)).toEqual([
      '2026-02-18 notice_sent',
      '2026-02-26 reminder_sent',
      '2026-03-16 collection_demand_sent',
      '2026-03-27 decision_due',
    ]);
    expect(inv.stage).toBe('awaiting_decision');
  });

  it('charges 60 kr + interest at the reminder and 180 kr + interest at the demand, to the öre', async () => {
    const inv = await timeline(invoiceId, '2026-03-31');
    const reminder = inv.events.find((e: { type: string }) => e.type === 'reminder_sent');
    const demand = inv.events.find((e: { type: string }) => e.type === 'collection_demand_sent');
    // Interest from sent date + 30 days (räntelagen §4) = 02-14 … 02-26 is 13 days at 10 % on 10 000 kr.
    expect(reminder.detail).toMatchObject({ fee: '6000', channel: 'email', payBy: '2026-03-09' });
    expect(demand.detail).toMatchObject({ fee: '18000', channel: 'letter' });
    expect(Number(reminder.detail.interest)).toBeGreaterThan(0);
    expect(inv.balance.principal).toBe(1000000);
    expect(inv.balance.fees).toBe(24000);
    expect(inv.balance.interestBooked).toBe(
      Number(reminder.detail.interest) + Number(demand.detail.interest),
    );
    expect(
      inv.documents.map((d: { kind: string; channel: string }) => `${d.kind}/${d.channel}`),
    ).toEqual(['invoice/email', 'notice/email', 'reminder/email', 'collection_demand/letter']);
    const tasks = (await t.request('GET', '/v1/tasks?status=open', { key })).json().items;
    expect(tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'decide_after_demand', invoiceId })]),
    );
  });

  it('keeps the books balanced: 1510 equals the open invoices, fees on 3590, interest on 8313', async () => {
    const tb = (await t.request('GET', '/v1/ledger/trial-balance?date=2026-12-31', { key })).json();
    const sum = (side: 'debit' | 'credit') =>
      tb.reduce((s: number, r: Record<string, number>) => s + r[side]!, 0);
    expect(sum('debit')).toBe(sum('credit'));
    expect(
      tb.find((r: { account: string }) => r.account === '3590')?.credit,
    ).toBeGreaterThanOrEqual(24000);
    expect(tb.find((r: { account: string }) => r.account === '8313')?.credit).toBeGreaterThan(0);
    expect((await t.request('GET', '/v1/ledger/reconciliation', { key })).json().balanced).toBe(
      true,
    );
  });

  it('renders every queued document, and the inkassokrav states capital, interest and costs', async () => {
    expect(await deliverOutbox(t.ctx, t.delivery)).toMatchObject({ failed: 0 });
    const inv = await timeline(invoiceId);
    expect(inv.documents.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    const demand = inv.documents.find((d: { kind: string }) => d.kind === 'collection_demand');
    const pdf = await t.request('GET', `/v1/documents/${demand.id}`, { key });
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });

  it('a run for the same date again, or an earlier one, does nothing / is refused', async () => {
    const before = await t.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM journal_entry');
    const again = await runDay('2026-03-31');
    expect(again).toMatchObject({ reminders: 0, collectionDemands: 0, notices: 0 });
    const after = await t.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM journal_entry');
    expect(after[0]!.n).toBe(before[0]!.n);
    const earlier = await t.request('POST', '/v1/collection/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-01' },
    });
    expect(earlier.statusCode).toBe(409);
  });

  it('the client decides: payment order adds 300 + 380 kr; a second decision is refused', async () => {
    const res = await t.request('POST', `/v1/invoices/${invoiceId}/decision`, {
      key,
      body: { action: 'payment_order' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'payment_order', balance: { fees: 24000 + 68000 } });
    const again = await t.request('POST', `/v1/invoices/${invoiceId}/decision`, {
      key,
      body: { action: 'close' },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('policy', () => {
  it('refuses a policy outside the law, naming value and limit', async () => {
    const res = await t.request('PATCH', `/v1/tenants/${tenantId}/policy`, {
      key,
      body: { reminderFee: 7500, demandTermsDays: 5 },
    });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['reminderFee', 'demandTermsDays']));
    expect(JSON.stringify(res.json().errors)).toMatch(/6\s?000|60/);
  });

  it('versions every accepted change', async () => {
    const before = (await t.request('GET', `/v1/tenants/${tenantId}/policy`, { key })).json();
    const res = await t.request('PATCH', `/v1/tenants/${tenantId}/policy`, {
      key,
      body: { reminderDaysAfterDue: 14 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: before.version + 1, reminderDaysAfterDue: 14 });
    await t.request('PATCH', `/v1/tenants/${tenantId}/policy`, {
      key,
      body: { reminderDaysAfterDue: 10 },
    });
  });
});

describe('a reminded customer pays everything, interest to the day', () => {
  it('books interest through the payment date, pays costs, interest and capital, and leaves the flow', async () => {
    const { invoiceId } = await invoiceFor(
      {
        name: 'Petra Betalar',
        kind: 'person',
        identityNumber: '121212-1212',
        email: 'petra@example.se',
        address: { street: 'Torget 1', postalCode: '11122', city: 'Stockholm' },
        reminderFeeAgreed: true,
      },
      '2026-03-31',
    );
    await runThrough('2026-04-01', '2026-05-20');
    const before = await timeline(invoiceId, '2026-05-20');
    expect(before.stage).toBe('reminder');
    const owed = before.balance.total;
    expect(before.balance.interestAccrued).toBeGreaterThan(0);
    const paid = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId, amount: owed, date: '2026-05-20', reference: 'swish-4711' },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const after = await timeline(invoiceId, '2026-05-20');
    expect(after.status).toBe('paid');
    expect(after.balance).toMatchObject({ principal: 0, fees: 0, interest: 0, total: 0 });
    expect(after.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['interest_booked']),
    );
    await runThrough('2026-05-21', '2026-06-10');
    const later = await timeline(invoiceId);
    expect(
      later.events.filter((e: { type: string }) => e.type === 'collection_demand_sent'),
    ).toEqual([]);
    const tb = (await t.request('GET', '/v1/ledger/trial-balance?date=2026-12-31', { key })).json();
    const sum = (side: 'debit' | 'credit') =>
      tb.reduce((s: number, r: Record<string, number>) => s + r[side]!, 0);
    expect(sum('debit')).toBe(sum('credit'));
    expect((await t.request('GET', '/v1/ledger/reconciliation', { key })).json().balanced).toBe(
      true,
    );
  });
});
