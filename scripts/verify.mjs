#!/usr/bin/env node
// `npm run verify`: evaluate every live derivation of every chapter in a real Chromium (WebGPU first)
// at its defaults and at random parameter settings, and fail when a step's check is not as expected.
//
// Usage: node scripts/verify.mjs [--no-build] [--backend=cpu] [--urls=URL,URL...] [--settings=4]
//                                [--seed=20240521] [--timeout=60000] [--json=report.json]
//   --no-build   reuse dist/ (npm test builds first, then calls this with --no-build)
//   --backend=X  append ?backend=X to every page URL (the page picks webgpu first otherwise)
//   --urls=...   check these pages instead of the built site: absolute URLs (no server started) or
//                paths like /kl-divergence/ (served from dist/ by astro preview)
//   --settings=N random parameter settings per derivation besides the defaults (default 4)
//   --seed=S     seed of the parameter PRNG (default fixed, so runs are reproducible)
//   --timeout=MS wait for islands to register / for one evaluate() (default 60000)
//   --json=FILE  also write the full results as JSON
//   --mutate     measure check power: at the defaults and at every random setting, plant each
//                realistic mistake (sign flip, factor 2 or 1/2, dropped constant, biased variance,
//                off-by-one; scripts/lib/verify-core.mjs MUTATIONS) in each non-given step and
//                report whether a check catches it. Without the flag a fast pass runs at the
//                defaults only, with three of the mistakes (part of npm test); --mutate=off skips it.
import { writeFileSync } from 'node:fs';
import { bin, launchChromium, listSitePages, parseArgs, run, scrollThrough, startPreview } from './lib/browser.mjs';
import { checkResult, formatFailure, formatMutationTable, formatNumber, isCaught, MUTATIONS, mulberry32, mutationsFor, randomParams, hashString, summariseMutations } from './lib/verify-core.mjs';

const args = parseArgs();
const NO_BUILD = args['no-build'] === true || args.build === 'false';
const BACKEND = typeof args.backend === 'string' ? args.backend : null;
const N_RANDOM = args.settings !== undefined ? Number(args.settings) : 4;
const SEED = args.seed !== undefined ? Number(args.seed) : 20240521;
const TIMEOUT = args.timeout !== undefined ? Number(args.timeout) : 60_000;
const MUTATE = args.mutate === true ? 'full' : args.mutate === 'off' ? 'off' : 'fast';
// The fast pass (npm test) plants three of the mistakes, enough for every step to catch one; --mutate plants all.
const MUTATION_KINDS = MUTATE === 'full' ? MUTATIONS : MUTATIONS.filter((m) => ['sign', 'double', 'constant+'].includes(m.id));
const URLS = typeof args.urls === 'string' ? args.urls.split(',').map((s) => s.trim()).filter(Boolean) : null;

function withBackend(url) {
  if (!BACKEND) return url;
  const u = new URL(url);
  u.searchParams.set('backend', BACKEND);
  return u.toString();
}

