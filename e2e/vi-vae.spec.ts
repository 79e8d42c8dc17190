import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, showIsland } from './helpers';

const CHAPTER = '/variational-inference/';

const number = (text: string | null) => Number((text ?? '').replace(/−/g, '-'));
const read = async (island: Locator, testId: string) => number(await island.getByTestId(testId).textContent());
const liveTensors = (page: Page) => page.evaluate(() => (window as unknown as { __liveRuntime: { numTensors: () => number } }).__liveRuntime.numTensors());

test.describe('VAE island', () => {
  // SwiftShader runs WebGPU on the CPU: an epoch (four steps and a readback) takes seconds there.
  test.setTimeout(150_000);

  test('trains on WebGPU: the ELBO rises, its terms add up, no tensor leaks, restart and reset start over, and ?backend=cpu agrees', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const vae = await showIsland(page, '[data-island="vae"]');
    await expect(vae).toHaveAttribute('data-backend', 'webgpu');
    await expect(vae.getByTestId('backend-badge')).toContainText('WebGPU');
    await expect(vae.getByTestId('vae-epoch')).toHaveText('0');
    const initial = await read(vae, 'vae-elbo');
    expect(Number.isFinite(initial)).toBe(true);

    await vae.getByTestId('vae-step').click();
    await expect(vae.getByTestId('vae-epoch')).toHaveText('1', { timeout: 30_000 });
    const tensors = await liveTensors(page);
    await vae.getByTestId('vae-toggle').click();
    await expect.poll(() => read(vae, 'vae-epoch'), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    await vae.getByTestId('vae-toggle').click();
    await expect(vae.getByTestId('vae-toggle')).toHaveText('Start');
    // The frame in flight at the pause still finishes; then the count is back where it was.
    await expect.poll(() => liveTensors(page), { timeout: 20_000 }).toBe(tensors);
    // Paused means paused: no further epoch lands (an epoch takes about 3 s on SwiftShader).
    const pausedAt = await read(vae, 'vae-epoch');
    await page.waitForTimeout(4000);
    expect(await read(vae, 'vae-epoch')).toBe(pausedAt);

    const [elbo, reconstruction, kl] = await Promise.all(['vae-elbo', 'vae-reconstruction', 'vae-kl'].map((id) => read(vae, id)));
    expect(elbo).toBeGreaterThan(initial + 0.5);
    expect(kl).toBeGreaterThan(0);
    expect(reconstruction - kl).toBeCloseTo(elbo, 3);
    await expect(vae.locator('[data-testid="plot"] > [role="img"]')).toHaveCount(4);
    await expect(vae).not.toContainText('NaN');

    await vae.getByTestId('vae-restart').click();
    await expect(vae.getByTestId('vae-epoch')).toHaveText('0', { timeout: 30_000 });
    await vae.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(vae.getByTestId('vae-epoch')).toHaveText('0');
    await expect.poll(() => read(vae, 'vae-elbo'), { timeout: 30_000 }).toBeCloseTo(initial, 4);

    // Same seeded weights and draws on the cpu backend: the same first ELBO, and a step trains.
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu`);
    const onCpu = await showIsland(page, '[data-island="vae"]');
    await expect(onCpu).toHaveAttribute('data-backend', 'cpu');
    expect(await read(onCpu, 'vae-elbo')).toBeCloseTo(initial, 3);
    await onCpu.getByTestId('vae-step').click();
    await expect(onCpu.getByTestId('vae-epoch')).toHaveText('1', { timeout: 30_000 });
    expect(await read(onCpu, 'vae-elbo')).toBeGreaterThan(initial);
    expect(errors.errors).toEqual([]);
  });

  test('the data set, latent dimension and sliders change the numbers and the URL; a bad URL value gives a message', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    // The wiring does not depend on the backend; the cpu backend rebuilds the model much faster than SwiftShader.
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu`);
    const vae = await showIsland(page, '[data-island="vae"]');
    const ringGaussian = await read(vae, 'vae-gaussian');
    const ringElbo = await read(vae, 'vae-elbo');
    await vae.getByLabel('two moons').check();
    await expect.poll(() => page.url()).toContain('vae.data=moons');
    await expect.poll(() => read(vae, 'vae-gaussian'), { timeout: 30_000 }).not.toBeCloseTo(ringGaussian, 3);
    await expect.poll(() => read(vae, 'vae-elbo'), { timeout: 30_000 }).not.toBeCloseTo(ringElbo, 3);
    const moonsElbo = await read(vae, 'vae-elbo');
    await vae.getByLabel('1', { exact: true }).check();
    await expect.poll(() => page.url()).toContain('vae.dz=1');
    await expect.poll(() => read(vae, 'vae-elbo'), { timeout: 30_000 }).not.toBeCloseTo(moonsElbo, 3);
    const oneDimElbo = await read(vae, 'vae-elbo');
    await pressSlider(vae.locator('input[name="hidden"]'), 'ArrowLeft', 1);
    await expect.poll(() => page.url()).toContain('vae.hidden=28');
    await expect.poll(() => read(vae, 'vae-elbo'), { timeout: 30_000 }).not.toBeCloseTo(oneDimElbo, 3);
    await pressSlider(vae.locator('input[name="rate"]'), 'ArrowRight', 1);
    await expect.poll(() => page.url()).toContain('vae.rate=0.011');
    await expect(vae.getByTestId('vae-epoch')).toHaveText('0');
    expect(errors.errors).toEqual([]);

    await gotoAndSettle(page, `${CHAPTER}?backend=cpu&vae.dz=7`);
    const tampered = await showIsland(page, '[data-island="vae"]');
    await expect(tampered.getByTestId('notices')).toContainText('dz');
    await expect(tampered.getByTestId('vae-epoch')).toHaveText('0');

    // A link from before the data set was a word (vae.data=1) still opens two moons.
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu&vae.data=1&vae.dz=1`);
    const old = await showIsland(page, '[data-island="vae"]');
    await expect(old.getByRole('radio', { name: 'two moons' })).toBeChecked();
    await expect(old.getByRole('radio', { name: '1', exact: true })).toBeChecked();
    await expect(old.getByTestId('notices')).toHaveCount(0);
  });
});

test('ELBO ascent: more draws M shrink the measured gradient spread as 1/sqrt(M), in line with its closed form', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoAndSettle(page, CHAPTER);
  const ascent = await showIsland(page, '[data-island="elbo-ascent"]');
  const spread = async () => ((await ascent.getByTestId('elbo-ascent-grad-sd-mean').textContent()) ?? '').replace(/[()]/g, '').split(' ').map(number);
  const [measured8, exact8] = await spread();
  expect(Math.abs(measured8 / exact8 - 1)).toBeLessThan(0.15);
  await pressSlider(ascent.locator('input[name="draws"]'), 'ArrowRight', 24);
  await expect.poll(() => page.url()).toContain('elbo-ascent.draws=32');
  await expect.poll(async () => (await spread())[1]).toBeCloseTo(exact8 / 2, 1);
  const [measured32, exact32] = await spread();
  expect(Math.abs(measured32 / exact32 - 1)).toBeLessThan(0.15);
  expect(measured8 / measured32).toBeGreaterThan(1.6);
  await expect(ascent.locator('[data-testid="plot"] > [role="img"]').first()).toBeVisible();
  expect(errors.errors).toEqual([]);
});
