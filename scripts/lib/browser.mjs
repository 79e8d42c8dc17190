// Shared helpers for the Node scripts (test.mjs, verify.mjs, screenshots.mjs).
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'node_modules', '.bin');

/** Flags that give a working WebGPU (SwiftShader) adapter in headless Chromium. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const BROWSER_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** CHROMIUM_PATH if set and present, else the first system browser found, else null. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.warn(`CHROMIUM_PATH=${fromEnv} does not exist; looking elsewhere`);
  }
  return BROWSER_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Launch the system Chromium through Playwright (never a downloaded browser). */
export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      'No Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.',
    );
  }
  const { chromium } = await import('@playwright/test');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Environment for child processes: node_modules/.bin first, so `#!/usr/bin/env node` binaries
 * (astro, vitest, playwright) run under the project's Node 24 (devDependency `node`) even when
 * this script was started with an older system node.
 */
export function childEnv(extra = {}) {
  const PATH = [BIN, path.dirname(process.execPath), process.env.PATH].filter(Boolean).join(path.delimiter);
  return { ...process.env, PATH, ...extra };
}

/** Run a command with inherited stdio; resolves to its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT, env: childEnv(), ...opts });
    child.on('error', (err) => {
      console.error(`failed to start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (osConstants.signals[signal] ?? 1)));
  });
}

/** Path of a binary in node_modules/.bin (falls back to the bare name). */
export function bin(name) {
  const p = path.join(BIN, name);
  return existsSync(p) ? p : name;
}

/** Wait until `url` answers HTTP 200 (or timeout). */
export async function waitForHttp(url, timeoutMs = 60_000, child) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      lastErr = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms: ${lastErr?.message}`);
}

/**
 * Start `astro preview` on a free port of 127.0.0.1 serving dist/. Returns {url, stop()}.
 * Preview output is only shown if it fails to start.
 */
export async function startPreview() {
  if (!existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` first (or drop --no-build)');
  }
  const port = await freePort();
  const child = spawn(bin('astro'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/`, 60_000, child);
  } catch (err) {
    stopChild(child);
    throw new Error(`${err.message}\n--- astro preview output ---\n${log}`);
  }
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`astro preview exited unexpectedly (code ${code}, signal ${signal})\n--- astro preview output ---\n${log.slice(-4000)}`);
    }
  });
  return {
    url,
    child,
    stop: () => {
      stopping = true;
      stopChild(child);
    },
  };
}

function stopChild(child) {
  if (child.exitCode !== null) return;
  try {
    // Kill the whole process group we created (the preview and any children it spawned).
    if (process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
    else child.kill('SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** Minimal `--key=value` / `--flag` parser. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = { _: [] };
  for (const a of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (m) out[m[1]] = m[2] ?? true;
    else out._.push(a);
  }
  return out;
}

/** All site pages from dist/ (index.html files), as URL paths, excluding 404 and /bench/. */
export async function listSitePages(distDir = path.join(ROOT, 'dist')) {
  const { readdir } = await import('node:fs/promises');
  const pages = [];
  async function walk(dir, rel) {
    for (const ent of await readdir(dir, { withFileTypes: true })) {
      if (ent.isDirectory()) {
        if (ent.name === '_astro' || ent.name === 'pagefind') continue;
        await walk(path.join(dir, ent.name), `${rel}${ent.name}/`);
      } else if (ent.name === 'index.html') {
        pages.push(rel);
      }
    }
  }
  await walk(distDir, '/');
  return pages.filter((p) => !/^\/404\/?$/.test(p) && !/(^|\/)bench\//.test(p)).sort();
}

/** Scroll through the whole page in viewport steps so every client:visible island hydrates. */
export async function scrollThrough(page, { pauseMs = 150 } = {}) {
  await page.evaluate(async (pause) => {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const el = document.scrollingElement || document.documentElement;
    let y = 0;
    for (let i = 0; i < 500; i++) {
      window.scrollTo(0, y);
      await sleep(pause);
      if (y + window.innerHeight >= el.scrollHeight) break;
      y += Math.max(100, Math.floor(window.innerHeight * 0.8));
    }
    // Also scroll each island into view explicitly (covers scrollable containers).
    for (const node of document.querySelectorAll('astro-island, [data-derivation-id]')) {
      // <astro-island> is display: contents (no box of its own): scroll its first child.
      (node.tagName === 'ASTRO-ISLAND' && node.firstElementChild ? node.firstElementChild : node).scrollIntoView({ block: 'center' });
      await sleep(pause / 2);
    }
    window.scrollTo(0, 0);
  }, pauseMs);
}

/**
 * In-page function: until every island is hydrated and every `[data-ready]` element says "true",
 * scroll the first pending one to the middle of the viewport and wait for it. Islands compute only
 * while visible (they pause when scrolled away), so each one must stay in view until it is ready.
 * Resolves to the names of the islands still pending at the deadline (empty = all ready).
 */
export const SETTLE_ISLANDS_IN_PAGE = async (timeout) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const deadline = performance.now() + timeout;
  const pendingEls = () => [
    ...document.querySelectorAll('astro-island[ssr]:is([client="visible"],[client="idle"],[client="load"])'),
    ...[...document.querySelectorAll('[data-ready]')].filter((e) => e.getAttribute('data-ready') !== 'true'),
  ];
  const name = (e) => {
    const host = e.closest('[data-derivation-id], [data-island]') || e.querySelector('[data-derivation-id], [data-island]');
    const n = host?.getAttribute('data-derivation-id') || host?.getAttribute('data-island') || e.id;
    if (n) return n;
    if (e.tagName === 'ASTRO-ISLAND') return `astro-island ${(e.getAttribute('component-url') || '').split('/').pop()} (not hydrated)`;
    return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
  };
  let pending = pendingEls();
  while (pending.length && performance.now() < deadline) {
    const el = pending[0];
    // <astro-island> is display: contents: scrolling it does nothing, so scroll its first child.
    (el.tagName === 'ASTRO-ISLAND' && el.firstElementChild ? el.firstElementChild : el).scrollIntoView({ block: 'center' });
    const isDone = () =>
      !el.isConnected || (el.tagName === 'ASTRO-ISLAND' ? !el.hasAttribute('ssr') : el.getAttribute('data-ready') === 'true');
    while (!isDone() && performance.now() < deadline) await sleep(100);
    pending = pendingEls();
  }
  return pending.map(name);
};

/** Hydrate and settle every island (see SETTLE_ISLANDS_IN_PAGE); returns names still pending. */
export async function settleIslands(page, timeoutMs = 60_000) {
  await scrollThrough(page);
  const pending = await page.evaluate(SETTLE_ISLANDS_IN_PAGE, timeoutMs);
  await page.evaluate(() => window.scrollTo(0, 0));
  return pending;
}
