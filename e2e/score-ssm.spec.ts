import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, showIsland } from './helpers';

const CHAPTER = '/score-matching/';
/** A cheap cost sweep: d = 2, 4, batch 16, one timed step per cell. */
const SMALL_SWEEP = 'ssm-cost.dmax=4&ssm-cost.batch=16&ssm-cost.repeats=1';

async function attributeNumber(locator: Locator, name: string): Promise<number> {
  return Number(await locator.getAttribute(name));
}

/** The sliced estimates at the island's M, and the exact value, as numbers. */
async function projectionReadout(island: Locator) {
  const rademacher = island.getByTestId('ssm-projections-rademacher');
  const gaussian = island.getByTestId('ssm-projections-gaussian');
  return {
    exact: await attributeNumber(island.getByTestId('ssm-projections-exact'), 'data-value'),
    rademacher: { value: await attributeNumber(rademacher, 'data-value'), stdErr: await attributeNumber(rademacher, 'data-stderr') },
    gaussian: { value: await attributeNumber(gaussian, 'data-value'), stdErr: await attributeNumber(gaussian, 'data-stderr') },
  };
}

test.describe('sliced score matching islands', () => {
  test('the projections island computes on WebGPU, follows M into the URL and stays within 3 s.e. of J_ISM', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?ssm-m.n=300`);
    const island = await showIsland(page, '[data-island="ssm-projections"]');
    await expect(island).toHaveAttribute('data-backend', 'webgpu');
    await expect(island.getByTestId('backend-badge')).toContainText('WebGPU');
    await expect(island.locator('[data-testid="plot"] > [role="img"]')).toBeVisible();
    // J_ISM at the defaults (rho = 0.5, K11 = 1, K22 = 2, K12 = -0.3 sqrt 2): tr(K Sigma K)/2 - tr K.
    const c = -0.3 * Math.SQRT2;
    const exact = 0.5 * (1 + 2 * c * c + 4 + 2 * 0.5 * c * 3) - 3;
    const atEight = await projectionReadout(island);
    expect(atEight.exact).toBeCloseTo(exact, 6);
    for (const e of [atEight.rademacher, atEight.gaussian]) {
      expect(e.stdErr).toBeGreaterThan(0);
      expect(Math.abs(e.value - exact)).toBeLessThan(3 * e.stdErr);
    }
    await expect(island.getByTestId('ssm-projections-verdict')).toHaveText(/^yes .*; yes /);
    await expect(island.getByTestId('ssm-projections-inside')).toHaveText('14 of 14');
    // M = 8 -> 64: new numbers (more directions), smaller error bars, still within 3 s.e.
    await pressSlider(island.locator('input[name="m"]'), 'End', 1);
    await expect.poll(() => page.url()).toContain('ssm-projections.m=64');
    await expect.poll(async () => (await projectionReadout(island)).rademacher.value).not.toBe(atEight.rademacher.value);
    const atSixtyFour = await projectionReadout(island);
    expect(atSixtyFour.gaussian.stdErr).toBeLessThan(atEight.gaussian.stdErr);
    for (const e of [atSixtyFour.rademacher, atSixtyFour.gaussian]) expect(Math.abs(e.value - exact)).toBeLessThan(3 * e.stdErr);
    await expect(island).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });

  test('the cost island waits for Run, then times both methods at small d on WebGPU', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?${SMALL_SWEEP}`);
    const island = await showIsland(page, '[data-island="ssm-cost"]');
    await expect(island).toHaveAttribute('data-backend', 'webgpu');
    // Nothing runs on load.
    await expect(island.getByTestId('ssm-cost-status')).toHaveAttribute('data-status', 'idle');
    await expect(island.getByTestId('ssm-cost-table')).toHaveCount(0);
    await island.getByTestId('ssm-cost-run').click();
    await expect(island.getByTestId('ssm-cost-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await expect(island.getByTestId('ssm-cost-status')).toContainText('WebGPU');
    for (const d of [2, 4]) {
      for (const method of ['ism-loop', 'ism-batched', 'ssm']) {
        const ms = await attributeNumber(island.getByTestId(`ssm-cost-ms-${method}-${d}`), 'data-value');
        expect(Number.isFinite(ms) && ms > 0, `${method} at d = ${d}: ${ms}`).toBe(true);
      }
      await expect(island.getByTestId(`ssm-cost-ratio-${d}`)).toHaveText(/^\d[\d.]*×$/);
    }
    // Both exact methods took the same steps, so they report the same objective.
    await expect(island.getByTestId('ssm-cost-agree')).toHaveAttribute('data-holds', 'true');
    await expect(island.locator('[data-testid="plot"] > [role="img"]')).toBeVisible();
    await expect(island).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });

  test('?backend=cpu runs both islands on the CPU, and a cost sweep stops on request without leaking tensors', async ({ page }) => {
    test.setTimeout(90_000);
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu&ssm-m.n=200&ssm-cost.dmax=64&ssm-cost.batch=16&ssm-cost.repeats=2`);
    const projections = await showIsland(page, '[data-island="ssm-projections"]');
    await expect(projections).toHaveAttribute('data-backend', 'cpu');
    const { exact, rademacher } = await projectionReadout(projections);
    expect(Math.abs(rademacher.value - exact)).toBeLessThan(3 * rademacher.stdErr);
    const island = await showIsland(page, '[data-island="ssm-cost"]');
    await expect(island).toHaveAttribute('data-backend', 'cpu');
    const tensors = () => page.evaluate(() => window.__liveRuntime?.numTensors());
    const baseline = await tensors();
    await island.getByTestId('ssm-cost-run').click();
    await expect(island.getByTestId('ssm-cost-ms-ssm-2')).toHaveAttribute('data-value', /\d/, { timeout: 60_000 });
    await island.getByTestId('ssm-cost-stop').click();
    await expect(island.getByTestId('ssm-cost-status')).toHaveAttribute('data-status', 'stopped');
    await expect(island.getByTestId('ssm-cost-status')).toContainText('CPU');
    await expect(island.getByTestId('ssm-cost-run')).toBeEnabled();
    expect(Number(await island.getByTestId('ssm-cost-ms-ism-loop-2').getAttribute('data-value'))).toBeGreaterThan(0);
    await expect(island.getByTestId('ssm-cost-agree')).toHaveAttribute('data-holds', 'true');
    // The block in flight finishes, then the sweep frees its weights and data.
    await expect.poll(tensors, { timeout: 30_000 }).toBe(baseline);
    expect(errors.errors).toEqual([]);
  });
});
