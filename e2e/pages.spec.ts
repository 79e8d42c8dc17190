import { test, expect, type Page, type Response } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import {
  collectConsoleErrors,
  gotoAndSettle,
  listPages,
  scrollThrough,
  tfjsSignatures,
  waitForIslandsReady,
} from './helpers';

const PAGES = listPages();
const AXE_TAGS = ['wcag2a', 'wcag2aa'];
// Chapters now carry a dozen islands each, some training on SwiftShader's CPU-emulated WebGPU; on a
// busy 2-core machine all of them reporting ready took up to a minute.
const READY_TIMEOUT = 90_000;
test.describe.configure({ timeout: 150_000 });

function formatAxe(results: AxeResults): string {
  return results.violations
    .map(
      (v) =>
        `[${v.id}] (${v.impact}) ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes
          .slice(0, 10)
          .map((n) => `  - ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`)
          .join('\n') +
        (v.nodes.length > 10 ? `\n  ... and ${v.nodes.length - 10} more nodes` : ''),
    )
    .join('\n');
}

/** Load, scroll so every client:visible island hydrates, wait for islands to report ready. */
async function loadFully(page: Page, path: string) {
  await gotoAndSettle(page, path);
  await scrollThrough(page);
  await waitForIslandsReady(page, READY_TIMEOUT);
  await page.waitForLoadState('networkidle').catch(() => {});
}

function expectNoErrors(errors: string[], where: string) {
  expect(errors, `console errors on ${where}:\n${errors.join('\n')}`).toEqual([]);
}

for (const path of PAGES) {
  test.describe(`page ${path}`, () => {
    test('loads cleanly, renders all math, passes axe (light, 1280px)', async ({ page }) => {
      const { errors } = collectConsoleErrors(page);
      await loadFully(page, path);

      // KaTeX: no error nodes; every formula rendered with non-empty box; no raw $$ leaked into prose.
      const math = await page.evaluate(async () => {
        await document.fonts.ready;
        const all = [...document.querySelectorAll<HTMLElement>('.katex')];
        const broken: string[] = [];
        for (const el of all) {
          const html = el.querySelector<HTMLElement>('.katex-html');
          const mathml = el.querySelector('.katex-mathml math');
          const tex = el.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? el.textContent ?? '';
          if (!html || !mathml) {
            broken.push(`missing katex-html/mathml: ${tex.slice(0, 80)}`);
            continue;
          }
          const visible = el.checkVisibility?.() ?? true;
          const r = html.getBoundingClientRect();
          if (visible && (r.width <= 0 || r.height <= 0)) broken.push(`zero-size formula: ${tex.slice(0, 80)}`);
        }
        const errorsNodes = [...document.querySelectorAll('.katex-error')].map(
          (e) => `${e.getAttribute('title') ?? ''}: ${e.textContent?.slice(0, 80)}`,
        );
        // Raw TeX delimiters left in prose (outside code blocks and rendered math).
        const main = document.querySelector('main');
        const leaks: string[] = [];
        if (main) {
          const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
            acceptNode: (n) =>
              n.parentElement?.closest('pre, code, .katex, script, style, textarea, .expressive-code')
                ? NodeFilter.FILTER_REJECT
                : NodeFilter.FILTER_ACCEPT,
          });
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.textContent?.includes('$$')) leaks.push(n.textContent.trim().slice(0, 80));
          }
        }
        const fontsOk = all.length === 0 || document.fonts.check('16px KaTeX_Main');
        return { count: all.length, broken, errorsNodes, leaks, fontsOk };
      });
      expect(math.errorsNodes, `.katex-error nodes on ${path}`).toEqual([]);
      expect(math.broken, `unrendered KaTeX on ${path}`).toEqual([]);
      expect(math.leaks, `raw $$ in prose on ${path}`).toEqual([]);
      expect(math.fontsOk, `KaTeX_Main font not loaded on ${path} (${math.count} formulas)`).toBe(true);

      const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(axe.violations.map((v) => v.id), `axe (light) violations on ${path}:\n${formatAxe(axe)}`).toEqual([]);

      expectNoErrors(errors, path);
    });

    test('dark theme: no color-contrast violations', async ({ page }) => {
      const { errors } = collectConsoleErrors(page);
      await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
      await loadFully(page, path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      const contrast = axe.violations.filter((v) => v.id === 'color-contrast');
      expect(
        contrast.map((v) => v.id),
        `axe (dark) color-contrast on ${path}:\n${formatAxe({ ...axe, violations: contrast })}`,
      ).toEqual([]);
      expectNoErrors(errors, `${path} (dark)`);
    });

    test('375px: no horizontal page scroll', async ({ page }) => {
      const { errors } = collectConsoleErrors(page);
      await page.setViewportSize({ width: 375, height: 800 });
      await loadFully(page, path);
      const m = await page.evaluate(() => {
        const se = document.scrollingElement || document.documentElement;
        const cw = se.clientWidth;
        // The widest offenders, to make a failure actionable.
        const wide = [...document.querySelectorAll<HTMLElement>('body *')]
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.right > cw + 1 && r.width > 0)
          .sort((a, b) => b.r.right - a.r.right)
          .slice(0, 5)
          .map(({ e, r }) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''} right=${Math.round(r.right)}`);
        // A display equation wider than its column scrolls inside its own box: allowed, but on a
        // phone it hides half the equation. Split it (aligned / gathered) instead.
        const equations = [...document.querySelectorAll<HTMLElement>('.katex-display')]
          .filter((box) => box.scrollWidth > box.clientWidth + 1)
          .map((box) => `${box.scrollWidth}px in ${box.clientWidth}px: ${box.querySelector('annotation')?.textContent?.replace(/\s+/g, ' ').slice(0, 100)}`);
        return { scrollWidth: se.scrollWidth, clientWidth: cw, wide, equations };
      });
      expect(m.equations, `display equations that scroll sideways at 375px on ${path}`).toEqual([]);
      expect(
        m.scrollWidth,
        `horizontal scroll at 375px on ${path}: scrollWidth ${m.scrollWidth} > clientWidth ${m.clientWidth}\n` +
          m.wide.join('\n'),
      ).toBeLessThanOrEqual(m.clientWidth + 1);
      expectNoErrors(errors, `${path} (375px)`);
    });
  });
}

