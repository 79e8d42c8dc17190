import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, showIsland } from './helpers';

const CHAPTER = '/score-matching-practice/';
/** Small sizes keep SwiftShader (WebGPU on the CPU) quick; the island's own defaults are larger. */
const SMALL = 'score-dsm.batch=64&score-dsm.particles=500&score-dsm.steps=10';

const numberOf = async (locator: Locator, attribute = 'data-value') => Number(await locator.getAttribute(attribute));

test.describe('A score network trained in the browser', () => {
  test('trains on WebGPU, the loss falls, annealed sampling improves the energy distance', async ({ page }) => {
    test.setTimeout(150_000);
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?${SMALL}&score-dsm.rate=0.01`);
    const island = page.locator('[data-island="score-dsm"]');
    await island.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(island).toHaveAttribute('data-backend', 'webgpu');
    await expect(island.getByTestId('backend-badge')).toContainText('WebGPU');
    const baseline = await page.evaluate(() => window.__liveRuntime!.numTensors());

    await island.getByTestId('score-dsm-toggle').click();
    const loss = island.getByTestId('score-dsm-loss');
    await expect(loss).toHaveAttribute('data-value', /\d/, { timeout: 30_000 });
    const first = await numberOf(loss);
    await expect.poll(async () => Number(await island.getByTestId('score-dsm-iteration').textContent()), { timeout: 100_000 }).toBeGreaterThanOrEqual(120);
    await island.getByTestId('score-dsm-toggle').click();
    const last = await numberOf(loss);
    expect(Number.isFinite(first) && Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first - 0.05);

    await island.getByTestId('score-dsm-run-annealed').click();
    await expect(island.getByTestId('score-dsm-steps')).toHaveText('100 of 100', { timeout: 60_000 });
    // The learned score's steps run the fused WGSL update (GPU random numbers) once it passed its self-check.
    await expect(island.getByTestId('score-dsm-path')).toHaveText('fused WGSL kernel');
    const quality = island.getByTestId('score-dsm-quality');
    const [end, start] = [await numberOf(quality), await numberOf(quality, 'data-start')];
    expect(Number.isFinite(end)).toBe(true);
    expect(end).toBeLessThan(start);
    expect(Number(await island.getByTestId('score-dsm-floor').textContent())).toBeGreaterThan(0);
    await expect(island.getByTestId('score-dsm-shares')).toHaveText(/^\d\.\d\d \/ \d\.\d\d \/ \d\.\d\d$/);

    await pressSlider(island.locator('input[name="steps"]'), 'ArrowRight', 1);
    await expect.poll(() => page.url()).toContain('score-dsm.steps=20');
    await expect(island.getByTestId('score-dsm-mode')).toHaveText('not started');
    // Paused and finished: only the trainer's own tensors remain beside the page's baseline.
    const settled = await page.evaluate(() => window.__liveRuntime!.numTensors());
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__liveRuntime!.numTensors())).toBe(settled);
    expect(settled).toBeGreaterThanOrEqual(baseline);
    expect(errors.errors).toEqual([]);
  });

  test('on the CPU backend it uses fewer particles and says so', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu&score-dsm.steps=10`);
    const island = page.locator('[data-island="score-dsm"]');
    await island.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(island).toHaveAttribute('data-backend', 'cpu');
    await expect(island.getByTestId('score-dsm-sizes')).toContainText('1,000 particles');
    await expect(island.getByTestId('score-dsm-sizes')).toContainText('CPU backend');
    await island.getByTestId('score-dsm-toggle').click();
    await expect.poll(async () => Number(await island.getByTestId('score-dsm-iteration').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    await island.getByTestId('score-dsm-toggle').click();
    await island.getByTestId('score-dsm-run-plain').click();
    // The CPU backend is slow: a few readbacks of the run suffice.
    await expect(island.getByTestId('score-dsm-steps')).toHaveText(/^([2-9]\d|100) of 100$/, { timeout: 60_000 });
    expect(Number.isFinite(await numberOf(island.getByTestId('score-dsm-quality')))).toBe(true);
    await expect(island.getByTestId('score-dsm-path')).toHaveText('tfjs ops');
    expect(errors.errors).toEqual([]);
  });

  test('bad URL values give a message; drawing needs enough points', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?score-dsm.eps=abc&score-dsm.data=bogus&score-dsm.particles=1e9&${SMALL.replace('score-dsm.particles=500&', '')}`);
    const island = page.locator('[data-island="score-dsm"]');
    await island.scrollIntoViewIfNeeded();
    const notices = island.getByTestId('notices');
    await expect(notices).toContainText('"score-dsm.eps"');
    await expect(notices).toContainText('"score-dsm.data"');
    await expect(notices).toContainText('"score-dsm.particles" is outside');
    await expect(island.locator('input[name="particles"]')).toHaveValue('20000');

    await island.getByTestId('score-dsm-data').selectOption('drawn');
    await expect(notices).toContainText('Draw at least 20 points');
    await expect(island.getByTestId('score-dsm-toggle')).toBeDisabled();
    await expect(island.getByTestId('score-dsm-run-annealed')).toBeDisabled();
    const pad = island.getByTestId('score-dsm-drawpad');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let i = 1; i <= 40; i += 1) await page.mouse.move(box.x + box.width * (0.2 + 0.015 * i), box.y + box.height * (0.5 - 0.008 * i));
    await page.mouse.up();
    expect(Number(await island.getByTestId('score-dsm-drawn-count').textContent())).toBeGreaterThanOrEqual(20);
    await expect(island.getByText('Draw at least 20 points')).toHaveCount(0);
    await expect(island.getByTestId('score-dsm-toggle')).toBeEnabled({ timeout: 30_000 });
    await expect.poll(() => page.url()).toContain('score-dsm.data=drawn');
    // The drawn points are part of the link (4 characters a point): opening it gives the same points back.
    const drawnCount = await island.getByTestId('score-dsm-drawn-count').textContent();
    await expect.poll(() => new URL(page.url()).searchParams.get('score-dsm.drawn')?.length).toBe(4 * Number(drawnCount));
    const link = page.url();
    await gotoAndSettle(page, link.replace(/^https?:\/\/[^/]+/, ''));
    const shared = await showIsland(page, '[data-island="score-dsm"]');
    await expect(shared.getByTestId('score-dsm-drawn-count')).toHaveText(drawnCount ?? '');
    await expect(shared.getByTestId('score-dsm-data')).toHaveValue('drawn');
    await expect(shared.getByTestId('notices')).toHaveCount(0);
    await shared.getByTestId('score-dsm-clear').click();
    await expect.poll(() => page.url()).not.toContain('score-dsm.drawn=');
    await expect(shared.getByTestId('notices')).toContainText('Draw at least 20 points');
    expect(errors.errors).toEqual([]);
  });
});