async function main() {
  const needsServer = !URLS || URLS.some((u) => !/^https?:\/\//.test(u));
  let server = null;
  let browser = null;
  const t0 = Date.now();
  try {
    if (needsServer && !NO_BUILD) {
      console.log('verify: building the site (astro build) ...');
      const code = await run(bin('astro'), ['build']);
      if (code !== 0) {
        console.error(`verify: astro build failed with code ${code}`);
        return code;
      }
    }
    let paths = URLS;
    if (needsServer) {
      server = await startPreview();
      console.log(`verify: serving dist/ at ${server.url}`);
      if (!paths) paths = await listSitePages();
    }
    const urls = paths.map((p) => withBackend(/^https?:\/\//.test(p) ? p : new URL(p, server.url).toString()));

    browser = await launchChromium();
    console.log(`verify: ${browser.version()} | ${urls.length} page(s) | ${N_RANDOM} random setting(s) + defaults | seed ${SEED}${BACKEND ? ` | backend=${BACKEND}` : ''}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

    const failures = [];
    const mutations = [];
    const pagesWithout = [];
    const report = [];
    let nDerivations = 0;
    let nEvaluations = 0;
    for (const url of urls) {
      const r = await verifyPage(context, url, failures, mutations);
      report.push(r);
      if (r.ids.length === 0) pagesWithout.push(url);
      nDerivations += r.ids.length;
      nEvaluations += r.rows.length;
    }
    await context.close();

    if (MUTATE !== 'off') {
      const summary = summariseMutations(mutations);
      console.log(`\nmutation testing (${MUTATE === 'full' ? 'defaults and random settings' : 'fast: defaults only'}): a planted mistake is caught when some check no longer behaves as the derivation says\n`);
      console.log(formatMutationTable(summary));
      for (const d of summary.defects) {
        failures.push({ url: '(mutation testing)', derivation: d.derivation, detail: `step "${d.step}" catches none of its ${d.triedAtDefaults} planted mistakes at the defaults` });
      }
      report.push({ mutationSummary: summary, mutations });
    }
    if (pagesWithout.length) console.log(`\npages with no derivations (not checked):\n${pagesWithout.map((u) => `  ${u}`).join('\n')}`);
    if (args.json) {
      writeFileSync(String(args.json), JSON.stringify({ seed: SEED, backend: BACKEND, report, failures }, null, 2));
      console.log(`verify: wrote ${args.json}`);
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (failures.length) {
      console.error(`\nverify: FAIL — ${failures.length} failure(s):\n`);
      for (const f of failures) console.error(formatFailure(f) + '\n');
      console.error(`verify: FAIL — ${failures.length} failure(s) in ${nDerivations} derivation(s), ${nEvaluations} evaluation(s), ${secs}s`);
      return 1;
    }
    console.log(`\nverify: PASS — ${nDerivations} derivation(s) on ${urls.length - pagesWithout.length} page(s), ${nEvaluations} evaluation(s), ${secs}s`);
    return 0;
  } catch (err) {
    console.error(`verify: error: ${err?.stack || err}`);
    return 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.stop();
  }
}

/** Describe a derivation registered on the page, without its functions. */
async function describeDerivations(page) {
  return page.evaluate(() => {
    const reg = window.__liveDerivations || {};
    return Object.fromEntries(
      Object.entries(reg).map(([k, d]) => [
        k,
        {
          id: d.id,
          modelId: d.modelId,
          params: (d.params || []).map((p) => ({ ...p })),
          sample: d.sample ? { ...d.sample } : undefined,
          steps: (d.steps || []).map((s) => ({ ...s })),
          hasEvaluate: typeof d.evaluate === 'function',
        },
      ]),
    );
  });
}

async function verifyPage(context, url, failures, mutations) {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`));
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  const out = { url, ids: [], rows: [], consoleErrors };
  const fail = (f) => failures.push({ url, ...f });
  console.log(`\n── ${url}`);
  try {
    const res = await page.goto(url, { waitUntil: 'load' });
    if (!res || !res.ok()) {
      fail({ derivation: '(page)', detail: `GET -> ${res ? res.status() : 'no response'}` });
      return out;
    }
    const ids = await page.$$eval('[data-derivation-id]', (els) => [
      ...new Set(els.map((e) => e.getAttribute('data-derivation-id'))),
    ]);
    out.ids = ids;
    if (ids.length === 0) {
      console.log('   no [data-derivation-id] elements');
      return out;
    }
    // Hydrate every island (client:visible), then wait for all of them to register.
    await scrollThrough(page);
    const deadline = Date.now() + TIMEOUT;
    let missing = ids;
    while (Date.now() < deadline) {
      const have = await page.evaluate(() => Object.keys(window.__liveDerivations || {}));
      missing = ids.filter((id) => !have.includes(id));
      if (missing.length === 0) break;
      // Keep the first missing derivation's island in view until it registers. A client:visible
      // island that the scroll-through passed while the main thread was busy (the exact-JavaScript
      // GGM and concrete-fit islands compute synchronously as they hydrate, just above
      // concrete-score and smoothing-kl) never saw an intersection, so it never hydrated, and a
      // second quick pass could miss it the same way.
      await page.evaluate((id) => {
        const section = document.querySelector(`[data-derivation-id="${id}"]`);
        const island = section?.querySelector('astro-island');
        (island?.firstElementChild ?? section)?.scrollIntoView({ block: 'center' });
      }, missing[0]);
      await page.waitForTimeout(250);
    }
    if (missing.length) {
      console.log(`   MISSING: ${missing.join(', ')} never registered in window.__liveDerivations`);
      fail({
        derivation: missing.join(', '),
        detail: `not registered in window.__liveDerivations within ${TIMEOUT} ms (island did not hydrate?)` +
          (consoleErrors.length ? `; console errors: ${consoleErrors.join(' | ')}` : ''),
      });
    }

    const specs = await describeDerivations(page);
    for (const id of ids) {
      const spec = specs[id];
      if (!spec) continue;
      if (!spec.hasEvaluate) {
        fail({ derivation: id, detail: 'registered entry has no evaluate() function' });
        continue;
      }
      const rng = mulberry32(hashString(`${SEED}:${id}`));
      const defaults = Object.fromEntries(spec.params.map((p) => [p.name, p.default]));
      const settings = [{ label: 'defaults', params: defaults }];
      for (let k = 1; k <= N_RANDOM; k++) settings.push({ label: `random ${k}`, params: randomParams(spec.params, rng) });
      const sample = spec.sample ? { seed: spec.sample.defaultSeed, n: spec.sample.defaultN } : undefined;

      for (const setting of settings) {
        const t = Date.now();
        let result;
        try {
          result = await evaluateOnPage(page, id, setting.params, sample);
        } catch (err) {
          const msg = String(err?.message || err).split('\n')[0];
          fail({ derivation: id, params: setting.params, sample, detail: `evaluate() threw: ${msg}` });
          out.rows.push({ id, setting: setting.label, params: setting.params, ms: Date.now() - t, error: msg });
          console.log(`   ${id.padEnd(28)} ${setting.label.padEnd(9)} ERROR ${msg}`);
          continue;
        }
        const ms = Date.now() - t;
        const problems = checkResult(spec, result);
        for (const p of problems) fail({ derivation: id, params: setting.params, sample, backend: result?.backend, ...p });
        const marks = (result?.steps || [])
          .map((s) => (s?.check?.asExpected === false || Number.isNaN(s?.estimate?.value) ? '✗' : s?.check?.holds === null ? '·' : s?.step?.knownMistake ? '✓m' : '✓'))
          .join(' ');
        out.rows.push({ id, setting: setting.label, params: setting.params, ms, backend: result?.backend, result, problems });
        console.log(
          `   ${id.padEnd(28)} ${setting.label.padEnd(9)} ${(result?.backend ?? '?').padEnd(7)} ${String(ms).padStart(6)} ms  ${problems.length ? 'FAIL' : 'ok  '}  ${marks}  ${fmtParams(setting.params)}`,
        );
        if (problems.length === 0 && (MUTATE === 'full' || (MUTATE === 'fast' && setting.label === 'defaults'))) {
          await mutateSetting(page, id, setting, sample, result, mutations);
        }
      }
    }
    if (consoleErrors.length) console.log(`   console errors on this page:\n${consoleErrors.map((e) => `     ${e}`).join('\n')}`);
  } catch (err) {
    fail({ derivation: '(page)', detail: `verification crashed: ${err?.message || err}` });
  } finally {
    await page.close().catch(() => {});
  }
  return out;
}

/** One evaluate() on the page, infinities carried through JSON, with an optional planted mistake. */
async function evaluateOnPage(page, id, params, sample, mutation) {
  const result = await page.evaluate(
    async ({ id, params, sample, timeout, mutation }) => {
      const d = window.__liveDerivations[id];
      let timer;
      const timedOut = new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`evaluate() did not settle within ${timeout} ms`)), timeout);
      });
      try {
        const r = await Promise.race([d.evaluate(params, sample, mutation ? { mutation } : undefined), timedOut]);
        return JSON.parse(JSON.stringify(r, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? { __num: String(v) } : v)));
      } finally {
        clearTimeout(timer);
      }
    },
    { id, params, sample, timeout: TIMEOUT, mutation },
  );
  return reviveNumbers(result);
}

