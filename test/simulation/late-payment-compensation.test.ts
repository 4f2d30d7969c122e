/**
 * Goal: förseningsersättning through the API, day by day: a client opts in; its company debtor
 * is charged 450 kr once — on the reminder, the first letter on or after the first interest day —
 * and no reminder or collection fee, shown on the letter as its own cost line with its legal
 * basis, booked 1510/3590 like the fees and paid first by a payment; its person debtor gets the
 * ordinary 60 + 180 kr. Method: one tenant, two invoices of 5 000 kr sent 2026-01-15, a manual
 * clock run every day to 2026-03-31, the timeline, the letter's PDF text and the books read back.
 */
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../../src/domain/calendar-date.ts';
import { extractPdfText } from '../../src/adapters/documents/pdf-text-extract.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-01-15' });
});
afterAll(() => t.close());

/** The served PDF is compressed: inflate its streams, then read the text runs back. */
function pdfText(pdf: Buffer): string {
  const streams = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)];
  const inflated = streams.map((m) => {
    try {
      return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      return '';
    }
  });
  return extractPdfText(Buffer.from(inflated.join('\n'), 'latin1'));
}

type Event = { type: string; date: string; amount: number | null; documentId: string | null };
type Detail = Record<string, string>;

describe('förseningsersättning, day by day', () => {
  let key: string;
  let tenantId: string;
  const invoices: Record<'company' | 'person', string> = { company: '', person: '' };
  const events = async (id: string) =>
    (await t.request('GET', `/v1/invoices/${id}`, { key })).json().events as (Event & {
      detail: Detail;
    })[];

  it('the client opts in; the option is validated against the interest settings', async () => {
    ({ apiKey: key, id: tenantId } = await t.createTenant());
    const policy = `/v1/tenants/${tenantId}/policy`;
    expect((await t.request('GET', policy, { key })).json().latePaymentCompensation).toBe(false);
    const refused = await t.request('PATCH', policy, {
      key,
      body: { latePaymentCompensation: true, interestNoticeOnInvoice: false },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ path: 'latePaymentCompensation', code: 'needs_interest' }),
    ]);
    const on = await t.request('PATCH', policy, { key, body: { latePaymentCompensation: true } });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ latePaymentCompensation: true, version: 2 });
  });

  it('sends one invoice to a company and one to a person', async () => {
    const customers = {
      company: {
        name: 'Kalles Plåt AB',
        kind: 'company',
        identityNumber: '556036-0793',
        address: { street: 'Industrivägen 2', postalCode: '12345', city: 'Storåker' },
        deliveryMethod: 'letter',
        reminderFeeAgreed: true,
      },
      person: {
        name: 'Karin Karlsson',
        kind: 'person',
        identityNumber: '121212-1212',
        address: { street: 'Gatan 1', postalCode: '11122', city: 'Stockholm' },
        deliveryMethod: 'letter',
        reminderFeeAgreed: true,
      },
    };
    for (const who of ['company', 'person'] as const) {
      const c = await t.request('POST', '/v1/customers', { key, body: customers[who] });
      expect(c.statusCode, c.body).toBe(201);
      const inv = await t.request('POST', '/v1/invoices', {
        key,
        body: {
          customerId: c.json().id,
          invoiceDate: '2026-01-15',
          termsDays: 30,
          rows: [{ description: 'Tjänst', quantity: 1, unitPrice: 400000, vatRate: 25 }],
        },
      });
      invoices[who] = inv.json().id;
      const sent = await t.request('POST', `/v1/invoices/${invoices[who]}/send`, { key });
      expect(sent.statusCode, sent.body).toBe(200);
    }
  });

  it('runs every day to 2026-03-31: 450 kr on the company’s reminder only', async () => {
    for (let d = calendarDate('2026-01-16'); d <= calendarDate('2026-03-31'); d = addDays(d, 1)) {
      const res = await t.request('POST', '/v1/collection/run', {
        key: OPERATOR_TOKEN,
        body: { date: d },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().blocked, d).toBe(0);
    }
    // Due Saturday 02-14 → Monday 02-16; interest from 02-17; the reminder 02-26 is the first
    // letter after it and carries the 450 kr, the inkassokrav no fee at all.
    const company = (await events(invoices.company)).filter((e) => /_sent$/.test(e.type));
    expect(company.map((e) => [e.date, e.type, e.detail.fee, e.detail.lateCompensation])).toEqual([
      ['2026-02-26', 'reminder_sent', '0', '45000'],
      ['2026-03-16', 'collection_demand_sent', '0', undefined],
    ]);
    const reminder = company[0]!;
    expect(reminder.amount).toBe(45_000 + Number(reminder.detail.interest));
    const person = (await events(invoices.person)).filter((e) => /_sent$/.test(e.type));
    expect(person.map((e) => [e.type, e.detail.fee, e.detail.lateCompensation])).toEqual([
      ['reminder_sent', '6000', undefined],
      ['collection_demand_sent', '18000', undefined],
    ]);

    const companyInvoice = (
      await t.request('GET', `/v1/invoices/${invoices.company}`, { key })
    ).json();
    expect(companyInvoice.balance.fees).toBe(45_000);
    const personInvoice = (
      await t.request('GET', `/v1/invoices/${invoices.person}`, { key })
    ).json();
    expect(personInvoice.balance.fees).toBe(24_000);
  });

  it('the letters show it as its own cost line with its legal basis, never beside 60/180', async () => {
    const company = (await events(invoices.company)).filter((e) => /_sent$/.test(e.type));
    const text = async (documentId: string) => {
      const res = await t.request('GET', `/v1/documents/${documentId}`, { key });
      expect(res.statusCode).toBe(200);
      return pdfText(res.rawPayload);
    };
    const reminder = await text(company[0]!.documentId!);
    expect(reminder).toContain('Förseningsersättning (4 a § lag 1981:739)');
    expect(reminder).toContain('450,00');
    expect(reminder).not.toContain('Påminnelseavgift');
    const demand = await text(company[1]!.documentId!);
    expect(demand).toContain('Förseningsersättning (4 a § lag 1981:739)');
    expect(demand).not.toContain('Inkassoavgift');
    expect(demand).not.toContain('Påminnelseavgift');
  });

  it('is booked on 1510/3590 like the fees, and a payment pays it first', async () => {
    const tb = (await t.request('GET', '/v1/ledger/trial-balance?date=2026-12-31', { key })).json();
    const rows = tb as { account: string; debit: number; credit: number }[];
    // 3590 holds the company's 450 kr and the person's 60 + 180 kr.
    const fees = rows.find((r) => r.account === '3590')!;
    expect(fees.credit - fees.debit).toBe(45_000 + 6_000 + 18_000);
    const paid = await t.request('POST', '/v1/payments', {
      key,
      body: { invoiceId: invoices.company, amount: 50_000, date: '2026-03-31' },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().allocations[0]).toMatchObject({ fees: 45_000 });
    const after = (await t.request('GET', `/v1/invoices/${invoices.company}`, { key })).json();
    expect(after.balance.fees).toBe(0);
    const reconciliation = (await t.request('GET', '/v1/ledger/reconciliation', { key })).json();
    expect(reconciliation.ledgerBalance).toBe(reconciliation.openInvoices);
  });
});
