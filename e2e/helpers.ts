import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import type { ConsoleMessage, Locator, Page } from '@playwright/test';

export const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/**
 * Every page of the built site as a URL path ('/', '/kl-divergence/', ...), from dist/ ** /index.html.
 * Excludes the 404 page and anything under a /bench/ segment. Throws a clear error when dist/ is missing.
 */
export function listPages(distDir = DIST): string[] {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`${distDir}/index.html not found: build the site first (npm run build, or npm test which builds).`);
  }
  const pages: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      if (ent.isDirectory()) {
        if (ent.name === '_astro' || ent.name === 'pagefind') continue;
        walk(path.join(dir, ent.name), `${rel}${ent.name}/`);
      } else if (ent.name === 'index.html') {
        pages.push(rel);
      }
    }
  };
  walk(distDir, '/');
  return pages.filter((p) => !/^\/404\/?$/.test(p) && !/(^|\/)bench\//.test(p)).sort();
}

/**
 * Console messages Chromium may emit that are not caused by the site. Each entry must say why it
 * is benign. Keep this list empty unless a message is proven unrelated to our code.
 * (Checked against the placeholder build with the SwiftShader WebGPU flags: Chromium emitted none.)
 */
export const BENIGN_CONSOLE_MESSAGES: { pattern: RegExp; why: string }[] = [];

export interface CollectedErrors {
  /** Console 'error' messages and uncaught page errors, in order. */
  readonly errors: string[];
  /** Messages that matched BENIGN_CONSOLE_MESSAGES (reported, not failed). */
  readonly ignored: string[];
}

