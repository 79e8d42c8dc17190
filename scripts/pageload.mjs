#!/usr/bin/env node
// Page-load benchmark (a benchmark, never a test): builds the site, serves dist/ as a static host
// would (brotli/gzip, immutable /_astro/; scripts/lib/static-server.mjs), runs Lighthouse's default
// mobile preset (simulated throttling: slow 4G, 4x CPU slowdown, Moto G Power viewport) on every page
// several times, and prints the median per page of performance and accessibility scores, FCP, LCP,
// TBT, CLS, main-thread work, DOM size and bytes transferred.
//
//   npm run bench -- --suites=pageload            (scripts/bench.mjs hands over to this file)
//   node scripts/pageload.mjs [--no-build] [--runs=3] [--pages=/,/kl-divergence/] [--json=FILE]
//                         [--save-lhr=DIR (each run's full Lighthouse report)]
//                         [--dir=dist] [--compare=OTHER_DIST (runs alternate between the two builds,
//                         so that a busy machine slows both alike; one table each)]
//
// Lighthouse's simulated throttling scales the CPU time it observed, so a busy machine inflates
// TBT and main-thread figures: compare runs made on the same, otherwise idle, machine.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, bin, findChromium, listSitePages, parseArgs, run } from './lib/browser.mjs';
import { serveStatic } from './lib/static-server.mjs';

const args = parseArgs();
const runs = Number(args.runs ?? 3);

if (!args['no-build']) {
  const code = await run(bin('astro'), ['build']);
  if (code !== 0) process.exit(code);
}

const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');

const builds = [{ label: String(args.dir ?? 'dist'), dir: path.resolve(ROOT, String(args.dir ?? 'dist')) }];
if (args.compare) builds.push({ label: String(args.compare), dir: path.resolve(ROOT, String(args.compare)) });
const pages = args.pages ? String(args.pages).split(',') : await listSitePages(builds[0].dir);
for (const build of builds) build.server = await serveStatic({ dir: build.dir, port: 0 });
const chrome = await chromeLauncher.launch({
  chromePath: findChromium() ?? undefined,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

let version = '';
async function measure(server, page, i, label) {
  const { lhr } = await lighthouse(`${server.url}${page}`, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: (process.env.LH_CATS ?? 'performance,accessibility').split(','),
  });
  version = lhr.lighthouseVersion;
  if (args['save-lhr']) writeFileSync(path.join(String(args['save-lhr']), `${label.replace(/\W+/g, '_')}${page.replace(/\W+/g, '_')}-${i + 1}.json`), JSON.stringify(lhr));
  const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
  if (lhr.runtimeError) console.error(`${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return {
    performance: lhr.categories.performance?.score ?? NaN,
    accessibility: lhr.categories.accessibility?.score ?? NaN,
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    mainThread: audit('mainthread-work-breakdown'),
    dom: audit('dom-size'),
    bytes: audit('total-byte-weight'),
  };
}

for (const build of builds) build.results = [];
try {
  for (const page of pages) {
    const samples = builds.map(() => []);
    for (let i = 0; i < runs; i++) {
      for (const [b, build] of builds.entries()) {
        const s = await measure(build.server, page, i, build.label);
        samples[b].push(s);
        console.error(`${build.label} ${page} run ${i + 1}/${runs}: perf ${s.performance} TBT ${Math.round(s.tbt)} ms CLS ${s.cls.toFixed(3)} LCP ${Math.round(s.lcp)} ms`);
      }
    }
    for (const [b, build] of builds.entries()) {
      const row = { page, runs: samples[b].length };
      for (const key of Object.keys(samples[b][0])) {
        const values = samples[b].map((s) => s[key]);
        row[key] = median(values);
        row[`${key}Range`] = [Math.min(...values), Math.max(...values)];
      }
      build.results.push(row);
    }
  }
} finally {
  await chrome.kill();
  for (const build of builds) await build.server.close();
}

const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
for (const build of builds) {
  console.log(`\n${build.label}: Lighthouse ${version} mobile preset, median of ${runs} run(s), served with brotli + immutable /_astro/\n`);
  console.log('| page | performance | a11y | FCP | LCP | TBT | CLS | main thread | DOM elements | transferred |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of build.results) {
    console.log(
      `| \`${r.page}\` | ${r.performance.toFixed(2)} (${r.performanceRange.map((v) => v.toFixed(2)).join('-')}) | ${r.accessibility.toFixed(2)} | ${secs(r.fcp)} | ${secs(r.lcp)} | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${secs(r.mainThread)} | ${Math.round(r.dom)} | ${(r.bytes / 1024).toFixed(0)} KiB |`,
    );
  }
}
if (args.json) writeFileSync(String(args.json), JSON.stringify(Object.fromEntries(builds.map((b) => [b.label, b.results])), null, 2));
