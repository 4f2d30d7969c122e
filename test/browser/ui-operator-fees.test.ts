/**
 * Goal: the operator sets a client's fee schedule on Klienter — kronor and percent typed as a
 * person would, a value over the limit shown at its field, the saved schedule read back by the
 * API. Method: the whole app on a loopback port, Debian's Chromium driven by playwright-core.
 * Skipped when /usr/bin/chromium is missing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openBrowser, textOf } from '../support/browser.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let base: string;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  ({ id: tenantId } = await t.createTenant({ name: 'Avgiftsbolaget AB' }));
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t?.close());

describe.skipIf(!hasChromium())('the fee schedule on Klienter', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ browser, page } = await openBrowser(problems));
  });
  afterAll(() => browser?.close());

  it('loads, refuses a price over the limit at its field, and saves', async () => {
    await page.goto(base);
    await page.getByLabel('API-nyckel').fill(OPERATOR_TOKEN);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Klienter', exact: true }).waitFor();
    const form = page.locator('#fee-schedule-form');
    await form.getByLabel('Klient-ID').fill(tenantId);
    await form.getByRole('button', { name: 'Hämta' }).click();
    await expect.poll(() => form.getByLabel('Per faktura (kr)').inputValue()).toBe('0,00');

    await form.getByLabel('Per faktura (kr)').fill('100001');
    await form.getByRole('button', { name: 'Spara avgifter' }).click();
    await expect
      .poll(() => textOf(page, '[data-path="perInvoice"] .field-error'))
      .toContain('100 000 kr');

    await form.getByLabel('Per faktura (kr)').fill('5');
    await form.getByLabel('Per påminnelse (kr)').fill('10,50');
    await form.getByLabel('Per inkassokrav (kr)').fill('25');
    await form.getByLabel('Andel av inbetalt (%)').fill('2,5');
    await form.getByRole('button', { name: 'Spara avgifter' }).click();
    await expect
      .poll(
        async () =>
          (
            await t.request('GET', `/v1/tenants/${tenantId}/fees`, {
              key: OPERATOR_TOKEN,
            })
          ).json().perReminder,
      )
      .toBe(1_050);
    const saved = (
      await t.request('GET', `/v1/tenants/${tenantId}/fees`, { key: OPERATOR_TOKEN })
    ).json();
    expect(saved).toMatchObject({
      perInvoice: 500,
      perReminder: 1_050,
      perCollectionDemand: 2_500,
      collectedShareBasisPoints: 250,
    });
    expect(await form.getByLabel('Andel av inbetalt (%)').inputValue()).toBe('2,5');
    expect(problems).toEqual([]);
  });

  it('finds the client in Alla klienter and opens its fee schedule from there', async () => {
    await t.createTenant({ name: 'Annat Bolag AB' });
    await page.reload();
    await page.getByRole('heading', { name: 'Klienter', exact: true }).waitFor();
    const list = page.locator('#client-list');
    await expect.poll(() => list.locator('li').count()).toBe(2);
    await page.getByLabel('Sök klient').fill('avgifts');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expect.poll(() => list.locator('li').count()).toBe(1);
    expect(await textOf(page, '#client-list li')).toContain('Avgiftsbolaget AB');
    await list.getByRole('button', { name: 'Serviceavgifter' }).click();
    const form = page.locator('#fee-schedule-form');
    expect(await form.getByLabel('Klient-ID').inputValue()).toBe(tenantId);
    // The schedule saved by the test above is loaded.
    await expect.poll(() => form.getByLabel('Per påminnelse (kr)').inputValue()).toBe('10,50');
    expect(problems).toEqual([]);
  });
});
