// The page-level benchmark suites of `npm run bench` (never tests): they drive the course pages
// themselves in headless Chromium, one browser context per backend (so `auto` calibrates once).
// - responsiveness: start each training island, then for N s (default 20) measure the frames per
//   second the page draws, the delay of a setTimeout(0) probe (p50/p95) and the island's steps/s;
// - latency: move each derivation's first slider M times (default 25), timing the input event to the
//   new value in the DOM (the live summary, written only once the result is current), p50/p95.

/** Training islands: page, island, Start button, the readout that counts steps, steps per count. */
export const TRAINING_ISLANDS = [
  { page: '/kl-divergence/', island: 'mle-fit', toggle: 'fit-toggle', counter: 'fit-iteration', perCount: 1 },
  { page: '/variational-inference/', island: 'elbo-ascent', toggle: 'ascent-toggle', counter: 'ascent-iteration', perCount: 1 },
  { page: '/variational-inference/', island: 'vae', toggle: 'vae-toggle', counter: 'vae-epoch', perCount: 4 },
  { page: '/score-matching/', island: 'energy-fit', toggle: 'energy-toggle', counter: undefined, perCount: 1 },
  { page: '/score-matching/', island: 'energy-mlp', toggle: 'energy-mlp-toggle', counter: 'energy-mlp-iteration', perCount: 1 },
  { page: '/score-matching-practice/', island: 'score-dsm', toggle: 'dsm-train', counter: 'dsm-iteration', perCount: 1 },
];

export const DERIVATION_PAGES = ['/kl-divergence/', '/variational-inference/', '/score-matching/', '/score-matching-practice/'];

const quantile = (values, q) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const withBackend = (path, backend) => (backend === 'auto' ? path : `${path}?backend=${backend}`);

async function waitReady(page, selector, timeout = 180_000) {
  await page.locator(selector).first().evaluate((el) => (el.firstElementChild && el.tagName === 'ASTRO-ISLAND' ? el.firstElementChild : el).scrollIntoView({ block: 'center' }));
  await page.waitForSelector(`${selector}[data-ready="true"], ${selector} [data-ready="true"]`, { timeout });
}

const readCount = (page, island, counter) => (counter
  ? page.locator(`[data-island="${island}"] [data-testid="${counter}"]`).textContent().then((t) => Number(String(t).replace(/[^0-9.]/g, '')) || 0)
  : Promise.resolve(NaN));

/** In-page: frames drawn and setTimeout(0) delays over `ms`. */
const PROBE = (ms) => new Promise((resolve) => {
  let frames = 0;
  let stop = false;
  const delays = [];
  const frame = () => { frames += 1; if (!stop) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const probe = () => {
    const t = performance.now();
    setTimeout(() => { delays.push(performance.now() - t); if (!stop) setTimeout(probe, 20); }, 0);
  };
  probe();
  setTimeout(() => { stop = true; resolve({ frames, delays }); }, ms);
});

export async function responsiveness(browser, baseUrl, backends, { seconds = 20, islands = TRAINING_ISLANDS } = {}) {
  const rows = [];
  for (const backend of backends) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const spec of islands) {
      const page = await context.newPage();
      try {
        await page.goto(`${baseUrl}${withBackend(spec.page, backend)}`, { waitUntil: 'load' });
        const selector = `[data-island="${spec.island}"]`;
        await waitReady(page, selector);
        const used = await page.locator(selector).getAttribute('data-backend');
        const thread = await page.locator(`${selector} [data-testid="backend-badge"]`).first().getAttribute('data-thread');
        const before = await readCount(page, spec.island, spec.counter);
        await page.locator(`${selector} [data-testid="${spec.toggle}"]`).click();
        const t0 = Date.now();
        const { frames, delays } = await page.evaluate(PROBE, seconds * 1000);
        const elapsed = (Date.now() - t0) / 1000;
        const after = await readCount(page, spec.island, spec.counter);
        await page.locator(`${selector} [data-testid="${spec.toggle}"]`).click().catch(() => undefined);
        rows.push({
          suite: 'responsiveness', backend, used: `${used}${thread ? ` (${thread})` : ''}`, island: spec.island,
          fps: frames / elapsed, p50: quantile(delays, 0.5), p95: quantile(delays, 0.95),
          stepsPerSecond: spec.counter ? ((after - before) * spec.perCount) / elapsed : NaN,
        });
        console.error(`responsiveness ${backend} ${spec.island}: ${JSON.stringify(rows[rows.length - 1])}`);
      } catch (error) {
        rows.push({ suite: 'responsiveness', backend, island: spec.island, error: String(error).split('\n')[0] });
        console.error(`responsiveness ${backend} ${spec.island} failed: ${error}`);
      } finally {
        await page.close();
      }
    }
    await context.close();
  }
  return rows;
}

