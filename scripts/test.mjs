#!/usr/bin/env node
// `npm test`: browser check -> type check -> unit tests (with chart snapshots) -> build (with the MDX
// derivation check) -> verify (derivations in a real browser) -> e2e.
// Stops at the first failing stage with its exit code.
import { spawnSync } from 'node:child_process';
import { ROOT, bin, findChromium, freePort, run, childEnv } from './lib/browser.mjs';

const t0 = Date.now();
const done = [];
const STAGES = 6;
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

function header(n, title) {
  console.log(`\n${'='.repeat(72)}\n[test ${n}/${STAGES}] ${title}\n${'='.repeat(72)}`);
}

function finish(code, failed) {
  const summary = done.map(([n, ms]) => `${n} ${secs(ms)}`).join(', ');
  if (code === 0) {
    console.log(`\nnpm test: PASS — all stages passed (${summary}) in ${secs(Date.now() - t0)}`);
  } else {
    console.log(
      `\nnpm test: FAIL — stage "${failed}" exited with code ${code}` +
        (summary ? ` (passed: ${summary})` : '') +
        ` after ${secs(Date.now() - t0)}`,
    );
  }
  process.exit(code);
}

async function stage(n, name, fn) {
  header(n, name);
  const s = Date.now();
  const code = await fn();
  if (code !== 0) finish(code, name);
  done.push([name, Date.now() - s]);
}

// (a) browser
await stage(1, 'browser', async () => {
  let exe = findChromium();
  if (!exe) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      console.error(
        'No Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome).\n' +
          'Install one:\n  Debian/Ubuntu: sudo apt-get install chromium\n' +
          'or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
      );
      return 1;
    }
    console.log('No Chromium found; running as root, installing with apt-get ...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const r = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error('apt-get install chromium failed');
      return r.status || 1;
    }
    exe = findChromium();
    if (!exe) {
      console.error('chromium was installed but no binary was found at the known paths; set CHROMIUM_PATH');
      return 1;
    }
  }
  process.env.CHROMIUM_PATH = exe; // inherited by every later stage
  const v = spawnSync(exe, ['--version'], { encoding: 'utf8' });
  console.log(`using ${exe}${v.stdout ? ` (${v.stdout.trim()})` : ''}; node ${process.version}`);
  return 0;
});

// (b) type check: `astro sync` writes .astro/types.d.ts (astro:content, import.meta.glob), then tsc
await stage(2, 'types (astro sync && tsc --noEmit)', async () => {
  const code = await run(bin('astro'), ['sync'], { cwd: ROOT });
  return code !== 0 ? code : run(bin('tsc'), ['--noEmit'], { cwd: ROOT });
});

// (c) unit tests
await stage(3, 'unit tests (vitest run)', () => run(bin('vitest'), ['run', '--exclude', 'e2e/**'], { cwd: ROOT }));

// (d) build; src/build/check-derivations.ts fails it on a misnamed model, evaluator or relation in MDX.
// The same site is built again for hosting under a sub-path (e2e/subpath.spec.ts serves it at /course/).
await stage(4, 'build (astro build; SITE_BASE=/course/ astro build --outDir dist-course)', async () => {
  const code = await run(bin('astro'), ['build'], { cwd: ROOT });
  if (code !== 0) return code;
  const started = Date.now();
  const subpath = await run(bin('astro'), ['build', '--outDir', 'dist-course'], { cwd: ROOT, env: childEnv({ SITE_BASE: '/course/' }) });
  console.log(`sub-path build: ${secs(Date.now() - started)}`);
  return subpath;
});

// (e) verify every derivation in the browser, on the build from (d)
await stage(5, 'verify derivations (scripts/verify.mjs --no-build)', () =>
  run(process.execPath, ['scripts/verify.mjs', '--no-build'], { cwd: ROOT }),
);

// (f) end-to-end page checks
await stage(6, 'e2e (playwright test)', async () => {
  const port = process.env.E2E_PORT || String(await freePort());
  console.log(`serving dist/ for the e2e tests on http://127.0.0.1:${port}`);
  return run(bin('playwright'), ['test'], { cwd: ROOT, env: childEnv({ E2E_PORT: port }) });
});

finish(0);
