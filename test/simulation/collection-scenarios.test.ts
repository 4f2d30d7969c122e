/**
 * Goal: the rules of the flow that depend on the customer card and on time, each as a short
 * dated story through the API — no e-mail, e-mail added later, missing identity number, dispute,
 * midsommarafton, policy change, a missed week, and two concurrent runs. Method: one tenant per
 * story (its own policy and run days), a manual clock, the invoice timeline read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../../src/domain/calendar-date.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-01-15' });
});
afterAll(() => t.close());

const rows = [{ description: 'Tjänst', quantity: 1, unitPrice: 400000, vatRate: 25 }]; // 5 000 kr
const person = (over: Record<string, unknown> = {}) => ({
  name: 'Karin Karlsson',
  kind: 'person',
  identityNumber: '121212-1212',
  email: 'karin@example.se',
  address: { street: 'Gatan 1', postalCode: '11122', city: 'Stockholm' },
  reminderFeeAgreed: true,
  ...over,
});

async function story(customer: Record<string, unknown>, invoice: Record<string, unknown> = {}) {
  const { apiKey: key, id: tenantId } = await t.createTenant();
  const c = (await t.request('POST', '/v1/customers', { key, body: customer })).json();
  const created = await t.request('POST', '/v1/invoices', {
    key,
    body: { customerId: c.id, invoiceDate: '2026-01-15', termsDays: 30, rows, ...invoice },
  });
  expect(created.statusCode, created.body).toBe(201);
  const inv = created.json();
  const sent = await t.request('POST', `/v1/invoices/${inv.id}/send`, { key });
  expect(sent.statusCode, sent.body).toBe(200);
  const steps = async () =>
    (
      (await t.request('GET', `/v1/invoices/${inv.id}`, { key })).json().events as {
        type: string;
        date: string;
      }[]
    )
      .filter(
        (e) =>
          /_sent$|decision_due|task_|disputed|dispute_resolved/.test(e.type) && e.type !== 'sent',
      )
      .map((e) => `${e.date} ${e.type}`);
  return { key, tenantId, customerId: c.id as string, invoiceId: inv.id as string, steps };
}

/** Runs every day from the day after the clock's today through `to`. */
async function advanceTo(to: string) {
  await runThrough(addDays(t.clock.today(), 1), to);
}

