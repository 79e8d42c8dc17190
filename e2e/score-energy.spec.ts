import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, showIsland } from './helpers';

const CHAPTER = '/score-matching/';

/** A readout as a number (the page prints a typographic minus). */
async function readNumber(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/−/g, '-'));
}

/** The four coefficients of a table row, as text (compared before and after a change). */
async function rowText(island: Locator, testId: string): Promise<string> {
  return (await island.getByTestId(testId).locator('td').allTextContents()).join(' ');
}

test.describe('score matching: energy-based models', () => {
  test('the quartic energy fit hydrates on WebGPU, autodiff confirms the linear-system minimiser, and the N slider refits', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="energy-fit"]');
    await expect(island).toHaveAttribute('data-backend', 'webgpu');
    await expect(island.getByTestId('backend-badge')).toContainText('WebGPU');
    const closed = await readNumber(page, 'energy-fit-objective');
    expect(await readNumber(page, 'energy-fit-autodiff')).toBeCloseTo(closed, 3);
    expect(await readNumber(page, 'energy-fit-gradient')).toBeLessThan(1e-3);
    await expect(island.locator('[data-testid="plot"] > [role="img"]')).toBeVisible();
    // Adam with autodiff gradients lowers J^ from its start (standard normal: mean z^2 / 2 - 1 = -0.5), never below the minimum.
    await island.getByTestId('energy-fit-toggle').click();
    await expect.poll(() => readNumber(page, 'energy-fit-descent-objective'), { timeout: 60_000 }).toBeLessThan(-0.6);
    await island.getByTestId('energy-fit-toggle').click();
    expect(await readNumber(page, 'energy-fit-descent-objective')).toBeGreaterThanOrEqual(closed - 1e-3);
    // The sample-size slider refits, writes the URL, and the autodiff check follows.
    const before = await rowText(island, 'energy-fit-ism');
    await pressSlider(island.locator('input[name="n"]'), 'ArrowLeft', 3);
    await expect.poll(() => page.url()).toContain('energy-fit.n=');
    await expect.poll(() => rowText(island, 'energy-fit-ism')).not.toBe(before);
    await expect.poll(async () => Math.abs((await readNumber(page, 'energy-fit-autodiff')) - (await readNumber(page, 'energy-fit-objective')))).toBeLessThan(1e-3);
    const outliers = await showIsland(page, '[data-island="outliers"]');
    await expect(outliers).toHaveAttribute('data-backend', 'webgpu');
    await expect(page.locator('body')).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });

  test('bad pasted data give a message and change nothing; good data are fitted', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="energy-fit"]');
    const before = await rowText(island, 'energy-fit-ism');
    await island.getByText('Use your own data').click();
    await island.locator('textarea').fill('1, 2, three, 4, 5');
    await island.getByTestId('energy-fit-use-data').click();
    await expect(island.getByTestId('notices')).toContainText('"three" is not a finite number');
    expect(await rowText(island, 'energy-fit-ism')).toBe(before);
    // Two distinct values: the 4 x 4 system is singular, which is said, not computed.
    await island.locator('textarea').fill('1 1 1 2 2 2');
    await island.getByTestId('energy-fit-use-data').click();
    await expect(island.getByTestId('notices')).toContainText('at least 4 distinct values');
    await expect(page.locator('body')).not.toContainText('NaN');
    await island.locator('textarea').fill('-2.1 -1.9 -1.5 -1.2 0.1 1.1 1.4 1.6 2.0 2.2');
    await island.getByTestId('energy-fit-use-data').click();
    await expect(island.getByTestId('notices')).toHaveCount(0);
    await expect.poll(() => rowText(island, 'energy-fit-ism')).not.toBe(before);
  });

  test('outliers move the estimates, and extreme settings show messages, never NaN', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="outliers"]');
    const gaussian = await rowText(island, 'outliers-row-0');
    const mle = await rowText(island, 'outliers-mle');
    await pressSlider(island.locator('input[name="k"]'), 'ArrowRight', 5);
    await expect.poll(() => page.url()).toContain('outliers.k=5');
    await expect.poll(() => rowText(island, 'outliers-row-0')).not.toBe(gaussian);
    expect(await rowText(island, 'outliers-mle')).not.toBe(mle);
    await expect.poll(() => readNumber(page, 'outliers-gradient')).toBeLessThan(1e-3);
    // One outlier at c = 4: score matching returns theta_4 > 0, which the island says is no density.
    await pressSlider(island.locator('input[name="k"]'), 'Home', 1);
    await pressSlider(island.locator('input[name="k"]'), 'ArrowRight', 1);
    await pressSlider(island.locator('input[name="at"]'), 'Home', 1);
    await pressSlider(island.locator('input[name="at"]'), 'ArrowRight', 4);
    await expect(island.getByTestId('notices')).toContainText('not a density');
    await expect(island.getByTestId('outliers-row-1')).toContainText('no density');
    for (const name of ['k', 'at']) await pressSlider(island.locator(`input[name="${name}"]`), 'End', 1);
    await expect.poll(() => page.url()).toContain('outliers.at=20');
    await expect(page.locator('body')).not.toContainText('NaN');
    const energy = await showIsland(page, '[data-island="energy-fit"]');
    await pressSlider(energy.locator('input[name="n"]'), 'Home', 1);
    await expect.poll(() => page.url()).toContain('energy-fit.n=20');
    await expect(page.locator('body')).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });

  test('?backend=cpu gives the same numbers as WebGPU', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    let island = await showIsland(page, '[data-island="energy-fit"]');
    const onGpu = { ism: await rowText(island, 'energy-fit-ism'), autodiff: await readNumber(page, 'energy-fit-autodiff') };
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu`);
    island = await showIsland(page, '[data-island="energy-fit"]');
    await expect(island).toHaveAttribute('data-backend', 'cpu');
    expect(await rowText(island, 'energy-fit-ism')).toBe(onGpu.ism);
    expect(await readNumber(page, 'energy-fit-autodiff')).toBeCloseTo(onGpu.autodiff, 3);
  });

  test('the neural energy trains by ISM on WebGPU: Adam steps lower J^, and the penalty slider restarts with its value in the URL', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="energy-mlp"]');
    await expect(island).toHaveAttribute('data-backend', 'webgpu');
    await expect(island.locator('[data-testid="plot"] > [role="img"]')).toBeVisible();
    expect(await readNumber(page, 'energy-mlp-iteration')).toBe(0);
    const start = await readNumber(page, 'energy-mlp-objective');
    await island.getByTestId('energy-mlp-toggle').click();
    await expect.poll(() => readNumber(page, 'energy-mlp-iteration'), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
    await island.getByTestId('energy-mlp-toggle').click();
    expect(await readNumber(page, 'energy-mlp-objective')).toBeLessThan(start);
    await pressSlider(island.locator('input[name="penalty"]'), 'Home', 1);
    await expect.poll(() => page.url()).toContain('energy-mlp.penalty=0');
    await expect.poll(() => readNumber(page, 'energy-mlp-iteration')).toBe(0);
    await expect(page.locator('body')).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });
});