/** Plants every applicable mistake in every non-given step of one (passing) evaluation. */
async function mutateSetting(page, id, setting, sample, baseline, mutations) {
  const marks = [];
  for (const s of baseline.steps) {
    for (const m of mutationsFor(s.step, s.estimate.value, sample, MUTATION_KINDS)) {
      let caught;
      try {
        caught = isCaught(await evaluateOnPage(page, id, setting.params, sample, { evaluator: s.step.evaluator, scale: m.scale, shift: m.shift }));
      } catch (err) {
        caught = false;
        console.log(`   ${id} ${s.step.id} ${m.id}: evaluate() threw ${String(err?.message || err).split('\n')[0]}`);
      }
      mutations.push({ derivation: id, step: s.step.id, mutation: m.id, setting: setting.label, caught });
      marks.push(caught ? '+' : '-');
    }
  }
  if (marks.length) console.log(`   ${''.padEnd(28)} ${setting.label.padEnd(9)} mutations ${marks.filter((c) => c === '+').length}/${marks.length} caught`);
}

function reviveNumbers(v) {
  if (Array.isArray(v)) return v.map(reviveNumbers);
  if (v && typeof v === 'object') {
    if (Object.keys(v).length === 1 && typeof v.__num === 'string') return Number(v.__num);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveNumbers(x)]));
  }
  return v;
}

function fmtParams(p) {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${formatNumber(v)}`)
    .join(' ');
}

process.exitCode = await main();
