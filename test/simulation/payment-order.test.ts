/**
 * Goal: after an unpaid inkassokrav, the payment-order decision — the client's, or the policy's in
 * the daily run — produces the application (underlag för ansökan om betalningsföreläggande) for
 * the client in the decision's transaction: the document on the invoice, e-mailed to the client,
 * with the respondent's identity number, capital, interest to the day and the four cost lines; a
 * task to file it; the books balanced. Without the respondent's identity number it is refused and
 * nothing is written. Method: a manual clock, one run per day, the API and the PDF read back.
 */
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/application/deliver-outbox.ts';
import { extractPdfText } from '../../src/adapters/documents/pdf-text-extract.ts';
import { addDays, calendarDate } from '../../src/domain/calendar-date.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let ask: string; // the client that decides itself
let auto: string; // the client whose policy applies for a payment order
const ids = { manual: '', noIdentity: '', noIdentityCustomer: '', automatic: '' };

const rows = [
  { description: 'Konsulttjänster januari', quantity: 8, unitPrice: 100000, vatRate: 25 },
]; // 10 000 kr incl. VAT

async function invoiceFor(key: string, name: string, identityNumber: string) {
  const customer = (
    await t.request('POST', '/v1/customers', {
      key,
      body: {
        name,
        kind: 'person',
        identityNumber,
        email: 'nils@example.se',
        address: { street: 'Byvägen 3', postalCode: '12345', city: 'Storåker' },
        reminderFeeAgreed: true,
      },
    })
  ).json();
  const invoice = (
    await t.request('POST', '/v1/invoices', {
      key,
      body: { customerId: customer.id, invoiceDate: '2026-01-15', termsDays: 30, rows },
    })
  ).json();
  const sent = await t.request('POST', `/v1/invoices/${invoice.id}/send`, { key });
  expect(sent.statusCode, sent.body).toBe(200);
  return { invoiceId: invoice.id as string, customerId: customer.id as string };
}

const get = async (key: string, url: string) => (await t.request('GET', url, { key })).json();
const invoice = (key: string, id: string) => get(key, `/v1/invoices/${id}`);
const journalCount = async () =>
  (await t.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM journal_entry'))[0]!.n;

/** The PDF attached to an e-mail document, its streams inflated and its text read back. */
function attachedPdfText(eml: string): string {
  const part = /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(eml);
  expect(part, 'a PDF attachment').not.toBeNull();
  const pdf = Buffer.from(part![1]!.replace(/\s/g, ''), 'base64');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const streams = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)];
  const inflated = streams.map((m) => {
    try {
      return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      return '';
    }
  });
  return extractPdfText(Buffer.from(inflated.join('\n'), 'latin1')).replace(/\s*\n/g, ' ');
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-01-15' });
  ask = (await t.createTenant({ email: 'ekonomi@fragar.se' })).apiKey;
  const autoTenant = await t.createTenant({ email: 'ekonomi@automat.se' });
  auto = autoTenant.apiKey;
  const policy = await t.request('PATCH', `/v1/tenants/${autoTenant.id}/policy`, {
    key: auto,
    body: { afterDemand: 'payment_order' },
  });
  expect(policy.statusCode, policy.body).toBe(200);
  ids.manual = (await invoiceFor(ask, 'Nils Nilsson', '19811218-9876')).invoiceId;
  const noId = await invoiceFor(ask, 'Olle Olsson', '121212-1212');
  ids.noIdentity = noId.invoiceId;
  ids.noIdentityCustomer = noId.customerId;
  ids.automatic = (await invoiceFor(auto, 'Nils Nilsson', '19811218-9876')).invoiceId;
  // notice 02-18, reminder 02-26, inkassokrav 03-16 payable by 03-26, decision 03-27.
  for (let d = calendarDate('2026-01-15'); d <= calendarDate('2026-03-27'); d = addDays(d, 1)) {
    const res = await t.request('POST', '/v1/collection/run', {
      key: OPERATOR_TOKEN,
      body: { date: d },
    });
    expect(res.statusCode, res.body).toBe(200);
    if (d === '2026-03-27') expect(res.json()).toMatchObject({ paymentOrders: 1, blocked: 0 });
  }
}, 120_000);
afterAll(() => t.close());

