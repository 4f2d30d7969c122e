/**
 * Goal: a run that needs a referensränta nobody has published refuses (blocked, with the reason
 * reference_rate_not_published) and goes on once the operator publishes it — at the published
 * rate — and the publication rules hold through the API. Method: one invoice played day by day
 * with a manual clock from 2026-06-03 (the built-in table ends 2026-06-30); its reminder falls on
 * Monday 2026-07-13, so it needs July's rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../../src/domain/calendar-date.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-06-03' });
});
afterAll(() => t.close());

const op = { key: OPERATOR_TOKEN };
const run = async (date: string) => {
  const res = await t.request('POST', '/v1/collection/run', { ...op, body: { date } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const publish = (validFrom: string, body: Record<string, unknown>) =>
  t.request('PUT', `/v1/operator/reference-rates/${validFrom}`, { ...op, body });

describe('the operator publishes the referensränta', () => {
  let key: string;
  let invoiceId: string;
  const events = async () =>
    (await t.request('GET', `/v1/invoices/${invoiceId}`, { key })).json().events as {
      type: string;
      date: string;
      amount: number | null;
      detail: Record<string, unknown> | null;
    }[];

  it('the table lists the built-in rows and what to publish next', async () => {
    const res = await t.request('GET', '/v1/operator/reference-rates', op);
    expect(res.statusCode).toBe(200);
    const table = res.json();
    expect(table.knownThrough).toBe('2026-06-30');
    expect(table.nextValidFrom).toBe('2026-07-01');
    expect(table.rows.at(-1)).toEqual({
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
      referenceRateBasisPoints: 200,
      lateInterestRateBasisPoints: 1000,
      source: 'built_in',
      publishedBy: null,
      publishedAt: null,
      note: null,
      revision: null,
    });
    const tenant = await t.createTenant();
    const asTenant = await t.request('GET', '/v1/operator/reference-rates', { key: tenant.apiKey });
    expect(asTenant.statusCode).toBe(403);
  });

  it('runs until the reminder, which needs July’s rate, is blocked day after day', async () => {
    const tenant = await t.createTenant();
    key = tenant.apiKey;
    const customer = (
      await t.request('POST', '/v1/customers', {
        key,
        body: {
          name: 'Karin Karlsson',
          kind: 'person',
          identityNumber: '121212-1212',
          email: 'karin@example.se',
          address: { street: 'Gatan 1', postalCode: '11122', city: 'Stockholm' },
          reminderFeeAgreed: true,
        },
      })
    ).json();
    const created = await t.request('POST', '/v1/invoices', {
      key,
      body: {
        customerId: customer.id,
        invoiceDate: '2026-06-03',
        termsDays: 30,
        rows: [{ description: 'Tjänst', quantity: 1, unitPrice: 400000, vatRate: 25 }],
      },
    });
    invoiceId = created.json().id;
    expect((await t.request('POST', `/v1/invoices/${invoiceId}/send`, { key })).statusCode).toBe(
      200,
    );
    // Due Friday 07-03; interest from 07-04 (sent + 30 = 07-03, but not before the day after due).
    for (let d = calendarDate('2026-06-04'); d <= calendarDate('2026-07-12'); d = addDays(d, 1)) {
      expect((await run(d)).blocked, d).toBe(0);
    }
    expect((await events()).map((e) => `${e.date} ${e.type}`)).toContain('2026-07-06 notice_sent');
    for (const d of ['2026-07-13', '2026-07-14', '2026-07-15']) {
      const summary = await run(d);
      expect(summary.blocked, d).toBe(1);
      expect(summary.blockedReasons).toEqual({ reference_rate_not_published: 1 });
      expect(summary.reminders).toBe(0);
    }
    expect((await events()).some((e) => e.type === 'reminder_sent')).toBe(false);
    // The timeline does not guess either: it says why the accrued interest is missing.
    const detail = (
      await t.request('GET', `/v1/invoices/${invoiceId}?asOf=2026-07-15`, { key })
    ).json();
    expect(detail.balance.interestAccrued).toBe(0);
    expect(detail.balance.interestUnavailable).toContain('2026-07-01');
    // So does the preview.
    const preview = (
      await t.request('GET', '/v1/collection/preview?date=2026-07-16', { key })
    ).json();
    expect(preview.items).toEqual([
      expect.objectContaining({
        invoiceId,
        decision: {
          kind: 'blocked',
          reason: 'reference_rate_not_published',
          validFrom: '2026-07-01',
        },
        blocked: expect.objectContaining({
          code: 'reference_rate_not_published',
          validFrom: '2026-07-01',
        }),
      }),
    ]);
  });

  it('refuses what is not safe to publish, naming the field', async () => {
    const notHalfYear = await publish('2026-07-02', { referenceRateBasisPoints: 150 });
    expect(notHalfYear.statusCode).toBe(422);
    expect(notHalfYear.json().errors).toEqual([
      expect.objectContaining({ path: 'validFrom', code: 'not_half_year_start' }),
    ]);
    const odd = await publish('2026-07-01', { referenceRateBasisPoints: 175 });
    expect(odd.statusCode).toBe(422);
    expect(odd.json().errors[0]).toMatchObject({
      path: 'referenceRateBasisPoints',
      code: 'not_half_percentage_point',
    });
    const gap = await publish('2027-01-01', { referenceRateBasisPoints: 150 });
    expect(gap.statusCode).toBe(422);
    expect(gap.json().errors[0]).toMatchObject({ path: 'validFrom', code: 'not_next_half_year' });
    const builtIn = await publish('2026-01-01', { referenceRateBasisPoints: 250 });
    expect(builtIn.statusCode).toBe(409);
    const fraction = await publish('2026-07-01', { referenceRateBasisPoints: 1.5 });
    expect(fraction.statusCode).toBe(400);
    const asTenant = await t.request('PUT', '/v1/operator/reference-rates/2026-07-01', {
      key,
      body: { referenceRateBasisPoints: 150 },
    });
    expect(asTenant.statusCode).toBe(403);
    const table = (await t.request('GET', '/v1/operator/reference-rates', op)).json();
    expect(table.knownThrough).toBe('2026-06-30');
  });

  it('publishing July’s rate lets the next run take the step, at the published rate', async () => {
    // First a typo, corrected while nothing has used it.
    const typo = await publish('2026-07-01', { referenceRateBasisPoints: 1500 });
    expect(typo.statusCode, typo.body).toBe(201);
    expect(typo.json()).toMatchObject({ outcome: 'added', knownThrough: '2026-12-31' });
    const fixed = await publish('2026-07-01', {
      referenceRateBasisPoints: 150,
      note: 'Riksbanken 2026-06-30',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({
      outcome: 'corrected',
      rate: {
        validFrom: '2026-07-01',
        validTo: '2026-12-31',
        referenceRateBasisPoints: 150,
        lateInterestRateBasisPoints: 950,
        source: 'operator',
        publishedBy: 'operator',
        note: 'Riksbanken 2026-06-30',
        revision: 2,
      },
      nextValidFrom: '2027-01-01',
    });
    expect(fixed.json().rate.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // A run of a finished day changes nothing; the next day's run takes the blocked step.
    expect(await run('2026-07-15')).toMatchObject({ days: 0, blocked: 0, reminders: 0 });
    const summary = await run('2026-07-16');
    expect(summary).toMatchObject({ blocked: 0, reminders: 1, blockedReasons: {} });
    const reminder = (await events()).find((e) => e.type === 'reminder_sent')!;
    expect(reminder.date).toBe('2026-07-16');
    // 5 000 kr × (1.50 % + 8) × 13 days (07-04…07-16) / 365 = 16.92 kr.
    expect(reminder.detail?.interest).toBe('1692');
  });

  it('a rate that has been used can no longer be corrected; the same value is fine', async () => {
    const late = await publish('2026-07-01', { referenceRateBasisPoints: 200 });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('has been used');
    const same = await publish('2026-07-01', {
      referenceRateBasisPoints: 150,
      note: 'Riksbanken 2026-06-30',
    });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ outcome: 'unchanged', rate: { revision: 2 } });
  });
});
