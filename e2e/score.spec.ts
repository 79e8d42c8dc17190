import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { collectConsoleErrors, expectIslandsOnWebGpu, gotoAndSettle, showIsland, stepValues } from './helpers';

const CHAPTER = '/score-matching/';

/** A readout as a number (the page prints a typographic minus). */
async function readNumber(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/−/g, '-'));
}

/** J_ESM for p = N(m, s^2), q = N(mu, sigma^2): (a^2 s^2 + (a m + b)^2) / 2 with a = 1/s^2 - 1/sigma^2, b = mu/sigma^2 - m/s^2. */
function explicitScoreMatching(m: number, s: number, mu: number, sigma: number): number {
  const a = 1 / (s * s) - 1 / (sigma * sigma);
  const b = mu / (sigma * sigma) - m / (s * s);
  return 0.5 * (a * a * s * s + (a * m + b) ** 2);
}

test.describe('score matching chapter islands', () => {
  test('every island hydrates on WebGPU, every step is as expected and the known mistakes are caught', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    expect(await expectIslandsOnWebGpu(page)).toBeGreaterThanOrEqual(7);
    await expect(page.locator('[data-derivation-id] [data-expected="false"]')).toHaveCount(0);
    for (const [id, step] of [['esm-ism-sample', 'ismOnSample'], ['gaussian-ism-source', 'sourceLoss']]) {
      await expect(page.locator(`[data-derivation-id="${id}"] .ld-step-result[data-step-id="${step}"]`)).toHaveAttribute('data-holds', 'false');
    }
    // J_ESM = 41/162 at the defaults, and J_ESM - J_ISM = 1/(2 s^2) = 0.5.
    const esm = await stepValues(page, 'esm-to-ism');
    expect(esm[0]).toBeCloseTo(41 / 162, 5);
    expect(esm[0] - esm[3]).toBeCloseTo(0.5, 5);
    // The sample ISM minimum -1/(2S) agrees between the derivation and the loss-surface island.
    const ism = await stepValues(page, 'gaussian-ism');
    expect(ism[3]).toBeCloseTo(-1 / (2 * (await readNumber(page, 'ism-loss-variance'))), 4);
    // SSM: the closed form at the defaults (rho = 0.5, K11 = 1, K22 = 2, K12 = -0.3 sqrt 2).
    const c = -0.3 * Math.SQRT2;
    const ssm = await stepValues(page, 'sliced-score-matching');
    expect(ssm[0]).toBeCloseTo(0.5 * (1 + 2 * c * c + 4 + 2 * 0.5 * c * 3) - 3, 6);
    await expect(page.locator('body')).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });

  test('a slider move changes the numbers and the URL, and reset restores both', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const derivation = await showIsland(page, '[data-derivation-id="esm-to-ism"]');
    const slider = derivation.locator('input[name="mu"]');
    await slider.focus();
    for (let i = 0; i < 10; i += 1) await slider.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('esm-to-ism.mu=1.5');
    await expect.poll(async () => (await stepValues(page, 'esm-to-ism'))[0]).toBeCloseTo(explicitScoreMatching(0, 1, 1.5, 1.5), 5);
    // The constant 1/(2 s^2) does not move with mu.
    await expect.poll(async () => { const v = await stepValues(page, 'esm-to-ism'); return v[0] - v[3]; }).toBeCloseTo(0.5, 5);
    await derivation.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => page.url()).not.toContain('esm-to-ism.mu=');
  });

  test('the score field follows its sliders: one mode (d = 0) has a score of 0 at the centre cell', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const field = await showIsland(page, '[data-island="score-field"]');
    await expect(field.locator('[data-testid="plot"] > [role="img"]')).toBeVisible();
    const slider = field.locator('input[name="d"]');
    await slider.focus();
    await slider.press('Home');
    await expect.poll(() => page.url()).toContain('score-field.d=0');
    await expect.poll(() => readNumber(page, 'score-field-shortest')).toBeLessThan(1e-4);
    // Peak of w e^{-Q/2} + (1 - w) e^{-Q/2} at the shared mode is ln 1 = 0 (no normaliser).
    await expect.poll(() => readNumber(page, 'score-field-peak')).toBeGreaterThan(-0.01);
  });

  test('gradient descent on the sample ISM loss ends at (xbar, S)', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="ism-loss"]');
    await expect(island.locator('[data-testid="plot"] > [role="img"]')).toBeVisible();
    const [mu, v] = ((await page.getByTestId('ism-loss-end').textContent()) ?? '').replace(/−/g, '-').split(',').map(Number);
    expect(mu).toBeCloseTo(await readNumber(page, 'ism-loss-mean'), 2);
    expect(Math.abs(v - (await readNumber(page, 'ism-loss-variance')))).toBeLessThan(0.02);
    expect(await readNumber(page, 'ism-loss-end-loss')).toBeCloseTo(await readNumber(page, 'ism-loss-minimum'), 3);
  });

  test('pasted data: bad input is refused with a reason, good input is fitted at its own mean and biased variance', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="ism-loss"]');
    await expect(island.getByTestId('ism-loss-mean')).toHaveText(/\d/);
    const mean = await island.getByTestId('ism-loss-mean').textContent();
    await island.getByText('Use your own data').click();
    const box = island.locator('textarea');
    for (const [text, message] of [['', 'empty'], ['4 5 six 7 8', '"six" is not a finite number'], ['1 2 3 4 9e9', 'Rescale'], ['7 7 7 7 7.0000001', 'barely vary']] as const) {
      await box.fill(text);
      await island.getByTestId('ism-loss-use-data').click();
      await expect(island.getByTestId('notices')).toContainText(message);
      await expect(island.getByTestId('ism-loss-mean')).toHaveText(mean ?? '');
    }
    const values = [1020, 980, 1003, 995, 1011, 990, 1007];
    await box.fill(values.join(', '));
    await island.getByTestId('ism-loss-use-data').click();
    await expect(island.getByTestId('notices')).toHaveCount(0);
    await expect(island.getByTestId('ism-loss-data')).toHaveText('your 7 values');
    const xbar = values.reduce((a, b) => a + b, 0) / values.length;
    const biased = values.reduce((a, b) => a + (b - xbar) ** 2, 0) / values.length;
    await expect.poll(() => readNumber(page, 'ism-loss-mean')).toBeCloseTo(xbar, 1);
    expect((await readNumber(page, 'ism-loss-variance')) / biased).toBeCloseTo(1, 3);
    const [mu, v] = ((await island.getByTestId('ism-loss-end').textContent()) ?? '').replace(/−/g, '-').split(',').map(Number);
    expect(mu).toBeCloseTo(xbar, 0);
    expect(v / biased).toBeCloseTo(1, 2);
    await expect(island).not.toContainText(/NaN|not a number|Infinity/);
    expect(errors.errors).toEqual([]);
  });

  test('?backend=cpu gives the same step values as WebGPU', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    await showIsland(page, '[data-derivation-id="esm-to-ism"]');
    const onGpu = await stepValues(page, 'esm-to-ism');
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu`);
    const island = await showIsland(page, '[data-derivation-id="esm-to-ism"]');
    await expect(island.locator('[data-ready="true"]')).toHaveAttribute('data-backend', 'cpu');
    const onCpu = await stepValues(page, 'esm-to-ism');
    expect(onCpu).toHaveLength(5);
    onCpu.forEach((value, i) => expect(Math.abs(value - onGpu[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(value))));
  });

  test('the 1-D score does not change when the density is multiplied by a constant', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="score-line"]');
    const density = await readNumber(page, 'score-line-density');
    const score = await readNumber(page, 'score-line-score');
    // p = 0.7 N(-1.5, 0.8^2) + 0.3 N(1.5, 0.8^2) at x = 1: score = sum_k r_k (m_k - x) / 0.64.
    const n = (x: number, m: number) => Math.exp(-((x - m) ** 2) / (2 * 0.64)) / Math.sqrt(2 * Math.PI * 0.64);
    const [a, b] = [0.7 * n(1, -1.5), 0.3 * n(1, 1.5)];
    expect(density).toBeCloseTo(a + b, 4);
    expect(score).toBeCloseTo((a * (-2.5) + b * 0.5) / (a + b) / 0.64, 4);
    expect(await readNumber(page, 'score-line-differenced')).toBeCloseTo(score, 4);
    await island.locator('input[name="logc"]').focus();
    await island.locator('input[name="logc"]').press('End');
    await expect.poll(() => page.url()).toContain('score-line.logc=3');
    await expect.poll(() => readNumber(page, 'score-line-density')).toBeCloseTo(1000 * density, 1);
    expect(await readNumber(page, 'score-line-score')).toBe(score);
    expect(await readNumber(page, 'score-line-differenced')).toBeCloseTo(score, 4);
    expect(errors.errors).toEqual([]);
  });

  test('sigma^2 at its floor: finite values, every check still as expected, and a note that says why they are large', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const derivation = await showIsland(page, '[data-derivation-id="gaussian-ism"]');
    const slider = derivation.locator('input[name="v"]');
    await slider.focus();
    await slider.press('Home');
    await expect.poll(() => page.url()).toContain('gaussian-ism.v=0.05');
    await expect(derivation.getByTestId('notices')).toContainText('+∞ as σ² → 0');
    await expect.poll(async () => (await stepValues(page, 'gaussian-ism'))[0]).toBeGreaterThan(100);
    await expect(derivation.locator('[data-expected="false"]')).toHaveCount(0);
    await expect(derivation).not.toContainText(/NaN|not a number/);
    expect(errors.errors).toEqual([]);
  });
});
