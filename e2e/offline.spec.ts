// Offline and updates (issue 10): after one visit the whole course works with the network off, and a
// rebuild never leaves an open tab with a page whose scripts are gone.
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DIST, collectConsoleErrors, listPages } from './helpers';
import { expectFirstIslandComputes, host, searchFor, waitForServiceWorker, type Host } from './site-host';
// @ts-ignore: plain ESM helper shared with the Astro integration
import { buildServiceWorker } from '../scripts/lib/service-worker.mjs';

const PAGES = listPages();
// Its chunk is the one the next build changes.
const ISLAND = '[data-island="discrete-kl"]';
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial', timeout: 300_000 });

test('after one visit every page, island and the search work offline', async ({ context, page }) => {
  const site = await host(DIST);
  let closed = false;
  try {
    await page.goto(`${site.url}/`);
    expect(await waitForServiceWorker(page)).toBe(`${site.url}/`);
    // No network at all from here: the browser is offline and the server is gone.
    await context.setOffline(true);
    await site.close();
    closed = true;
    const { errors } = collectConsoleErrors(page);
    for (const pagePath of PAGES) {
      const response = await page.goto(`${site.url}${pagePath}`);
      expect(response?.status(), pagePath).toBe(200);
      expect(response?.fromServiceWorker(), `${pagePath} from the service worker`).toBe(true);
      await expect(page.locator('main h1').first()).toBeVisible();
      if ((await page.locator('[data-island]').count()) > 0) await expectFirstIslandComputes(page);
    }
    const hits = await searchFor(page, 'ELBO');
    expect(hits.some((href) => href.includes('/variational-inference/')), hits.join(', ')).toBe(true);
    expect(errors, errors.join('\n')).toEqual([]);
  } finally {
    if (!closed) await site.close();
  }
});

/**
 * The next build, made from this one: one island chunk's content changes (so it gets a new hashed
 * name, and the old file is deleted, as a real rebuild does), a page gets a marker, and sw.js is
 * generated again with the same Workbox options as the build.
 */
async function nextBuild(from: string): Promise<{ dir: string; oldChunk: string; newChunk: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ld-next-build-'));
  cpSync(from, dir, { recursive: true });
  const astro = path.join(dir, '_astro');
  const oldChunk = readdirSync(astro).find((f) => /^DiscreteKlIsland\..+\.js$/.test(f));
  if (!oldChunk) throw new Error('no DiscreteKlIsland chunk in the build');
  const newChunk = oldChunk.replace(/\.[^.]+\.js$/, '.nextbuild.js');
  writeFileSync(path.join(astro, newChunk), `${readFileSync(path.join(astro, oldChunk), 'utf8')}\n// next build\n`);
  rmSync(path.join(astro, oldChunk));
  const rewrite = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) rewrite(file);
      else if (/\.(html|js)$/.test(entry.name)) {
        const text = readFileSync(file, 'utf8');
        let next = text.split(oldChunk).join(newChunk);
        if (entry.name === 'index.html') next = next.replace('<head>', '<head><meta name="ld-build" content="next">');
        if (next !== text) writeFileSync(file, next);
      }
    }
  };
  rewrite(dir);
  rmSync(path.join(dir, 'sw.js'));
  await buildServiceWorker(dir);
  return { dir, oldChunk, newChunk };
}

test('a rebuild: open tabs keep a whole old build, new tabs get the new one', async ({ context, page }) => {
  const live = mkdtempSync(path.join(tmpdir(), 'ld-live-'));
  cpSync(DIST, live, { recursive: true });
  const { dir: next, oldChunk, newChunk } = await nextBuild(DIST);
  let site: Host | undefined = await host(live);
  const buildOf = (p = page) => p.locator('meta[name="ld-build"]').count().then((n) => (n ? 'next' : 'first'));
  const chunkRequests: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('DiscreteKlIsland')) chunkRequests.push(new URL(r.url()).pathname.split('/').pop() ?? '');
  });
  try {
    await page.goto(`${site.url}/kl-divergence/`);
    await waitForServiceWorker(page);

    // Deploy the next build in place: the first build's island chunk is gone from the server.
    rmSync(live, { recursive: true });
    renameSync(next, live);

    // The open tab, reloaded, is still the first build and its island (old chunk, from the cache) works.
    await page.reload();
    expect(await buildOf()).toBe('first');
    await expectFirstIslandComputes(page, ISLAND);
    expect(chunkRequests).toContain(oldChunk);

    // The browser finds the new sw.js and installs it; it waits while the old build's tab is open.
    const waiting = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
      const worker = registration?.installing ?? registration?.waiting;
      if (worker && worker.state !== 'installed') {
        await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'installed' && resolve()));
      }
      return !!registration?.waiting;
    });
    expect(waiting, 'the next build waits for the old tabs to close').toBe(true);
    await page.reload();
    expect(await buildOf()).toBe('first');
    await expectFirstIslandComputes(page, ISLAND);

    // All tabs of the first build closed: the next tab runs the next build, with its new chunk.
    // Each try is a new tab: a tab (and the compute worker it starts) still controlled by the first
    // build's service worker keeps that worker in charge, so it is closed before the next try.
    await page.close();
    let fresh = page;
    await expect
      .poll(async () => {
        const tab = await context.newPage();
        await tab.goto(`${site!.url}/kl-divergence/`);
        const build = await buildOf(tab);
        if (build === 'next') fresh = tab;
        else await tab.close();
        return build;
      }, { timeout: 30_000 })
      .toBe('next');
    const { errors } = collectConsoleErrors(fresh);
    await expectFirstIslandComputes(fresh, ISLAND);
    expect(chunkRequests).toContain(newChunk);
    expect(errors, errors.join('\n')).toEqual([]);
  } finally {
    await site?.close();
    site = undefined;
    rmSync(live, { recursive: true, force: true });
    rmSync(next, { recursive: true, force: true });
  }
});