const FIRST_LOAD_PAGE = '/kl-divergence/';

test('first load of a chapter fetches no tfjs chunk', async ({ page }) => {
  expect(PAGES, `${FIRST_LOAD_PAGE} must be in the build`).toContain(FIRST_LOAD_PAGE);
  const scripts: { url: string; res: Response }[] = [];
  const isScript = (res: Response) =>
    res.request().resourceType() === 'script' ||
    /\.m?js(\?|$)/.test(new URL(res.url()).pathname) ||
    /javascript/.test(res.headers()['content-type'] ?? '');
  page.on('response', (res) => {
    if (isScript(res)) scripts.push({ url: res.url(), res });
  });
  const { errors } = collectConsoleErrors(page);

  // Load at the top of the page, 1280x800, and do not scroll.
  await gotoAndSettle(page, FIRST_LOAD_PAGE);
  await page.waitForTimeout(1000); // let any eager client:visible / idle islands kick in
  await page.waitForLoadState('networkidle').catch(() => {});
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  const aboveFold = await page.$$eval('[data-derivation-id]', (els) =>
    els
      .filter((e) => e.getBoundingClientRect().top < window.innerHeight)
      .map((e) => e.getAttribute('data-derivation-id')),
  );

  let totalBody = 0;
  let totalTransfer = 0;
  const offenders: string[] = [];
  const rows: string[] = [];
  for (const { url, res } of scripts) {
    const body = (await res.body()).toString('utf8');
    const sizes = await res.request().sizes().catch(() => null);
    totalBody += Buffer.byteLength(body);
    totalTransfer += sizes ? sizes.responseBodySize + sizes.responseHeadersSize : Buffer.byteLength(body);
    const sig = tfjsSignatures(body);
    rows.push(`  ${(Buffer.byteLength(body) / 1024).toFixed(1).padStart(8)} KiB  ${new URL(url).pathname}${sig.length ? `  <-- tfjs (${sig.join(', ')})` : ''}`);
    if (sig.length) offenders.push(`${url} (${sig.join(', ')})`);
  }
  console.log(
    `first load of ${FIRST_LOAD_PAGE}: ${scripts.length} JS responses, ${(totalBody / 1024).toFixed(1)} KiB of JS ` +
      `(${(totalTransfer / 1024).toFixed(1)} KiB transferred incl. headers)\n${rows.join('\n')}` +
      (aboveFold.length ? `\n  derivations in the first viewport: ${aboveFold.join(', ')}` : ''),
  );
  expect(
    offenders,
    `tfjs fetched on first load of ${FIRST_LOAD_PAGE} without scrolling` +
      (aboveFold.length ? ` (derivations in the first viewport: ${aboveFold.join(', ')})` : ''),
  ).toEqual([]);
  expectNoErrors(errors, FIRST_LOAD_PAGE);

  // The signature check must not be vacuous: once the derivations hydrate, tfjs is fetched.
  const nDerivations = await page.locator('[data-derivation-id]').count();
  if (nDerivations > 0) {
    const before = scripts.length;
    await scrollThrough(page);
    await waitForIslandsReady(page, READY_TIMEOUT).catch(() => {});
    await page.waitForLoadState('networkidle').catch(() => {});
    let found = false;
    for (const { res } of scripts.slice(before)) {
      if (tfjsSignatures((await res.body()).toString('utf8')).length) found = true;
    }
    expect(found, `no tfjs chunk detected after hydrating ${nDerivations} derivation(s): signature check is stale`).toBe(
      true,
    );
  }
});
