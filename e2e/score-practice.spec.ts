import { expect, test } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, showIsland } from './helpers';

const CHAPTER = '/score-matching-practice/';

test.describe('Score matching in practice', () => {
  test('the DSM derivation holds on WebGPU and follows its sliders into the URL', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const derivation = page.locator('[data-derivation-id="dsm-gaussian"]');
    await derivation.scrollIntoViewIfNeeded();
    await expect(derivation.locator('[data-ready="true"]')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
    await expect(derivation.locator('[data-expected="false"]')).toHaveCount(0);
    // J_DSM at the defaults: (1 + 0.25) / (2 * 1.5^4) + (1/0.5 - 0.5/2.25)^2 / 2.
    const expected = 1.25 / (2 * 1.5 ** 4) + 0.5 * (2 - 0.5 / 2.25) ** 2;
    const value = async () => Number(await derivation.locator('.ld-step-result[data-step-id="dsmExact"] .ld-value').getAttribute('data-value'));
    expect(await value()).toBeCloseTo(expected, 5);
    const slider = derivation.locator('input[name="mu"]');
    await slider.focus();
    for (let i = 0; i < 10; i += 1) await slider.press('ArrowRight');
    await expect.poll(value).toBeCloseTo((1 + 0) / (2 * 1.5 ** 4) + 0.5 * (2 - 0.5 / 2.25) ** 2, 5);
    await expect.poll(() => page.url()).toContain('dsm-gaussian.mu=1');
    await expect(derivation.locator('[data-expected="false"]')).toHaveCount(0);
    expect(errors.errors).toEqual([]);
  });

  test('annealed Langevin recovers the mode weights that plain Langevin misses', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?langevin.particles=3000`);
    const island = page.locator('[data-island="langevin"]');
    await island.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(island.getByTestId('langevin-path')).toHaveText('fused WGSL kernel');
    const finish = async (mode: string) => {
      await island.getByTestId(`langevin-run-${mode}`).click();
      await expect(island.getByTestId('langevin-w1')).toHaveText(/^\d/, { timeout: 90_000 });
      return {
        left: Number(await island.getByTestId('langevin-left').textContent()),
        w1: Number(await island.getByTestId('langevin-w1').textContent()),
      };
    };
    const plain = await finish('plain');
    const annealed = await finish('annealed');
    expect(Math.abs(plain.left - 0.5)).toBeLessThan(0.08);
    expect(Math.abs(annealed.left - 0.8)).toBeLessThan(0.06);
    expect(annealed.w1).toBeLessThan(plain.w1);
    await expect(island.getByTestId('backend-badge')).toContainText('WebGPU');
    expect(errors.errors).toEqual([]);
  });

  test('regularised score matching recovers the chain and reacts to lambda', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, `${CHAPTER}?ggm.n=2000`);
    const island = await showIsland(page, '[data-island="ggm"]');
    await expect(island.getByTestId('ggm-tp')).toHaveText('9 of 9');
    await expect(island.getByTestId('ggm-fp')).toHaveText('0');
    const slider = island.locator('input[name="lambda"]');
    await slider.focus();
    await slider.press('End');
    await expect(island.getByTestId('ggm-tp')).toHaveText('0 of 9');
    await expect.poll(() => page.url()).toContain('ggm.lambda=1');
    await island.getByTestId('ggm-kind').selectOption('star');
    await expect.poll(() => page.url()).toContain('ggm.graph=star');
    await expect(island.getByTestId('ggm-tp')).toHaveText(/of 9$/);

    // The graph kind is part of the link; an unknown kind gives a notice and the default graph, nothing else changes.
    await gotoAndSettle(page, `${CHAPTER}?ggm.graph=star&ggm.n=2000`);
    await expect((await showIsland(page, '[data-island="ggm"]')).getByTestId('ggm-kind')).toHaveValue('star');
    await gotoAndSettle(page, `${CHAPTER}?ggm.graph=hexagon&ggm.n=2000`);
    const bad = await showIsland(page, '[data-island="ggm"]');
    await expect(bad.getByTestId('notices')).toContainText('Ignored the URL parameter "ggm.graph"');
    await expect(bad.getByTestId('ggm-kind')).toHaveValue('chain');
    await expect(bad.getByTestId('ggm-tp')).toHaveText('9 of 9');
    expect(errors.errors).toEqual([]);
  });
  test('concrete score matching fitted from draws lands on the frequencies, and refuses when a state was never drawn', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="concrete-fit"]');
    const read = async (id: string) => Number(((await island.getByTestId(id).textContent()) ?? '').replace(/−/g, '-'));
    await expect(island.getByTestId('concrete-fit-tv-fit')).toHaveText(/\d/);
    // A free model's minimiser is the empirical distribution: the fit sits on the frequencies, so its
    // distance to p is the frequencies' distance to p.
    expect(await read('concrete-fit-tv-fit')).toBeLessThan(1e-6);
    expect(await read('concrete-fit-tv-truth')).toBeCloseTo(await read('concrete-fit-tv-sample'), 5);
    expect(await read('concrete-fit-gradient')).toBeLessThan(1e-8);
    const sampleTv = await read('concrete-fit-tv-sample');
    const size = island.locator('input[name="n"]');
    await size.focus();
    await size.press('Home');
    await expect.poll(() => page.url()).toContain('concrete-fit.n=20');
    await expect(island.getByTestId('concrete-fit-empty')).toContainText('never drawn');
    await expect(island.getByTestId('concrete-fit-tv-fit')).toHaveText('no fit');
    expect(await read('concrete-fit-tv-sample')).not.toBeCloseTo(sampleTv, 5);
    await expect(island).not.toContainText(/NaN|not a number/);
    expect(errors.errors).toEqual([]);
  });
});
