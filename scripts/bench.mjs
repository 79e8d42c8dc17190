#!/usr/bin/env node
// `npm run bench`: a benchmark, never a test. Runs every suite in src/bench/*-bench.ts (one per
// chapter's heavy computation) on each backend (webgpu, webgl, cpu), some against a plain
// typed-array JavaScript baseline, in headless Chromium, and prints a table (median of repeated
// runs; the first run, with shader compilation, separately). Options: --no-build,
// --suites=kl,langevin --sizes=1e4,1e5 (suites that take sizes) --repeats=7 --backends=webgpu,cpu
// --json=FILE. Two suites drive the course pages instead of the bench page (scripts/lib/page-bench.mjs):
// `responsiveness` (--seconds=20, --islands=vae,score-dsm) and `latency` (--moves=25, --pages=/kl-divergence/);
// their backends also take `wasm` and `auto` (the measured choice): --backends=webgpu,wasm,webgl,cpu,auto.
// `--suites=pageload` is Lighthouse on every page instead (scripts/pageload.mjs, which
// takes --runs=3 --pages=/,/kl-divergence/ --no-build --json=FILE).
import { writeFileSync } from 'node:fs';
import { bin, launchChromium, parseArgs, run, startPreview } from './lib/browser.mjs';
import { TRAINING_ISLANDS, latency, printPageRows, responsiveness } from './lib/page-bench.mjs';

const args = parseArgs();
const sizes = args.sizes ? String(args.sizes).split(',').map(Number) : undefined;
const PAGE_SUITES = ['responsiveness', 'latency'];
let requested = args.suites ? String(args.suites).split(',') : [];
if (requested.includes('pageload')) {
  const code = await run(process.execPath, ['scripts/pageload.mjs', ...process.argv.slice(2).filter((a) => !a.startsWith('--suites='))]);
  requested = requested.filter((s) => s !== 'pageload');
  if (code !== 0 || !requested.length) process.exit(code);
  args['no-build'] = true; // pageload.mjs built the site already (unless told not to)
}
const pageSuites = requested.filter((name) => PAGE_SUITES.includes(name));
const suites = requested.filter((name) => !PAGE_SUITES.includes(name));
const onlyPageSuites = requested.length > 0 && suites.length === 0;
const repeats = Number(args.repeats ?? 7);
const backends = String(args.backends ?? 'webgpu,webgl,cpu').split(',');

if (!args['no-build']) {
  const code = await run(bin('astro'), ['build']);
  if (code !== 0) process.exit(code);
}
const preview = await startPreview();
const browser = await launchChromium();
const rows = [];
const pageRows = [];
try {
  if (pageSuites.includes('responsiveness')) {
    const islands = args.islands ? TRAINING_ISLANDS.filter((i) => String(args.islands).split(',').includes(i.island)) : TRAINING_ISLANDS;
    pageRows.push(...(await responsiveness(browser, preview.url, backends, { seconds: Number(args.seconds ?? 20), islands })));
  }
  if (pageSuites.includes('latency')) {
    const pages = args.pages ? String(args.pages).split(',') : undefined;
    pageRows.push(...(await latency(browser, preview.url, backends, { moves: Number(args.moves ?? 25), ...(pages ? { pages } : {}) })));
  }
  for (const [index, backend] of (onlyPageSuites ? [] : backends).entries()) {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[${backend}] page error: ${error.message}`));
    await page.goto(`${preview.url}/bench/?backend=${backend}`);
    await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 60_000 });
    console.error(`running ${backend}…`);
    const result = await page.evaluate(
      (request) => window.__bench.run(request),
      { suites, sizes, repeats, includeJs: index === 0 },
    );
    // A backend that failed falls back; label its rows with the backend that really ran.
    for (const row of result) rows.push({ ...row, requested: backend });
    await page.close();
  }
} finally {
  await browser.close();
  preview.stop();
}

printPageRows(pageRows);
const pad = (text, width) => String(text).padEnd(width);
const ms = (value) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const rate = (row) => (row.rate ? `${row.rate.value.toPrecision(3)} ${row.rate.unit}` : '');
console.log(`\n| task | backend | size | median ms | first run ms | rate | value |`);
console.log(`|---|---|---:|---:|---:|---:|---:|`);
const order = ['webgpu', 'webgl', 'cpu', 'javascript'];
rows
  .sort((a, b) => a.task.localeCompare(b.task) || a.n - b.n || order.indexOf(a.backend) - order.indexOf(b.backend))
  .forEach((row) => {
    const label = row.backend === row.requested || row.backend === 'javascript' ? row.backend : `${row.backend} (asked ${row.requested})`;
    console.log(`| ${pad(row.task, 28)} | ${pad(label, 10)} | ${row.sizeLabel ?? 'N'} = ${row.n >= 1000 ? row.n.toExponential(0) : row.n} | ${ms(row.medianMs)} | ${ms(row.firstMs)} | ${rate(row)} | ${row.value.toFixed(5)} |`);
  });
console.log(`\nmedian of ${repeats} runs (training tasks: fewer, see each suite) after one first run; Chromium ${browser.version?.() ?? ''}`);
if (args.json) writeFileSync(String(args.json), JSON.stringify([...pageRows, ...rows], null, 2));
