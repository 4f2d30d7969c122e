/**
 * Goal: the screens after sending work against the real API — a client decides on an unpaid
 * inkassokrav from Uppgifter (seeing the 300 + 380 kr a payment order costs), disputes, resolves
 * and pauses an invoice, imports Bankgirot's BgMax sample (and sees a broken file refused with
 * its line and field), matches a waiting payment by hand from the suggestions, registers a manual
 * payment, and has a policy change refused with the legal limit under the field; the operator
 * previews and runs the collection run and the payout run.
 * Method: the whole app in-process on a loopback port with a manual clock (the collection run
 * moves it), Debian's Chromium driven by playwright-core. Skipped when /usr/bin/chromium is
 * missing. With RESKONTRA_UI_SCREENSHOTS=<dir> it also saves screenshots of the new screens.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BGMAX_FIXTURES } from '../support/payment-helpers.ts';
import { hasChromium, openBrowser, textOf } from '../support/browser.ts';
import { createTestApp, OPERATOR_TOKEN, type TestApp } from '../support/test-app.ts';

const SCREENSHOTS = process.env.RESKONTRA_UI_SCREENSHOTS;
/** 1234550 → "12 345,50 kr", as the UI writes öre. */
const kr = (ore: number) => {
  const digits = String(ore).padStart(3, '0');
  return `${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${digits.slice(-2)} kr`;
};
const fixture = (name: string) => fileURLToPath(new URL(name, BGMAX_FIXTURES));

let t: TestApp;
let base: string;
let key: string;
let tenantId: string;
const ids = { nils: '', fjall: '', kalle: '', kalleOcr: '' };

