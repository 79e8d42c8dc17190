import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, scrollThrough, showIsland, stepValues } from './helpers';

const CHAPTER = '/diffusion/';
const DERIVATIONS = ['forward-variance', 'forward-mean', 'forward-mistake', 'diffusion-elbo', 'diffusion-kl-term', 'tweedie', 'noise-is-score', 'noise-sign', 'elbo-dsm'];
const number = (text: string | null) => Number((text ?? '').replace(/−/g, '-'));

/** alpha-bar_t of the forward island's schedule: T = 200, beta linear from 1e-3 to 0.05. */
function alphaBar(t: number): number {
  let product = 1;
  for (let s = 1; s <= t; s++) product *= 1 - (1e-3 + ((s - 1) * (0.05 - 1e-3)) / 199);
  return product;
}

async function derivationValues(page: Page): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const id of DERIVATIONS) {
    const derivation = page.locator(`[data-derivation-id="${id}"]`);
    await derivation.scrollIntoViewIfNeeded();
    await expect(derivation.locator('[data-ready="true"]')).toBeAttached({ timeout: 60_000 });
    await expect(derivation.locator('[data-expected="false"]')).toHaveCount(0);
    out[id] = await stepValues(page, id);
  }
  return out;
}

test.describe('Diffusion models', () => {
  test('every derivation holds, and ?backend=cpu gives the same numbers', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const values = await derivationValues(page);
    // ln p_theta(x_0) >= ELBO: the bound is below the exact value at the defaults (kappa = 1.5).
    const [logLikelihood, elbo] = values['diffusion-elbo']!;
    expect(logLikelihood! - elbo!).toBeGreaterThan(0.05);
    await gotoAndSettle(page, `${CHAPTER}?backend=cpu`);
    expect(await derivationValues(page)).toEqual(values);
    expect(errors.errors).toEqual([]);
  });

  test('the forward-noising island steps through t with the exact alpha-bar, and reaches N(0, 1)', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="forward-noising"]');
    await expect(island.getByTestId('forward-noising-t')).toHaveText('20');
    expect(number(await island.getByTestId('forward-noising-abar').textContent())).toBeCloseTo(alphaBar(20), 4);
    await island.getByTestId('forward-noising-step').click();
    await expect(island.getByTestId('forward-noising-t')).toHaveText('21');
    expect(number(await island.getByTestId('forward-noising-abar').textContent())).toBeCloseTo(alphaBar(21), 4);
    await island.getByTestId('forward-noising-back').click();
    await island.getByTestId('forward-noising-back').click();
    await expect(island.getByTestId('forward-noising-t')).toHaveText('19');
    await pressSlider(island.locator('input[name="t"]'), 'End', 1);
    await expect(island.getByTestId('forward-noising-t')).toHaveText('200');
    // At t = T, Var q_t = abar Var p + 1 - abar with Var p = 0.25 + 0.3 * 2.8^2 + 0.7 * 1.2^2 = 3.61 (d = 4, w = 0.3).
    expect(number(await island.getByTestId('forward-noising-variance').textContent())).toBeCloseTo(1 + alphaBar(200) * 2.61, 3);
    await island.getByTestId('forward-noising-data').selectOption('swiss-roll');
    await expect.poll(() => page.url()).toContain('forward-noising.data=swiss-roll');
    // Extremes: t = 0 (the data itself), modes on top of each other, the largest weight.
    await pressSlider(island.locator('input[name="t"]'), 'Home', 1);
    await pressSlider(island.locator('input[name="d"]'), 'Home', 1);
    await pressSlider(island.locator('input[name="w"]'), 'End', 1);
    await expect(island.getByTestId('forward-noising-abar')).toHaveText('1.0000');
    await expect(island).not.toContainText(/NaN|not a number/);
    await expect(island.locator('svg').first()).toBeVisible();
    expect(errors.errors).toEqual([]);
  });

  test('the samplers island: every sampler reaches the noise floor with 200 steps, none is NaN at extreme settings', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const island = await showIsland(page, '[data-island="diffusion-samplers"]');
    const table = island.getByTestId('diffusion-samplers-table');
    await expect(table.locator('tbody tr')).toHaveCount(8);
    const floor = number(await island.getByTestId('diffusion-samplers-floor').textContent());
    const row = async (n: number) => (await table.locator('tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${n}$`) }) }).locator('td').allTextContents()).map(number);
    const coarse = await row(1);
    const fine = await row(200);
    for (let k = 0; k < 3; k++) {
      expect(fine[k]).toBeLessThan(4 * floor + 2e-3);
      expect(fine[k]).toBeLessThan(coarse[k]!);
    }
    await island.getByTestId('diffusion-samplers-kind').selectOption('ode');
    await expect.poll(() => page.url()).toContain('diffusion-samplers.sampler=ode');
    await pressSlider(island.locator('input[name="steps"]'), 'Home', 1);
    await pressSlider(island.locator('input[name="d"]'), 'End', 1);
    await pressSlider(island.locator('input[name="w"]'), 'Home', 1);
    await expect(island).not.toContainText(/NaN|not a number/);
    await pressSlider(island.locator('input[name="steps"]'), 'End', 1);
    await pressSlider(island.locator('input[name="d"]'), 'Home', 1);
    await expect(island).not.toContainText(/NaN|not a number/);
    // The same settings on the cpu backend: exact JavaScript, so the same distances.
    const distance = await island.getByTestId('diffusion-samplers-distance').textContent();
    await expect.poll(() => page.url()).toContain('diffusion-samplers.d=0');
    await gotoAndSettle(page, page.url().replace(/\?/, '?backend=cpu&'));
    const again = await showIsland(page, '[data-island="diffusion-samplers"]');
    await expect(again.getByTestId('diffusion-samplers-distance')).toHaveText(distance ?? '');
    expect(errors.errors).toEqual([]);
  });

  test('375px: no horizontal page scroll and no display equation scrolls sideways', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 375, height: 800 });
    await gotoAndSettle(page, CHAPTER);
    await scrollThrough(page);
    const m = await page.evaluate(() => {
      const se = document.scrollingElement || document.documentElement;
      const equations = [...document.querySelectorAll<HTMLElement>('.katex-display')]
        .filter((box) => box.scrollWidth > box.clientWidth + 1)
        .map((box) => box.querySelector('annotation')?.textContent?.slice(0, 80));
      return { scrollWidth: se.scrollWidth, clientWidth: se.clientWidth, equations };
    });
    expect(m.equations).toEqual([]);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth + 1);
  });
});