async function runThrough(from: string, to: string) {
  for (let d = calendarDate(from); d <= calendarDate(to); d = addDays(d, 1)) {
    const res = await t.request('POST', '/v1/collection/run', {
      key: OPERATOR_TOKEN,
      body: { date: d },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

// The stories share one clock, so they run in date order, each on its own tenant.
describe('stories', () => {
  it('a company without e-mail gets no notice; the reminder goes by letter', async () => {
    const s = await story({
      name: 'Brev AB',
      kind: 'company',
      identityNumber: '556036-0793',
      address: { street: 'Väg 2', postalCode: '11122', city: 'Stockholm' },
    });
    const e = await story(
      person({ email: null, deliveryMethod: 'letter', identityNumber: '811218-9876' }),
    );
    const late = await story(person({ email: null, deliveryMethod: 'letter', name: 'Sen Mejl' }));
    // E-mail added after the invoice was created: still no notice for this invoice.
    await t.request('PATCH', `/v1/customers/${late.customerId}`, {
      key: late.key,
      body: { email: 'sen@example.se' },
    });
    const disputed = await story(person({ name: 'Bestrid Bengtsson' }));
    const noId = await story(person({ name: 'Utan Nummer', identityNumber: null }));
    await runThrough('2026-01-15', '2026-02-27');
    expect(await s.steps()).toEqual(['2026-02-26 reminder_sent']);
    expect(await e.steps()).toEqual(['2026-02-26 reminder_sent']);
    expect(await late.steps()).toEqual(['2026-02-26 reminder_sent']);

    // Dispute mid-flow: after the reminder the debtor disputes; nothing happens until resolved.
    expect(await disputed.steps()).toEqual(['2026-02-18 notice_sent', '2026-02-26 reminder_sent']);
    expect(
      (
        await t.request('POST', `/v1/invoices/${disputed.invoiceId}/dispute`, {
          key: disputed.key,
          body: { reason: 'Tjänsten ej utförd' },
        })
      ).statusCode,
    ).toBe(200);

    // Missing identity number: a task at the reminder, and the demand waits for it.
    expect(await noId.steps()).toEqual([
      '2026-02-18 notice_sent',
      '2026-02-26 reminder_sent',
      '2026-02-26 task_complete_identity_number',
    ]);
    await runThrough('2026-02-28', '2026-03-20');
    expect(await disputed.steps()).toEqual([
      '2026-02-18 notice_sent',
      '2026-02-26 reminder_sent',
      '2026-02-27 disputed',
    ]);
    expect((await noId.steps()).filter((x) => x.includes('collection_demand'))).toEqual([]);
    const tasks = (await t.request('GET', '/v1/tasks?status=open', { key: noId.key })).json().items;
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'complete_identity_number', invoiceId: noId.invoiceId }),
    ]);

    // The number is added on 03-20: the demand goes out on the next run, the task closes.
    await t.request('PATCH', `/v1/customers/${noId.customerId}`, {
      key: noId.key,
      body: { identityNumber: '811218-9876' },
    });
    expect(
      (
        await t.request('POST', `/v1/invoices/${disputed.invoiceId}/resolve-dispute`, {
          key: disputed.key,
        })
      ).statusCode,
    ).toBe(200);
    await runThrough('2026-03-21', '2026-03-24');
    expect((await noId.steps()).at(-1)).toBe('2026-03-23 collection_demand_sent');
    expect(
      (await t.request('GET', '/v1/tasks?status=open', { key: noId.key })).json().items,
    ).toEqual([]);
    // The resolved dispute resumes where it stood: the demand goes out on the first bank day.
    expect((await disputed.steps()).at(-1)).toMatch(/^2026-03-23 collection_demand_sent$/);
    // A disputed invoice cannot be disputed twice; a paid one not at all (409).
    expect(
      (
        await t.request('POST', `/v1/invoices/${s.invoiceId}/decision`, {
          key: s.key,
          body: { action: 'close' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('a missed week is caught up day by day: one document per day, the next counted from when the last went out', async () => {
    await advanceTo('2026-03-24');
    const s = await story(person({ name: 'Vecka Westin' }), {
      invoiceDate: '2026-03-24',
      termsDays: 10,
    });
    await runThrough('2026-03-25', '2026-03-25');
    // No runs from 03-26 until 04-20: the run for 04-20 catches up every missed day in order.
    const res = await t.request('POST', '/v1/collection/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-04-20' },
    });
    expect(res.json()).toMatchObject({ days: 26, notices: 1, reminders: 1 });
    // Due 04-03 (långfredag) → effective Tue 04-07; notice +2 → 04-09; reminder +10 → 04-17.
    expect(await s.steps()).toEqual(['2026-04-09 notice_sent', '2026-04-17 reminder_sent']);
  });

  it('a policy change mid-flow applies to the next step and is recorded on it', async () => {
    await advanceTo('2026-04-21');
    const s = await story(person({ name: 'Policy Persson' }), { invoiceDate: '2026-04-01' });
    await advanceTo('2026-05-08');
    expect((await s.steps()).some((x) => x.endsWith('notice_sent'))).toBe(true);
    const patched = await t.request('PATCH', `/v1/tenants/${s.tenantId}/policy`, {
      key: s.key,
      body: { reminderDaysAfterDue: 20 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await runThrough('2026-05-09', '2026-06-05');
    const inv = (await t.request('GET', `/v1/invoices/${s.invoiceId}`, { key: s.key })).json();
    const reminder = inv.events.find((e: { type: string }) => e.type === 'reminder_sent');
    // Due 05-01 (Friday, a holiday: första maj) → 05-04; +20 days → 05-24 (Sunday, pingstdagen) → 05-25.
    expect(reminder.date).toBe('2026-05-25');
    expect(reminder.policyVersion).toBe(2);
  });

  it('a due date on midsommarafton moves to the next bank day', async () => {
    await advanceTo('2026-06-06');
    const s = await story(person({ name: 'Midsommar Mattsson' }), {
      invoiceDate: '2026-05-20',
      dueDate: '2026-06-19',
      termsDays: undefined,
    });
    await advanceTo('2026-06-24');
    // 06-19 midsommarafton → effective Monday 06-22; notice +2 → 06-24.
    expect(await s.steps()).toEqual(['2026-06-24 notice_sent']);
  });

  it('two concurrent runs for the same date act once', async () => {
    await advanceTo('2026-06-25');
    const s = await story(person({ name: 'Samtidig Svensson' }), { invoiceDate: '2026-05-25' });
    const results = await Promise.all([
      t.request('POST', '/v1/collection/run', {
        key: OPERATOR_TOKEN,
        body: { date: '2026-06-26' },
      }),
      t.request('POST', '/v1/collection/run', {
        key: OPERATOR_TOKEN,
        body: { date: '2026-06-26' },
      }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const steps = await s.steps();
    expect(steps.filter((x) => x.endsWith('notice_sent'))).toHaveLength(1);
    const rec = (await t.request('GET', '/v1/ledger/reconciliation', { key: s.key })).json();
    expect(rec.balanced).toBe(true);
  });
});
