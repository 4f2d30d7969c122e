/**
 * Goal: the daily payout job inside `serve` pays out once the configured Stockholm time has
 * passed, at most once a day per process, never the same money twice (also when a second
 * process or a manual run pays the same day), and a bad RESKONTRA_PAYOUT_AT stops start-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { parsePayoutTime, startDailyPayouts } from '../../src/jobs/daily-payouts.ts';
import { paymentHelpers } from '../support/payment-helpers.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
let h: ReturnType<typeof paymentHelpers>;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  ({ apiKey: key } = await t.createTenant());
  h = paymentHelpers(t, key);
});
afterAll(() => t.close());

async function pay(amount: number, date: string) {
  const inv = await h.newInvoice('Daglig Betalare AB', 10_000);
  const res = await t.request('POST', '/v1/payments', {
    key,
    body: { invoiceId: inv.id, amount, date },
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** Starts the job at a given Stockholm time, lets it tick a few times, stops it. */
async function runJob(time: string, ticks = 3) {
  const logs: string[] = [];
  const stop = startDailyPayouts(t.ctx, {
    runAt: '07:00',
    stockholmTime: () => time,
    log: (message, error) =>
      logs.push(
        error === undefined
          ? message
          : `${message}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      ),
    intervalMs: 20,
  });
  await new Promise((resolve) => setTimeout(resolve, ticks * 20 + 200));
  await stop();
  return logs;
}

const payouts = () => h.countRows('payout');

describe('the daily payout schedule', () => {
  it('does nothing before the configured time', async () => {
    await pay(12_500, '2026-03-02');
    expect(await runJob('06:59')).toEqual([]);
    expect(await payouts()).toBe(0);
    expect((await h.trialBalance()).balance('1689')).toBe(12_500);
  });

  it('pays out once after it, however often it ticks', async () => {
    const logs = await runJob('07:00', 5);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      /^payout run 2026-03-02: 1 payout\(s\), 12500 öre, file [0-9a-f-]{36}$/,
    );
    expect(await payouts()).toBe(1);
    const { balance } = await h.trialBalance();
    expect(balance('1689')).toBe(0);
    expect(balance('1930')).toBe(12_500);
  });

  it('a restart (or a second server) the same day pays nothing twice', async () => {
    const logs = await runJob('12:00');
    expect(logs).toEqual([expect.stringMatching(/0 payout\(s\), 0 öre, file none$/)]);
    expect(await payouts()).toBe(1);
  });

  it('the next day pays what arrived since, also after a manual run paid part of it', async () => {
    t.clock.set(calendarDate('2026-03-03'));
    await pay(3_000, '2026-03-03');
    const manual = await t.request('POST', '/v1/payouts/run', {
      key: OPERATOR_TOKEN,
      body: { date: '2026-03-03' },
    });
    expect(manual.json()).toMatchObject({ amount: 3_000 });
    await pay(4_000, '2026-03-03');
    const logs = await runJob('07:30');
    expect(logs).toEqual([expect.stringMatching(/1 payout\(s\), 4000 öre/)]);
    expect(await payouts()).toBe(3);
    expect((await h.trialBalance()).balance('1930')).toBe(19_500);
    await h.expectBooksBalanced();
  });

  it('RESKONTRA_PAYOUT_AT must be a 24-hour time; unset means 07:00', () => {
    expect(parsePayoutTime(undefined)).toBe('07:00');
    expect(parsePayoutTime('16:30')).toBe('16:30');
    for (const bad of ['7:00', '24:00', '16.30', 'noon']) {
      expect(() => parsePayoutTime(bad)).toThrow(/RESKONTRA_PAYOUT_AT/);
    }
  });
});
