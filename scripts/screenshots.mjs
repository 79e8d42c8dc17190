#!/usr/bin/env node
// Full-page screenshots of a running site (builds nothing, starts no server).
//
// Usage: node scripts/screenshots.mjs [--base=http://127.0.0.1:4321] [--out=.shots] [/path/ ...]
//   default paths: / and /kl-divergence/; widths 1280 and 375; themes light and dark.
//   Files: <out>/<slug>-<width>-<theme>.png (slug "index" for /).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, launchChromium, parseArgs, settleIslands } from './lib/browser.mjs';

const args = parseArgs();
const BASE = typeof args.base === 'string' ? args.base : 'http://127.0.0.1:4321';
const OUT = path.resolve(ROOT, typeof args.out === 'string' ? args.out : '.shots');
const PATHS = args._.length ? args._ : ['/', '/kl-divergence/'];
const WIDTHS = [1280, 375];
const THEMES = ['light', 'dark'];
const READY_TIMEOUT = 60_000;

const slugOf = (p) => p.replace(/^\/+|\/+$/g, '').replace(/[^a-zA-Z0-9._-]+/g, '_') || 'index';

async function main() {
  try {
    const res = await fetch(new URL('/', BASE));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    console.error(`screenshots: no server at ${BASE} (${err.message}). Start one, e.g. \`npm start\`, or pass --base=URL.`);
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  let failed = 0;
  try {
    for (const theme of THEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: theme });
        await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        for (const p of PATHS) {
          const page = await context.newPage();
          const file = path.join(OUT, `${slugOf(p)}-${width}-${theme}.png`);
          try {
            const res = await page.goto(new URL(p, BASE).toString(), { waitUntil: 'load' });
            if (!res || !res.ok()) throw new Error(`GET ${p} -> ${res ? res.status() : 'no response'}`);
            const pending = await settleIslands(page, READY_TIMEOUT);
            const ready = pending.length === 0;
            await page.waitForLoadState('networkidle').catch(() => {});
            await page.evaluate(() => document.fonts?.ready.then(() => undefined));
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.screenshot({ path: file, fullPage: true });
            console.log(`${ready ? 'ok  ' : 'WARN'} ${path.relative(ROOT, file)}${ready ? '' : ` (not ready after ${READY_TIMEOUT / 1000}s: ${pending.join(', ')})`}`);
          } catch (err) {
            failed++;
            console.error(`FAIL ${path.relative(ROOT, file)}: ${err.message.split('\n')[0]}`);
          } finally {
            await page.close();
          }
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
