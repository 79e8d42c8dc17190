import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, showIsland, stepValues } from './helpers';

// The compute worker: derivations and trainers run in one worker per page, the backend is chosen
// by measurement (cached in localStorage), a killed worker is restarted once, then the main thread.
const KL = '/kl-divergence/';
const VI = '/variational-inference/';
const MC = '[data-derivation-id="kl-monte-carlo"]';
const DEFAULT_KL = Math.log(1.5) + 2 / 4.5 - 0.5;

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const info = (page: Page) => page.evaluate(() => window.__liveCompute!.info());
const thread = (page: Page) => page.evaluate(() => window.__liveCompute!.thread());

test('derivations compute in the worker; the automatic choice is measured, cached and explained on the badge', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoAndSettle(page, KL, { backend: 'auto' });
  const island = await showIsland(page, MC);
  await expect(island.locator('[data-ready="true"]')).toBeVisible({ timeout: 180_000 });
  expect(await thread(page)).toBe('worker');
  const first = await info(page);
  expect(first.forced).toBe(false);
  expect(first.cached).toBe(false);
  // Every candidate that passed its smoke test has a timing (or a stated reason) per class.
  for (const backend of ['wasm', 'cpu'] as const) expect(Object.keys(first.timings[backend] ?? {})).toEqual(['eval', 'train', 'sample']);
  const chosen = first.choice.eval.backend;
  await expect(island.locator('[data-ready="true"]')).toHaveAttribute('data-backend', chosen);
  const badge = island.getByTestId('backend-badge');
  await expect(badge).toContainText('in a worker');
  await expect(badge).toHaveAttribute('data-backend', chosen);
  if (chosen !== 'webgpu') {
    // Not WebGPU: the badge says why, e.g. "WASM (SIMD) ...: 40x faster here than this software WebGPU adapter".
    await expect(island.getByTestId('backend-reason')).toContainText(first.choice.eval.reason!);
    if (first.softwareAdapter) await expect(island.getByTestId('backend-reason')).toContainText(/software WebGPU adapter|WebGPU unavailable/);
  }
  // A software WebGPU adapter wins no class where another backend was measured faster.
  if (first.softwareAdapter) {
    for (const work of ['eval', 'train', 'sample'] as const) {
      const gpu = first.timings.webgpu?.[work];
      const win = first.timings[first.choice[work].backend]?.[work];
      if (first.choice[work].backend === 'webgpu' && typeof gpu === 'number') {
        for (const other of Object.values(first.timings)) expect(typeof other?.[work] === 'number' ? (other[work] as number) * 1.1 : Infinity).toBeGreaterThanOrEqual(gpu);
      } else {
        expect(win).toBeDefined();
      }
    }
  }
  // The second visit reuses the timings from localStorage.
  await gotoAndSettle(page, KL, { backend: 'auto' });
  await expect((await showIsland(page, MC)).locator('[data-ready="true"]')).toBeVisible({ timeout: 120_000 });
  const second = await info(page);
  expect(second.cached).toBe(true);
  expect(second.choice).toEqual(first.choice);
  // No tfjs tensors on the main thread: the test hook's tensor count comes from the worker.
  expect(await page.evaluate(() => window.__liveRuntime!.source)).toBe('compute');
  await expect(page.locator('body')).not.toContainText('NaN');
  expect(errors.errors).toEqual([]);
});

for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
  test(`?backend=${backend} forces ${backend} for all work, in the worker`, async ({ page }) => {
    await gotoAndSettle(page, `${KL}?backend=${backend}`);
    const island = await showIsland(page, MC);
    await expect(island.locator('[data-ready="true"]')).toHaveAttribute('data-backend', backend, { timeout: 120_000 });
    await expect(island.getByTestId('backend-badge')).toContainText({ cpu: 'CPU', wasm: 'WASM (SIMD', webgl: 'WebGL' }[backend]);
    await expect(island.getByTestId('backend-reason')).toHaveCount(0);
    const forced = await info(page);
    expect(forced.forced).toBe(true);
    expect(new Set(Object.values(forced.choice).map((c) => c.backend))).toEqual(new Set([backend]));
    const values = await stepValues(page, 'kl-monte-carlo');
    // The defaults mu1 = 0, sd1 = 1, mu2 = 1, sd2 = 1.5 in closed form.
    expect(values[0]).toBeCloseTo(DEFAULT_KL, 4);
  });
}

