import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const isCI = !!process.env.CI;
// scripts/test.mjs picks a free port and passes it as E2E_PORT, so `npm test` never collides with (or
// silently reuses) a preview someone left running on 4321. `npx playwright test` alone uses 4321.
const port = Number(process.env.E2E_PORT || 4321);
const baseURL = `http://127.0.0.1:${port}`;

// Never a downloaded browser (`npx playwright install` cannot reach its CDN here): the system Chromium.
const executablePath =
  process.env.CHROMIUM_PATH ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ||
  '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['**/*.bench.ts'],
  fullyParallel: false,
  forbidOnly: isCI,
  workers: isCI ? 1 : 2,
  retries: 0,
  reporter: 'list',
  // WebGPU on SwiftShader (CPU) is slow; axe on long chapters is too.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    // The built site registers a service worker that precaches the whole course; only the specs
    // about it (offline*, subpath*) allow it, so the other specs test the network-only site.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath,
      args: [
        '--enable-unsafe-webgpu',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // The site is prebuilt (npm test runs `astro build` first); this only serves dist/.
  // If dist/ is missing the e2e helpers fail with a clear message.
  webServer: {
    // --ignore-lock: Astro 7 refuses a second preview of the same project (and `--force` elsewhere would
    // kill ours); this server is private to the test run.
    command: `npx --no-install astro preview --host 127.0.0.1 --port ${port} --ignore-lock`,
    url: `${baseURL}/`,
    reuseExistingServer: !isCI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