async function api(method: string, url: string, body?: unknown, auth = key) {
  const res = await t.request(method, url, { key: auth, ...(body === undefined ? {} : { body }) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function sentInvoice(customer: object, invoiceDate: string, rows: object[]) {
  const c = await api('POST', '/v1/customers', customer);
  const inv = await api('POST', '/v1/invoices', {
    customerId: c.id,
    invoiceDate,
    termsDays: 30,
    ourReference: 'Maria Lind',
    rows,
  });
  return api('POST', `/v1/invoices/${inv.id}/send`);
}

/**
 * Nils never pays his January invoice: after a run through March it awaits the client's
 * decision. Two more invoices are sent on the run's last day: one to dispute, and one of exactly
 * 1 000 kr to Kalles Plåt AB, which pays it in Bankgirot's sample file without a usable OCR.
 */
async function seed() {
  const nils = await sentInvoice(
    {
      name: 'Nils Nilsson',
      kind: 'person',
      identityNumber: '811218-9876',
      email: 'nils@example.se',
      address: { street: 'Byvägen 3', postalCode: '123 45', city: 'Storåker' },
      reminderFeeAgreed: true,
    },
    '2026-01-15',
    [{ description: 'Konsulttjänster januari', quantity: 8, unitPrice: 100000, vatRate: 25 }],
  );
  ids.nils = nils.id;
  await api('POST', '/v1/collection/run', { date: '2026-03-31' }, OPERATOR_TOKEN);
  const fjall = await sentInvoice(
    {
      name: 'Fjällstugan i Åre AB',
      kind: 'company',
      identityNumber: '556036-0793',
      email: 'ekonomi@fjallstugan.se',
      address: { street: 'Årevägen 44', postalCode: '837 52', city: 'Åre' },
    },
    '2026-03-31',
    [
      { description: 'Logi, dubbelrum', quantity: 3, unitPrice: 149000, vatRate: 12 },
      { description: 'Skidhyra', quantity: 2, unitPrice: 45000, vatRate: 25 },
    ],
  );
  ids.fjall = fjall.id;
  const kalle = await sentInvoice(
    {
      name: 'Kalles Plåt AB',
      kind: 'company',
      identityNumber: '556036-0793',
      email: 'faktura@kallesplat.se',
      address: { street: 'Industrivägen 2', postalCode: '123 45', city: 'Storåker' },
    },
    '2026-03-31',
    [{ description: 'Service, hängrännor', quantity: 1, unitPrice: 80000, vatRate: 25 }],
  );
  ids.kalle = kalle.id;
  ids.kalleOcr = kalle.ocr;
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-01-15' });
  ({ apiKey: key, id: tenantId } = await t.createTenant({
    name: 'Norrsken Fastighetsservice AB',
    address: { street: 'Sveavägen 21', postalCode: '111 34', city: 'Stockholm' },
  }));
  await seed();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t?.close());

describe.skipIf(!hasChromium())('collection and payment screens in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ browser, page } = await openBrowser(problems));
  });
  afterAll(() => browser?.close());

  const text = (selector: string) => textOf(page, selector);

  /** A screenshot of the page as it is now, without a toast or the pointer in the way. */
  async function shot(name: string) {
    if (!SCREENSHOTS) return;
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.mouse.move(1390, 10);
    await page.evaluate("document.getElementById('toast')?.classList.remove('visible')");
    // The whole page in one viewport, so the sticky sidebar stays where it belongs.
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    await page.setViewportSize({ width: 1400, height: Math.max(900, height) });
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SCREENSHOTS, name) });
    await page.setViewportSize({ width: 1400, height: 900 });
  }

  async function signIn(withKey: string, home: string) {
    await page.goto(base);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await page.getByLabel('API-nyckel').fill(withKey);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: home, exact: true }).waitFor();
  }

  const invoiceOf = (id: string) => api('GET', `/v1/invoices/${id}`);

  it('decides on an unpaid inkassokrav from Uppgifter, with the payment order costs shown', async () => {
    await signIn(key, 'Fakturor');
    await page.getByRole('link', { name: 'Uppgifter' }).click();
    const task = page.locator('.task-card[data-kind="decide_after_demand"]');
    await task.waitFor();
    expect(await text('.task-card')).toContain('Beslut efter obetalt inkassokrav');
    expect(await text('.task-card .task-invoice')).toMatch(/^Faktura \d+$/);
    const paymentOrder = await text('.decision-choice[data-action="payment_order"]');
    expect(paymentOrder).toContain('300,00 kr');
    expect(paymentOrder).toContain('380,00 kr');
    expect(paymentOrder).toContain('680,00 kr');
    expect(await text('.decision-choice[data-action="surveillance"]')).toContain('var 6:e månad');
    const before = await invoiceOf(ids.nils);
    expect(await text('.decision-choice[data-action="close"]')).toContain(kr(before.balance.total));
    await shot('ui-tasks.png');

    // Nothing chosen: the form says so; then a payment order.
    await task.getByRole('button', { name: 'Bekräfta beslut' }).click();
    await expect
      .poll(() => text('[data-path="action"] .field-error'))
      .toBe('Välj ett av alternativen');
    await task.getByText('Betalningsföreläggande', { exact: true }).click();
    await task.getByRole('button', { name: 'Bekräfta beslut' }).click();
    // The decision task gives way to the task to file the application with Kronofogden.
    await page.locator('.task-card[data-kind="file_payment_order"]').waitFor();
    expect(await text('.task-card')).toContain('Ansök om betalningsföreläggande hos Kronofogden');
    const after = await invoiceOf(ids.nils);
    expect(after.stage).toBe('payment_order');
    expect(after.balance.fees).toBe(before.balance.fees + 68000);

    // The invoice shows the stage and the decision with its costs in the timeline.
    await page.goto(`${base}/#/fakturor/${ids.nils}`);
    await page.locator('#collection-card').waitFor();
    expect(await text('#collection-stage')).toBe('Betalningsföreläggande');
    expect(await text('#invoice-timeline')).toContain('Beslut: betalningsföreläggande');
    expect(await text('#invoice-timeline')).toContain('Kronofogdens avgift 300,00 kr');
    expect(await text('#invoice-timeline')).toContain('Inkassokrav skickat');
    await shot('ui-invoice-collection.png');
  });

  it('disputes an invoice, resolves the dispute and pauses collection with an end date', async () => {
    await page.goto(`${base}/#/fakturor/${ids.fjall}`);
    await page.locator('#dispute-invoice').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Registrera bestridande' }).click();
    await expect
      .poll(() => text('dialog [data-path="reason"] .field-error'))
      .toBe('Måste fyllas i');
    await dialog.getByLabel('Kundens skäl').fill('Skidorna levererades aldrig.');
    await dialog.getByRole('button', { name: 'Registrera bestridande' }).click();
    await page.locator('#dispute-state').waitFor();
    expect(await text('#dispute-state')).toContain('Skidorna levererades aldrig.');
    expect(await text('.page-header')).toContain('Bestriden');
    expect(await text('#invoice-timeline')).toContain('Bestriden av kunden');
    expect((await invoiceOf(ids.fjall)).disputed).toBe(true);
    await shot('ui-invoice-dispute.png');

    await page.locator('#resolve-dispute').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Lös bestridande' }).click();
    await page.locator('#dispute-invoice').waitFor();
    expect(await page.locator('#dispute-state').count()).toBe(0);
    expect((await invoiceOf(ids.fjall)).disputed).toBe(false);

    await page.getByRole('button', { name: 'Pausa' }).click();
    const pause = page.getByRole('dialog');
    await pause.getByLabel('Pausa till och med').fill('2026-03-01');
    await pause.getByLabel('Anledning').fill('Avbetalningsplan i tre delar');
    await pause.getByRole('button', { name: 'Pausa' }).click();
    await expect
      .poll(() => text('dialog [data-path="until"] .field-error'))
      .toBe('Pausen måste sluta i dag eller senare');
    await pause.getByLabel('Pausa till och med').fill('2026-05-15');
    await pause.getByRole('button', { name: 'Pausa' }).click();
    await page.locator('#pause-state').waitFor();
    expect(await text('#pause-state')).toContain('Pausad till och med 2026-05-15');
    expect(await text('#invoice-timeline')).toContain('Avbetalningsplan i tre delar');
  });

  it('imports the BgMax sample, refuses a broken file by line and field, and matches by hand', async () => {
    await page.getByRole('link', { name: 'Betalningar' }).click();
    await page.getByRole('heading', { name: 'Betalningar', exact: true }).waitFor();
    await page.locator('#payments-table, #payments-card-empty, .empty-state').first().waitFor();

    // A file whose deposit total disagrees with its payments: refused whole, naming line and field.
    await page.locator('#bank-file').setInputFiles(fixture('broken-deposit-amount.txt'));
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.locator('#import-refusal').waitFor();
    expect(await text('#import-refusal')).toContain('Filen lästes inte in');
    expect(await text('#import-refusal')).toContain('Rad 23, TK15.amount');

    await page.locator('#bank-file').setInputFiles(fixture('bankgirot-example-three-sections.txt'));
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.locator('#import-result').waitFor();
    expect(await text('#import-result')).toContain('9 poster');
    expect(await text('#import-result [data-figure="matched"]')).toBe('0 matchade');
    expect(await text('#import-result [data-figure="unmatched"]')).toBe('9 att matcha');
    const suggestion = page.locator(`.suggestion[data-invoice="${ids.kalle}"]`).first();
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toContain('Kalles Plåt AB');
    expect(await text('#queue-count')).toBe('9');
    await shot('ui-payments.png');

    // The 1 000 kr from Kalles Plåt AB, by the suggestion (exact amount and name).
    const item = page.locator('.queue-item').filter({ hasText: 'ref 655969' });
    expect(await item.innerText()).toContain('1 000,00 kr');
    const paymentId = await item.getAttribute('data-id');
    await item
      .locator(`.suggestion[data-invoice="${ids.kalle}"]`)
      .getByRole('button', { name: 'Matcha' })
      .click();
    await expect.poll(() => text('#queue-count')).toBe('8');
    await page
      .locator(`#payments-table tr[data-id="${paymentId}"][data-status="matched"]`)
      .waitFor();
    expect(await text(`#payments-table tr[data-id="${paymentId}"]`)).toContain('Manuellt');
    const kalle = await invoiceOf(ids.kalle);
    expect(kalle.status).toBe('paid');
    expect(kalle.balance.total).toBe(0);

    // The same file again: refused, nothing booked twice.
    await page.locator('#bank-file').setInputFiles(fixture('bankgirot-example-three-sections.txt'));
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.locator('#import-refusal').waitFor();
    expect(await text('#import-refusal')).toContain('redan inläst');

    // A manual payment: a bad amount is named under its field, then 100,50 kr by OCR.
    const fjall = await invoiceOf(ids.fjall);
    await page.getByLabel('OCR-nummer').fill(fjall.ocr);
    await page.getByLabel('Belopp (kr)').fill('100,505');
    await page.getByRole('button', { name: 'Registrera betalning' }).click();
    await expect
      .poll(() => text('[data-path="amount"] .field-error'))
      .toContain('Ange ett belopp i kronor');
    await page.getByLabel('Belopp (kr)').fill('1 100,50');
    await page.getByLabel('Betalningsdag').fill('2026-03-31');
    await page.getByRole('button', { name: 'Registrera betalning' }).click();
    await page.locator('#payments-table tbody tr', { hasText: '1 100,50 kr' }).waitFor();
    expect((await invoiceOf(ids.fjall)).balance.principal).toBe(fjall.balance.principal - 110050);
  });

  it('refuses a policy outside the law with value and limit under the field, then saves', async () => {
    await page.getByRole('link', { name: 'Inkassoinställningar' }).click();
    await page.locator('#policy-form').waitFor();
    expect(await page.getByLabel('Påminnelseavgift').inputValue()).toBe('60,00');
    await page.getByLabel('Påminnelseavgift').fill('75');
    await page.getByLabel('Betalningstid på inkassokravet').fill('5');
    await page.getByLabel('Påslag på referensräntan').fill('9');
    await page.getByRole('button', { name: 'Spara inställningar' }).click();
    await expect
      .poll(() => text('[data-path="reminderFee"] .field-error'))
      .toBe('75,00 kr är mer än tillåtna 60,00 kr (lagens tak, 4 § 1 p. lag (1981:739))');
    expect(await text('[data-path="demandTermsDays"] .field-error')).toContain(
      '5 dagar är utanför 8–60 dagar (god inkassosed',
    );
    expect(await text('[data-path="interest.marginPercent"] .field-error')).toContain(
      '9 % är utanför 0 %–8 %',
    );
    await shot('ui-policy.png');
    const unchanged = await api('GET', `/v1/tenants/${tenantId}/policy`);
    expect(unchanged.version).toBe(1);

    await page.getByLabel('Påminnelseavgift').fill('50');
    await page.getByLabel('Betalningstid på inkassokravet').fill('12');
    await page.getByLabel('Påslag på referensräntan').fill('8');
    await page.getByLabel('Bevakning: nytt krav efter').fill('12');
    await page.getByRole('button', { name: 'Spara inställningar' }).click();
    await expect.poll(() => text('.policy-version')).toBe('Version 2');
    expect(await api('GET', `/v1/tenants/${tenantId}/policy`)).toMatchObject({
      version: 2,
      reminderFee: 5000,
      demandTermsDays: 12,
      surveillanceIntervalMonths: 12,
      interest: { kind: 'statutory', marginPercent: 8 },
    });
  });

  it('lets the operator preview and run the collection run, and run the payouts', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await signIn(OPERATOR_TOKEN, 'Klienter');
    await page.getByRole('link', { name: 'Körningar' }).click();
    const run = page.locator('#collection-run-form');
    await run.getByLabel('Till och med').fill('2026-05-20');
    await run.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.locator('#preview-table').waitFor();
    expect(await text('#preview-table')).toContain('Avisering');
    await run.getByRole('button', { name: 'Kör', exact: true }).click();
    await page.locator('#run-result').waitFor();
    expect(await text('#run-result')).toContain('Körd till och med 2026-05-20');
    expect(await text('#run-result [data-count="notices"]')).toBe('1 Aviseringar');

    const payout = page.locator('#payout-run-form');
    await payout.getByLabel('Till och med').fill('2026-05-20');
    await payout.getByRole('button', { name: 'Kör utbetalning' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Kör utbetalning' }).click();
    await page.locator('#payout-result').waitFor();
    expect(await text('#payout-result')).toContain('1 utbetalning på sammanlagt 2 100,50 kr');
    expect(await text('#payout-table')).toContain('Bankgiro');
    await page.getByRole('button', { name: 'Hämta pain.001-fil' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Hämta pain.001-fil' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xml$/);

    // The referensränta table, and the next half-year published with its source.
    await page.locator('#reference-rates').waitFor();
    expect(await text('#reference-rates')).toContain('2026-01-01');
    const rates = page.locator('#reference-rate-form');
    await rates.getByLabel('Referensränta (%)').fill('2,2x');
    await rates.getByRole('button', { name: 'Publicera' }).click();
    await expect
      .poll(() => text('[data-path="referenceRateBasisPoints"] .field-error'))
      .toContain('Ange räntan i procent');
    expect(await rates.getByLabel('Gäller från').inputValue()).toBe('2026-07-01');
    await rates.getByLabel('Referensränta (%)').fill('2,50');
    await rates.getByLabel('Källa').fill('Riksbanken 2026-06-30');
    await rates.getByRole('button', { name: 'Publicera' }).click();
    // Six weeks ahead is too early: the rate is fixed at the turn of the half-year.
    await expect
      .poll(() => text('[data-path="validFrom"] .field-error'))
      .toContain('högst 14 dagar i förväg');
    await run.getByLabel('Till och med').fill('2026-06-22');
    await run.getByRole('button', { name: 'Kör', exact: true }).click();
    await page.locator('#run-result', { hasText: '2026-06-22' }).waitFor();
    await rates.getByRole('button', { name: 'Publicera' }).click();
    await page.locator('#reference-rates tr', { hasText: '2026-07-01' }).waitFor();
    expect(await text('#reference-rates tbody tr')).toContain('10,50 %');
    await shot('ui-runs.png');
    expect(problems).toEqual([]);
  });
});