/** Start collecting console errors and uncaught exceptions; call before navigation. */
export function collectConsoleErrors(page: Page): CollectedErrors {
  const errors: string[] = [];
  const ignored: string[] = [];
  const push = (text: string) => {
    const benign = BENIGN_CONSOLE_MESSAGES.find((b) => b.pattern.test(text));
    (benign ? ignored : errors).push(text);
  };
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    push(`console.error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (err) => push(`pageerror: ${err.stack || err.message}`));
  page.on('requestfailed', (req) => {
    // Aborted navigations away are not errors; failures of our own assets are.
    const failure = req.failure()?.errorText ?? '';
    if (failure.includes('ERR_ABORTED')) return;
    push(`requestfailed: ${req.url()} ${failure}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { errors, ignored };
}

/**
 * The specs written before the backend was chosen by measurement expect WebGPU by default: pin it
 * unless the URL names a backend or the caller asks for the automatic choice (e2e/worker.spec.ts).
 */
export function withBackend(urlPath: string, backend: 'auto' | 'webgpu' = 'webgpu'): string {
  if (backend === 'auto' || /[?&]backend=/.test(urlPath) || urlPath.startsWith('/bench/')) return urlPath;
  const [path, hash] = urlPath.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}backend=webgpu${hash === undefined ? '' : `#${hash}`}`;
}

/** Navigate and wait for the page to be quiet: load event, network idle, fonts ready. */
export async function gotoAndSettle(page: Page, urlPath: string, { backend = 'webgpu' }: { backend?: 'auto' | 'webgpu' } = {}): Promise<void> {
  const res = await page.goto(withBackend(urlPath, backend), { waitUntil: 'load' });
  if (!res || !res.ok()) throw new Error(`GET ${urlPath} -> ${res?.status() ?? 'no response'}`);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.evaluate(() => document.fonts?.ready.then(() => undefined));
}

/** Scroll through the page in viewport steps so every client:visible island hydrates; ends at the top. */
export async function scrollThrough(page: Page, pauseMs = 150): Promise<void> {
  await page.evaluate(async (pause) => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const el = document.scrollingElement || document.documentElement;
    let y = 0;
    for (let i = 0; i < 500; i++) {
      window.scrollTo(0, y);
      await sleep(pause);
      if (y + window.innerHeight >= el.scrollHeight) break;
      y += Math.max(100, Math.floor(window.innerHeight * 0.8));
    }
    for (const node of document.querySelectorAll('astro-island, [data-derivation-id]')) {
      // <astro-island> is display: contents (no box of its own): scroll its first child.
      (node.tagName === 'ASTRO-ISLAND' && node.firstElementChild ? node.firstElementChild : node).scrollIntoView({ block: 'center' });
      await sleep(pause / 2);
    }
    window.scrollTo(0, 0);
  }, pauseMs);
}

/**
 * Hydrate every island and wait (up to timeoutMs in all) until every `[data-ready]` element says
 * "true". Islands compute only while visible (they pause when scrolled away), so each pending one is
 * scrolled to the middle of the viewport and kept there until it is ready. Ends scrolled to the top.
 * Throws naming the islands still pending.
 */
export async function waitForIslandsReady(page: Page, timeoutMs = 60_000): Promise<void> {
  const pending = await page.evaluate(async (timeout) => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const deadline = performance.now() + timeout;
    const pendingEls = () => [
      ...document.querySelectorAll<HTMLElement>(
        'astro-island[ssr]:is([client="visible"],[client="idle"],[client="load"])',
      ),
      ...[...document.querySelectorAll<HTMLElement>('[data-ready]')].filter(
        (e) => e.getAttribute('data-ready') !== 'true',
      ),
    ];
    const name = (e: HTMLElement) => {
      const host =
        e.closest('[data-derivation-id], [data-island]') || e.querySelector('[data-derivation-id], [data-island]');
      const n = host?.getAttribute('data-derivation-id') || host?.getAttribute('data-island') || e.id;
      if (n) return n;
      if (e.tagName === 'ASTRO-ISLAND')
        return `astro-island ${(e.getAttribute('component-url') || '').split('/').pop()} (not hydrated)`;
      return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
    };
    let els = pendingEls();
    while (els.length && performance.now() < deadline) {
      const el = els[0];
      // <astro-island> is display: contents: scrolling it does nothing, so scroll its first child.
    (el.tagName === 'ASTRO-ISLAND' && el.firstElementChild ? el.firstElementChild : el).scrollIntoView({ block: 'center' });
      const isDone = () =>
        !el.isConnected ||
        (el.tagName === 'ASTRO-ISLAND' ? !el.hasAttribute('ssr') : el.getAttribute('data-ready') === 'true');
      while (!isDone() && performance.now() < deadline) await sleep(100);
      els = pendingEls();
    }
    window.scrollTo(0, 0);
    return els.map(name);
  }, timeoutMs);
  if (pending.length) {
    throw new Error(`islands not ready after ${timeoutMs} ms on ${page.url()}: ${pending.join(', ')}`);
  }
}

/**
 * Signatures of tfjs in a (minified) JS file, checked against esbuild-minified bundles of
 * tfjs-core / tfjs-backend-{cpu,webgl,webgpu} 4.22.0:
 * - core: the flags URL prefix "tfjsflags" and "backend was already registered";
 * - cpu / webgl / webgpu: kernel configs `{kernelName:…,backendName:…}` (property names survive
 *   minification), and the version literal "4.22.0" next to `registerBackend`;
 * - webgpu: its WEBGPU_* environment flags (e.g. WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE).
 */
export const TFJS_SIGNATURES: { name: string; test: (body: string) => boolean }[] = [
  { name: 'tfjs-core flags prefix', test: (b) => b.includes('"tfjsflags"') || b.includes("'tfjsflags'") },
  { name: 'tfjs-core backend registry', test: (b) => b.includes('backend was already registered') },
  { name: 'tfjs kernel configs', test: (b) => /kernelName:[\w$]+,backendName:/.test(b) },
  { name: 'tfjs 4.22.0 + registerBackend', test: (b) => b.includes('4.22.0') && b.includes('registerBackend') },
  { name: 'tfjs-backend-webgpu flags', test: (b) => /WEBGPU_(DEFERRED_SUBMIT_BATCH_SIZE|CPU_FORWARD|ENGINE_COMPILE_ONLY)/.test(b) },
  { name: 'tfjs-backend-webgl flags', test: (b) => /WEBGL_(VERSION|PACK|FORCE_F16_TEXTURES)/.test(b) },
];

/** The names of the tfjs signatures found in a JS body (empty when none). */
export function tfjsSignatures(body: string): string[] {
  return TFJS_SIGNATURES.filter((s) => s.test(body)).map((s) => s.name);
}

/** Scrolls one island into view and waits until it has computed. */
export async function showIsland(page: Page, selector: string): Promise<Locator> {
  const island = page.locator(selector).first();
  const ready = island.locator('xpath=descendant-or-self::*[@data-ready="true"]').first();
  // Scroll again until it is ready: blocks above it with `content-visibility: auto` take their real
  // height only once rendered, so one scroll can leave a client:visible island below the screen.
  await expect(async () => {
    await island.scrollIntoViewIfNeeded();
    await expect(ready).toBeAttached({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return island;
}

/** The step values of a derivation as numbers, in order. */
export async function stepValues(page: Page, derivationId: string): Promise<number[]> {
  return page.locator(`[data-derivation-id="${derivationId}"] .ld-value[data-value]`).evaluateAll(
    (nodes) => nodes.map((node) => Number(node.getAttribute('data-value'))),
  );
}

/** Scrolls to every island on the page in turn; each tfjs island must compute on WebGPU and say so (exact JavaScript islands are skipped). Returns the count. */
export async function expectIslandsOnWebGpu(page: Page): Promise<number> {
  const islands = page.locator('[data-island]');
  const count = await islands.count();
  for (let i = 0; i < count; i += 1) {
    const island = islands.nth(i);
    await island.scrollIntoViewIfNeeded();
    const ready = island.locator('xpath=descendant-or-self::*[@data-ready="true"]').first();
    await expect(ready).toBeAttached({ timeout: 60_000 });
    // Islands computed exactly in float64 JavaScript (no tfjs) say so instead of naming a backend.
    if ((await ready.getAttribute('data-backend')) === 'javascript') continue;
    await expect(ready).toHaveAttribute('data-backend', 'webgpu');
    await expect(island.getByTestId('backend-badge').first()).toContainText('WebGPU');
  }
  return count;
}

/** Focuses a range input and presses `key` (ArrowLeft, ArrowRight, ...) `times` times. */
export async function pressSlider(slider: Locator, key: string, times: number): Promise<void> {
  await slider.focus();
  for (let i = 0; i < times; i += 1) await slider.press(key);
}
