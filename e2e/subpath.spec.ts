// Hosting under a sub-path (issue 10): the build made with SITE_BASE=/course/ (scripts/test.mjs puts
// it in dist-course/), served only under /course/ (anything outside it is a 404), has every link,
// asset, the search and the service worker under the prefix.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DIST, collectConsoleErrors, listPages } from './helpers';
import { expectFirstIslandComputes, host, searchFor, waitForServiceWorker } from './site-host';

const BASE = '/course/';
const SUBPATH_DIST = path.resolve(DIST, '..', 'dist-course');
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 240_000 });

test(`every page works from ${BASE}: links, assets, search, service worker`, async ({ page }) => {
  if (!existsSync(path.join(SUBPATH_DIST, 'index.html'))) {
    throw new Error(`${SUBPATH_DIST} not found: build it with SITE_BASE=${BASE} npx astro build --outDir dist-course (npm test does)`);
  }
  const site = await host(SUBPATH_DIST, BASE);
  try {
    const { errors } = collectConsoleErrors(page); // any 404 (an asset or page outside /course/) fails
    const pages = listPages(SUBPATH_DIST);
    const linked = new Set<string>();
    for (const pagePath of pages) {
      const response = await page.goto(`${site.url}${pagePath}`);
      expect(response?.status(), pagePath).toBe(200);
      await page.waitForLoadState('networkidle');
      // Every same-origin URL the page names (links, stylesheets, scripts, images), as resolved.
      const refs = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('a[href], link[href], script[src], img[src]')]
          .map((e) => new URL(e.getAttribute('href') ?? e.getAttribute('src') ?? '', location.href))
          .filter((u) => u.origin === location.origin)
          .map((u) => u.pathname),
      );
      const outside = refs.filter((u) => !u.startsWith(BASE));
      expect(outside, `URLs outside ${BASE} on ${pagePath}`).toEqual([]);
      for (const u of refs) if (!u.startsWith(`${BASE}_astro/`)) linked.add(u);
    }
    // Every internal link and asset named on any page answers under the prefix.
    for (const u of linked) {
      const status = (await page.request.get(`${site.origin}${u}`)).status();
      expect(status, u).toBe(200);
    }
    await page.goto(`${site.url}/kl-divergence/`);
    await expectFirstIslandComputes(page);
    const hits = await searchFor(page, 'Gibbs');
    expect(hits.length).toBeGreaterThan(0);
    for (const href of hits) expect(href.startsWith(`${BASE}`), href).toBe(true);
    expect(await waitForServiceWorker(page)).toBe(`${site.url}/`);
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    expect(precached).toContain(`${BASE}kl-divergence/index.html`);
    expect(precached.filter((u) => !u.startsWith(BASE))).toEqual([]);
    expect(errors, errors.join('\n')).toEqual([]);
  } finally {
    await site.close();
  }
});
