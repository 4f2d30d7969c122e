/**
 * Debian's Chromium driven by playwright-core, as the browser tests start it: headless, Swedish
 * locale, a desktop viewport, and every page error or console error collected in `problems`
 * (a test ends by expecting it to be empty). Refused requests show up as "Failed to load
 * resource" and are part of the scripts, so they are not problems.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);

export async function openBrowser(problems: string[]): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--lang=sv-SE',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'sv-SE' });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
  });
  return { browser, page };
}

/** The rendered text of the first match (innerText: what a person sees), whitespace collapsed. */
export const textOf = async (page: Page, selector: string) =>
  (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