describe('the client decides on a payment order', () => {
  let documentId: string;

  it('books the costs and the interest to the day, and lists the application on the invoice', async () => {
    expect((await invoice(ask, ids.manual)).stage).toBe('awaiting_decision');
    const res = await t.request('POST', `/v1/invoices/${ids.manual}/decision`, {
      key: ask,
      body: { action: 'payment_order' },
    });
    expect(res.statusCode, res.body).toBe(200);
    // Interest: 27,40 (reminder) + 49,32 (inkassokrav) + 30,14 (03-17…03-27, 11 days at 10 %).
    expect(res.json()).toMatchObject({
      stage: 'payment_order',
      balance: { principal: 1_000_000, fees: 24_000 + 68_000, interest: 10_686 },
    });
    const inv = await invoice(ask, ids.manual);
    expect(inv.balance).toMatchObject({ interestBooked: 10_686, interestAccrued: 0 });
    const application = inv.documents.find(
      (d: { kind: string }) => d.kind === 'payment_order_application',
    );
    expect(application).toMatchObject({ channel: 'email', date: '2026-03-27', status: 'queued' });
    documentId = application.id;
    const event = inv.events.find((e: { type: string }) => e.type === 'decision_payment_order');
    expect(event).toMatchObject({
      documentId,
      amount: 68_000 + 3_014,
      detail: { kronofogdenFee: '30000', applicantCost: '38000', interest: '3014' },
    });
  });

  it('the application PDF has the identity number, capital, interest and the four cost lines', async () => {
    const res = await t.request('GET', `/v1/documents/${documentId}`, { key: ask });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('message/rfc822');
    const eml = res.body;
    expect(eml).toContain('To: ekonomi@fragar.se');
    const text = attachedPdfText(eml);
    for (const fragment of [
      'UNDERLAG FÖR ANSÖKAN OM BETALNINGSFÖRELÄGGANDE',
      'Nils Nilsson',
      '19811218-9876',
      'Kapitalbelopp (förfallet 2026-02-14), exklusive ränta och kostnader',
      '10 000,00',
      'Upplupen ränta t.o.m. 2026-03-27',
      '106,86',
      '2026-03-17 – 2026-03-27',
      '30,14',
      'Referensränta + 8 procentenheter (räntelagen 6 §)',
      'från 2026-03-28 till dess betalning sker',
      'Påminnelseavgift (lag 1981:739) 60,00',
      'Inkassoavgift (lag 1981:739) 180,00',
      'Ansökningsavgift Kronofogden 300,00',
      'Ombudsarvode / eget arbete (48 § lag 1990:746) 380,00',
      '11 026,86 kr',
      'Obetald faktura nr',
      'avseende Konsulttjänster januari',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('opens a task to file it and closes the decision task', async () => {
    const tasks = (await get(ask, '/v1/tasks')).items;
    const mine = tasks.filter((x: { invoiceId: string }) => x.invoiceId === ids.manual);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'file_payment_order', status: 'open', documentId }),
        expect.objectContaining({ kind: 'decide_after_demand', status: 'done' }),
      ]),
    );
  });

  it('goes to the client by e-mail through the outbox, never to the debtor', async () => {
    expect(await deliverOutbox(t.ctx, t.delivery)).toMatchObject({ failed: 0 });
    const inv = await invoice(ask, ids.manual);
    const application = inv.documents.find((d: { id: string }) => d.id === documentId);
    expect(application.status).toBe('delivered');
    const eml = (await t.request('GET', `/v1/documents/${documentId}`, { key: ask })).body;
    expect(eml).not.toContain('nils@example.se');
  });

  it('keeps the books balanced', async () => {
    expect((await get(ask, '/v1/ledger/reconciliation')).balanced).toBe(true);
    const tb = await get(ask, '/v1/ledger/trial-balance?date=2026-12-31');
    const sum = (side: 'debit' | 'credit') =>
      tb.reduce((s: number, r: Record<string, number>) => s + r[side]!, 0);
    expect(sum('debit')).toBe(sum('credit'));
  });
});