test('a killed worker is restarted once and the islands recompute with a notice; a second kill moves compute to the main thread; the reader\'s settings survive', async ({ page }) => {
  await gotoAndSettle(page, `${KL}?backend=cpu`);
  const island = await showIsland(page, MC);
  await expect(island.locator('[data-ready="true"]')).toBeVisible({ timeout: 120_000 });
  await pressSlider(island.locator('input[name="mu2"]'), 'ArrowRight', 10);
  await expect.poll(() => page.url()).toContain('kl-monte-carlo.mu2=1.5');
  const expected = Math.log(1.5) + 3.25 / 4.5 - 0.5;
  await expect.poll(async () => (await stepValues(page, 'kl-monte-carlo'))[0], { timeout: 60_000 }).toBeCloseTo(expected, 4);

  await page.evaluate(() => window.__liveCompute!.crash());
  await expect(island.getByTestId('notices')).toContainText('was restarted and the numbers were recomputed', { timeout: 120_000 });
  await expect.poll(() => page.evaluate(() => window.__liveCompute!.generation())).toBe(1);
  expect(await thread(page)).toBe('worker');
  await expect(island.locator('input[name="mu2"]')).toHaveValue('1.5');
  await expect.poll(async () => (await stepValues(page, 'kl-monte-carlo'))[0], { timeout: 60_000 }).toBeCloseTo(expected, 4);
  await expect(island.locator('[data-ready="true"]')).toBeVisible();

  await page.evaluate(() => window.__liveCompute!.crash());
  await expect(island.getByTestId('notices')).toContainText('computing on the main thread', { timeout: 120_000 });
  expect(await thread(page)).toBe('main');
  await expect(island.getByTestId('backend-badge')).toContainText('on the main thread');
  // Still live: a slider move updates the numbers (now computed on the main thread).
  await pressSlider(island.locator('input[name="mu2"]'), 'ArrowLeft', 10);
  await expect.poll(async () => (await stepValues(page, 'kl-monte-carlo'))[0], { timeout: 60_000 }).toBeCloseTo(DEFAULT_KL, 4);
  await expect(page.locator('body')).not.toContainText('NaN');
});

test('without a worker (?no-worker) islands compute on the main thread and the badge says so', async ({ page }) => {
  await gotoAndSettle(page, `${KL}?backend=cpu&no-worker`);
  const island = await showIsland(page, MC);
  await expect(island.locator('[data-ready="true"]')).toBeVisible({ timeout: 120_000 });
  expect(await thread(page)).toBe('main');
  await expect(island.getByTestId('backend-badge')).toContainText('on the main thread');
  await expect(island.getByTestId('notices')).toContainText('the compute worker did not start');
});

test('the VAE trains in the worker: pause stops it, a killed worker gives a fresh network and a notice, tensors are freed', async ({ page }) => {
  await gotoAndSettle(page, `${VI}?backend=wasm`);
  const vae = await showIsland(page, '[data-island="vae"]');
  await expect(vae).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  await expect(vae).toHaveAttribute('data-backend', 'wasm');
  await expect(vae.getByTestId('backend-badge')).toContainText('in a worker');
  const epoch = async () => Number(await vae.getByTestId('vae-epoch').textContent());
  await vae.getByTestId('vae-toggle').click();
  await expect.poll(epoch, { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  await vae.getByTestId('vae-toggle').click();
  await expect(vae.getByTestId('vae-toggle')).toHaveText('Start');
  await page.waitForTimeout(500);
  const pausedAt = await epoch();
  await page.waitForTimeout(2000);
  expect(await epoch()).toBe(pausedAt);
  const baseline = await page.evaluate(() => window.__liveCompute!.memory());

  await page.evaluate(() => window.__liveCompute!.crash());
  await expect(vae.getByTestId('notices')).toContainText('was restarted', { timeout: 120_000 });
  await expect.poll(epoch, { timeout: 60_000 }).toBe(0);
  // The new worker holds one fresh network, as the old one did after its pause.
  await expect.poll(async () => (await page.evaluate(() => window.__liveCompute!.memory())).hosted).toBe(baseline.hosted);
  await vae.getByTestId('vae-step').click();
  await expect.poll(epoch, { timeout: 60_000 }).toBe(1);
  await expect(vae.getByTestId('vae-elbo')).not.toContainText('NaN');
});