test.describe('VI chapter: score-function gradient and importance-weighted bound', () => {
  const VI = '/variational-inference/';

  test('the measured spread of both gradient estimators follows the closed form, and a baseline shrinks the score-function one', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, VI);
    const island = await showIsland(page, '[data-island="gradient-estimators"]');
    const pair = async (id: string) => ((await island.getByTestId(id).textContent()) ?? '').replace(/[()]/g, '').split(/\s+/).map(number);
    const [sf, sfExact] = await pair('gradient-estimators-sf');
    const [rp, rpExact] = await pair('gradient-estimators-rp');
    // 200 repeated estimates: the sample sd is within about 3 x 5% of the truth.
    expect(sf! / sfExact!).toBeGreaterThan(0.8);
    expect(sf! / sfExact!).toBeLessThan(1.2);
    expect(rp! / rpExact!).toBeGreaterThan(0.8);
    expect(rp! / rpExact!).toBeLessThan(1.2);
    const noBaseline = number(await island.getByTestId('gradient-estimators-ratio').textContent());
    expect(noBaseline).toBeGreaterThan(100);
    await island.getByTestId('gradient-estimators-baseline').selectOption('optimal');
    await expect.poll(async () => number(await island.getByTestId('gradient-estimators-ratio').textContent())).toBeLessThan(noBaseline / 10);
    await expect.poll(() => page.url()).toContain('gradient-estimators.baseline=optimal');
    for (const [name, key] of [['mq', 'Home'], ['sq', 'Home'], ['reps', 'Home'], ['sq', 'End'], ['mq', 'End']] as const) {
      await pressSlider(island.locator(`input[name="${name}"]`), key, 1);
    }
    await expect(island).not.toContainText(/NaN|not a number/);
    const ratio = await island.getByTestId('gradient-estimators-ratio').textContent();
    // The URL is written debounced: reload only once it holds the last slider move.
    await expect.poll(() => page.url()).toContain('gradient-estimators.mq=3');
    await gotoAndSettle(page, page.url().replace(/\?/, '?backend=cpu&'));
    const again = await showIsland(page, '[data-island="gradient-estimators"]');
    await expect(again.getByTestId('gradient-estimators-ratio')).toHaveText(ratio ?? '');
    expect(errors.errors).toEqual([]);
  });

  test('the importance-weighted bound starts at the ELBO and climbs to within 0.05 nats of ln p(X) at K = 1000', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, VI);
    const island = await showIsland(page, '[data-island="iwae"]');
    const evidence = number(await island.getByTestId('iwae-evidence').textContent());
    const elbo = number(await island.getByTestId('iwae-elbo').textContent());
    const [l1, l1Se] = ((await island.getByTestId('iwae-l1').textContent()) ?? '').split('±').map(number);
    expect(Math.abs(l1! - elbo)).toBeLessThan(4 * l1Se!);
    expect(evidence - elbo).toBeGreaterThan(0.5);
    expect(number(await island.getByTestId('iwae-gap').textContent())).toBeLessThan(0.05);
    for (const [name, key] of [['mq', 'Home'], ['sq', 'Home'], ['groups', 'Home'], ['sq', 'End']] as const) {
      await pressSlider(island.locator(`input[name="${name}"]`), key, 1);
    }
    await expect(island).not.toContainText(/NaN|not a number/);
    const gap = await island.getByTestId('iwae-gap').textContent();
    await expect.poll(() => page.url()).toContain('iwae.sq=2');
    await gotoAndSettle(page, page.url().replace(/\?/, '?backend=cpu&'));
    const again = await showIsland(page, '[data-island="iwae"]');
    await expect(again.getByTestId('iwae-gap')).toHaveText(gap ?? '');
    expect(errors.errors).toEqual([]);
  });
});