describe('a customer without an identity number', () => {
  it('is refused, naming the field, and nothing is written', async () => {
    const patched = await t.request('PATCH', `/v1/customers/${ids.noIdentityCustomer}`, {
      key: ask,
      body: { identityNumber: null },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const before = await invoice(ask, ids.noIdentity);
    const entries = await journalCount();
    const res = await t.request('POST', `/v1/invoices/${ids.noIdentity}/decision`, {
      key: ask,
      body: { action: 'payment_order' },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.body).toContain('customer.identityNumber');
    const after = await invoice(ask, ids.noIdentity);
    expect(after.stage).toBe('awaiting_decision');
    expect(after.balance).toEqual(before.balance);
    expect(after.documents).toEqual(before.documents);
    expect(after.events).toEqual(before.events);
    expect(await journalCount()).toBe(entries);
    const tasks = (await get(ask, '/v1/tasks?status=open')).items.filter(
      (x: { invoiceId: string }) => x.invoiceId === ids.noIdentity,
    );
    expect(tasks.map((x: { kind: string }) => x.kind)).toEqual(['decide_after_demand']);
  });
});

describe('the policy applies a payment order in the daily run', () => {
  it('produces the same application, costs, interest and task', async () => {
    const inv = await invoice(auto, ids.automatic);
    expect(inv).toMatchObject({
      stage: 'payment_order',
      balance: { fees: 24_000 + 68_000, interestBooked: 10_686 },
    });
    const application = inv.documents.find(
      (d: { kind: string }) => d.kind === 'payment_order_application',
    );
    expect(application).toMatchObject({ channel: 'email', date: '2026-03-27' });
    const event = inv.events.find((e: { type: string }) => e.type === 'decision_payment_order');
    expect(event).toMatchObject({
      date: '2026-03-27',
      documentId: application.id,
      detail: { automatic: true, interest: '3014' },
    });
    const tasks = (await get(auto, '/v1/tasks?status=open')).items;
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'file_payment_order',
        invoiceId: ids.automatic,
        documentId: application.id,
      }),
    ]);
    const eml = (await t.request('GET', `/v1/documents/${application.id}`, { key: auto })).body;
    expect(eml).toContain('To: ekonomi@automat.se');
    const text = attachedPdfText(eml);
    expect(text).toContain('19811218-9876');
    expect(text).toContain('Ansökningsavgift Kronofogden 300,00');
    expect(text).toContain('11 026,86 kr');
    expect((await get(auto, '/v1/ledger/reconciliation')).balanced).toBe(true);
  });

  it('a later run leaves the case at Kronofogden alone', async () => {
    const res = await t.request('POST', '/v1/collection/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-04-10' },
    });
    expect(res.statusCode).toBe(200);
    const inv = await invoice(auto, ids.automatic);
    expect(
      inv.documents.filter((d: { kind: string }) => d.kind === 'payment_order_application'),
    ).toHaveLength(1);
  });
});

describe('Kronofogden’s later events (today is 2026-04-10)', () => {
  const report = (type: string, date: string) =>
    t.request('POST', `/v1/invoices/${ids.manual}/payment-order/events`, {
      key: ask,
      body: { type, date },
    });

  it('records served and utslag on the timeline with Kronofogden’s dates and closes the task', async () => {
    expect((await report('served', '2026-04-02')).statusCode).toBe(200);
    const decided = await report('decided', '2026-04-09');
    expect(decided.statusCode, decided.body).toBe(200);
    const inv = await invoice(ask, ids.manual);
    expect(
      inv.events
        .filter((e: { type: string }) => e.type.startsWith('payment_order_'))
        .map((e: { type: string; date: string }) => `${e.date} ${e.type}`),
    ).toEqual(['2026-04-02 payment_order_served', '2026-04-09 payment_order_decided']);
    const open = (await get(ask, '/v1/tasks?status=open')).items.filter(
      (x: { invoiceId: string }) => x.invoiceId === ids.manual,
    );
    expect(open).toEqual([]);
  });

  it('refuses an event that cannot follow, a future date, or an invoice without a payment order', async () => {
    const after = await report('withdrawn', '2026-04-10');
    expect(after.statusCode).toBe(409);
    expect(after.body).toContain('ended: decided');
    const auto409 = await t.request('POST', `/v1/invoices/${ids.automatic}/payment-order/events`, {
      key: auto,
      body: { type: 'served', date: '2026-04-11' },
    });
    expect(auto409.statusCode).toBe(409);
    expect(auto409.body).toContain('future');
    const none = await t.request('POST', `/v1/invoices/${ids.noIdentity}/payment-order/events`, {
      key: ask,
      body: { type: 'served', date: '2026-04-02' },
    });
    expect(none.statusCode).toBe(409);
    const bad = await report('executed', '2026-04-02');
    expect(bad.statusCode).toBe(400);
  });
});
