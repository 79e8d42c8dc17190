// Shared by the offline and sub-path specs: serve a built site the way a static host does
// (scripts/lib/static-server.mjs) on a free port, and the checks both need.
import { expect, type Page } from '@playwright/test';
// @ts-ignore: plain ESM helper shared with the Node scripts
import { serveStatic } from '../scripts/lib/static-server.mjs';

export interface Host {
  /** Origin plus base, no trailing slash: `${host.url}/kl-divergence/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export function host(dir: string, base = '/'): Promise<Host> {
  return serveStatic({ dir, port: 0, base });
}

/** Wait until a service worker controls the page and its precache is complete (it is active). */
export async function waitForServiceWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return registration.scope;
  });
}

/** Open Starlight's search, type a query, and return the hrefs of the Pagefind results. */
export async function searchFor(page: Page, query: string): Promise<string[]> {
  await page.locator('site-search button[data-open-modal]').first().click();
  const input = page.locator('dialog[open] input[type="search"], dialog[open] .pagefind-ui__search-input').first();
  await input.fill(query);
  const results = page.locator('dialog[open] .pagefind-ui__result-link');
  await expect(results.first()).toBeVisible({ timeout: 15_000 });
  return results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
}

/** The first island on the page (or the one matching `selector`) computes (its data-ready says true) and shows no NaN. */
export async function expectFirstIslandComputes(page: Page, selector = '[data-island]'): Promise<void> {
  const island = page.locator(selector).first();
  await expect(island, `${selector} on ${page.url()}`).toBeAttached({ timeout: 30_000 });
  await island.scrollIntoViewIfNeeded();
  await expect(island.locator('xpath=descendant-or-self::*[@data-ready="true"]').first()).toBeAttached({ timeout: 90_000 });
  await expect(island).not.toContainText('NaN');
}