/** In-page: moves the first slider of `id` `moves` times, timing input -> fresh live summary. */
const MOVE = async ({ id, moves, timeoutMs }) => {
  const section = document.querySelector(`[data-derivation-id="${id}"]`);
  const controls = section?.querySelector('.ld-live') ?? document.querySelector(`[data-island-id="${id}"] .ld-live`);
  const slider = controls?.querySelector('input[type="range"]');
  const summary = controls?.querySelector('[data-testid="live-summary"]');
  if (!slider || !summary) return { times: [], missed: moves, note: 'no slider' };
  const times = [];
  let missed = 0;
  for (let i = 0; i < moves; i += 1) {
    const before = summary.textContent;
    const t0 = performance.now();
    if (i % 2 === 0) slider.stepUp(); else slider.stepDown();
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const done = await new Promise((resolve) => {
      const check = () => summary.textContent !== '' && summary.textContent !== before;
      const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); } });
      const timer = setTimeout(() => { observer.disconnect(); resolve(undefined); }, timeoutMs);
      observer.observe(summary, { childList: true, characterData: true, subtree: true });
    });
    if (done === undefined) missed += 1; else times.push(done);
    await new Promise((r) => setTimeout(r, 60));
  }
  return { times, missed };
};

export async function latency(browser, baseUrl, backends, { moves = 25, pages = DERIVATION_PAGES } = {}) {
  const rows = [];
  for (const backend of backends) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const path of pages) {
      const page = await context.newPage();
      try {
        await page.goto(`${baseUrl}${withBackend(path, backend)}`, { waitUntil: 'load' });
        const ids = await page.$$eval('[data-derivation-id]', (els) => els.map((e) => e.getAttribute('data-derivation-id')));
        for (const id of ids) {
          const selector = `[data-derivation-id="${id}"]`;
          try {
            await waitReady(page, selector, 120_000);
            const used = await page.locator(`${selector} .ld-live`).first().getAttribute('data-backend');
            const { times, missed, note } = await page.evaluate(MOVE, { id, moves, timeoutMs: 5000 });
            rows.push({ suite: 'latency', backend, used, page: path, derivation: id, p50: quantile(times, 0.5), p95: quantile(times, 0.95), n: times.length, missed, note });
            console.error(`latency ${backend} ${id}: ${JSON.stringify(rows[rows.length - 1])}`);
          } catch (error) {
            rows.push({ suite: 'latency', backend, page: path, derivation: id, error: String(error).split('\n')[0] });
          }
        }
      } finally {
        await page.close();
      }
    }
    await context.close();
  }
  return rows;
}

const f = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function printPageRows(rows) {
  const resp = rows.filter((r) => r.suite === 'responsiveness');
  if (resp.length) {
    console.log('\n| island | backend asked | ran on | frames/s | setTimeout(0) p50 ms | p95 ms | steps/s |');
    console.log('|---|---|---|---:|---:|---:|---:|');
    for (const r of resp) console.log(r.error ? `| ${r.island} | ${r.backend} | failed: ${r.error} | | | | |` : `| ${r.island} | ${r.backend} | ${r.used} | ${f(r.fps)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.stepsPerSecond)} |`);
  }
  const lat = rows.filter((r) => r.suite === 'latency');
  if (lat.length) {
    console.log('\n| derivation | backend asked | ran on | input -> value p50 ms | p95 ms | moves timed | missed |');
    console.log('|---|---|---|---:|---:|---:|---:|');
    for (const r of lat) console.log(r.error ? `| ${r.derivation} | ${r.backend} | failed: ${r.error} | | | | |` : `| ${r.derivation} | ${r.backend} | ${r.used} | ${f(r.p50)} | ${f(r.p95)} | ${r.n} | ${r.missed}${r.note ? ` (${r.note})` : ''} |`);
  }
}
