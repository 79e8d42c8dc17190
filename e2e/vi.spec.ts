import { expect, test } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, showIsland, stepValues } from './helpers';
import { exactPosterior, logEvidence, summarizeSample } from '../src/math/normal-gamma';
import { gaussianSamples } from '../src/math/random';

const CHAPTER = '/variational-inference/';

const number = (text: string | null) => Number((text ?? '').replace(/−/g, '-'));

test.describe('VI chapter islands', () => {
  test('both derivations compute on WebGPU, every check is as expected, and ln p(X) >= ELBO', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    for (const id of ['elbo-decomposition', 'elbo-gap', 'elbo-jensen']) {
      const island = await showIsland(page, `[data-derivation-id="${id}"]`);
      await expect(island.locator('[data-ready="true"]').first()).toHaveAttribute('data-backend', 'webgpu');
      await expect(island.getByTestId('backend-badge').first()).toContainText('WebGPU');
    }
    const [logEvidence, elboPlusKl, elbo, monteCarlo] = await stepValues(page, 'elbo-decomposition');
    expect(elboPlusKl).toBeCloseTo(logEvidence, 3);
    expect(logEvidence - elbo).toBeGreaterThan(0.1);
    expect(Math.abs(monteCarlo - elbo)).toBeLessThan(0.1);
    // The stacked bar under the derivation ends at ln p(X).
    const figure = page.locator('[data-derivation-id="elbo-decomposition"] [data-testid="plot"] > [role="img"]');
    await expect(figure).toHaveAttribute('aria-label', new RegExp(`ends exactly at ln p\\(X\\) = ${logEvidence.toFixed(3)}`));
    const [klExact, klMonteCarlo, gap] = await stepValues(page, 'elbo-gap');
    expect(klExact).toBeCloseTo(logEvidence - elbo, 3);
    expect(gap).toBeCloseTo(klExact, 3);
    expect(Math.abs(klMonteCarlo - klExact)).toBeLessThan(0.1);
    await expect(page.locator('[data-derivation-id] [data-expected="false"]')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });

  test('a slider move changes the ELBO and the URL, and every check still holds', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const derivation = await showIsland(page, '[data-derivation-id="elbo-decomposition"]');
    const before = await stepValues(page, 'elbo-decomposition');
    const slider = derivation.locator('input[name="mq"]');
    await pressSlider(slider, 'ArrowRight', 10);
    await expect.poll(async () => (await stepValues(page, 'elbo-decomposition'))[2]).not.toBeCloseTo(before[2], 3);
    await expect.poll(() => page.url()).toContain('elbo-decomposition.mq=0.5');
    await expect(page.locator('[data-derivation-id] [data-expected="false"]')).toHaveCount(0);
  });

  test('EM steps never lower the log-likelihood, and F touches it after each E-step', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const em = await showIsland(page, '[data-island="em-steps"]');
    await em.getByTestId('em-steps-half-step').click();
    expect(Math.abs(number(await em.getByTestId('em-steps-gap').textContent()))).toBeLessThan(1e-6);
    let previous = number(await em.getByTestId('em-steps-loglik').textContent());
    for (let i = 0; i < 5; i += 1) {
      await em.getByRole('button', { name: 'One iteration' }).click();
      const current = number(await em.getByTestId('em-steps-loglik').textContent());
      expect(current).toBeGreaterThanOrEqual(previous);
      previous = current;
    }
    await expect(em.getByTestId('em-steps-iteration')).toHaveText('5');
    await em.getByTestId('em-steps-play').click();
    await expect.poll(async () => number(await em.getByTestId('em-steps-iteration').textContent())).toBeGreaterThan(7);
    await em.getByTestId('em-steps-play').click();
    expect(number(await em.getByTestId('em-steps-loglik').textContent())).toBeGreaterThanOrEqual(previous);
    await expect(em.getByTestId('notices')).toHaveCount(0);
    expect(errors.errors).toEqual([]);
  });

  test('pasted data are validated: bad input gives a message and leaves the island as it was', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const em = await showIsland(page, '[data-island="em-steps"]');
    await em.getByRole('button', { name: 'One iteration' }).click();
    const loglik = await em.getByTestId('em-steps-loglik').textContent();
    await em.getByText('Use your own data').click();
    const box = em.locator('textarea');
    for (const [text, message] of [['', 'empty'], ['1 2 three 4 5', '"three" is not a finite number'], ['1 2 3', 'Too few']] as const) {
      await box.fill(text);
      await em.getByTestId('em-steps-use-data').click();
      await expect(em.getByTestId('notices')).toContainText(message);
      await expect(em.getByTestId('em-steps-loglik')).toHaveText(loglik ?? '');
      await expect(em.getByTestId('em-steps-iteration')).toHaveText('1');
    }
    await box.fill('-2.1 -1.9 -2.3 -2 2 2.2 1.8 2.1 1.9 -1.7');
    await em.getByTestId('em-steps-use-data').click();
    await expect(em.getByTestId('notices')).toHaveCount(0);
    await expect(em).toContainText('your 10 values');
    await expect(em.getByTestId('em-steps-iteration')).toHaveText('0');
  });

  test('mean field: the factorised variance is 1 - rho^2 and KL = -ln(1 - rho^2)/2', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const mf = await showIsland(page, '[data-island="mean-field"]');
    expect(number(await mf.getByTestId('mean-field-q-var').textContent())).toBeCloseTo(0.36, 6);
    const klStar = -0.5 * Math.log(1 - 0.64);
    expect(number(await mf.getByTestId('mean-field-kl-star').textContent())).toBeCloseTo(klStar, 5);
    expect(number(await mf.getByTestId('mean-field-kl').textContent())).toBeCloseTo(klStar, 3);
    const slider = mf.locator('input[name="rho"]');
    await pressSlider(slider, 'ArrowLeft', 4);
    await expect.poll(async () => number(await mf.getByTestId('mean-field-q-var').textContent())).toBeCloseTo(0.64, 6);
    await expect.poll(() => page.url()).toContain('mean-field.rho=0.6');

    // A link shared before the island's URL prefix became its id (mf.rho) still opens the same state.
    await gotoAndSettle(page, `${CHAPTER}?mf.rho=0.6`);
    const old = await showIsland(page, '[data-island="mean-field"]');
    await expect(old.getByTestId('mean-field-q-var')).toHaveText(/^0\.64/);
    await expect(old.getByTestId('notices')).toHaveCount(0);
  });

  test('unknown mean and precision: CAVI stays below ln p(X), is overconfident with few data, and agrees with many', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const ng = await showIsland(page, '[data-island="normal-gamma"]');
    const read = async (id: string) => number(await ng.getByTestId(id).textContent());
    // The island's data: seed 1, N = 8 draws of N(1, 0.8^2); prior mu0 = 0, lambda0 = 1, a0 = b0 = 2.
    const data = summarizeSample(gaussianSamples(1, 8, 1, 0.8));
    const prior = { mu0: 0, lambda0: 1, a0: 2, b0: 2 };
    expect(await read('normal-gamma-log-evidence')).toBeCloseTo(logEvidence(data, prior), 3);
    const post = exactPosterior(data, prior);
    expect(await read('normal-gamma-var-mu-exact')).toBeCloseTo(post.b / (post.lambda * (post.a - 1)), 4);
    const kl = await read('normal-gamma-kl');
    expect(kl).toBeGreaterThan(0);
    expect(await read('normal-gamma-elbo')).toBeLessThan(await read('normal-gamma-log-evidence'));
    expect(await read('normal-gamma-var-mu-q')).toBeLessThan(0.9 * (await read('normal-gamma-var-mu-exact')));
    // One sweep from a poor guess of E[tau] is further from the posterior than ten.
    await pressSlider(ng.locator('input[name="sweeps"]'), 'Home', 1);
    await expect.poll(() => read('normal-gamma-kl')).toBeGreaterThan(kl);
    await expect.poll(() => page.url()).toContain('normal-gamma.sweeps=1');
    await ng.locator('input[name="sweeps"]').press('End');
    await pressSlider(ng.locator('input[name="n"]'), 'End', 1);
    await expect.poll(() => page.url()).toContain('normal-gamma.n=200');
    const ratio = (await read('normal-gamma-var-mu-q')) / (await read('normal-gamma-var-mu-exact'));
    expect(ratio).toBeGreaterThan(0.97);
    expect(ratio).toBeLessThan(1);
    await expect(ng).not.toContainText(/NaN|not a number/);
    expect(errors.errors).toEqual([]);
  });
});

test('gradient ascent with reparameterised draws climbs the ELBO on WebGPU towards the posterior', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoAndSettle(page, CHAPTER);
  const ascent = await showIsland(page, '[data-island="elbo-ascent"]');
  await expect(ascent).toHaveAttribute('data-backend', 'webgpu');
  // Step: one frame of 5 iterations from the first, then it stays paused.
  const iteration = async () => number(await ascent.getByTestId('elbo-ascent-iteration').textContent());
  await expect.poll(iteration).toBe(1);
  await ascent.getByTestId('elbo-ascent-step').click();
  await expect.poll(iteration).toBe(6);
  await page.waitForTimeout(1000);
  expect(await iteration()).toBe(6);
  await ascent.getByTestId('elbo-ascent-toggle').click();
  await expect.poll(async () => number(await ascent.getByTestId('elbo-ascent-iteration').textContent()), { timeout: 60_000 }).toBeGreaterThan(400);
  await ascent.getByTestId('elbo-ascent-toggle').click();
  const [mean, posteriorMean] = ((await ascent.getByTestId('elbo-ascent-mean').textContent()) ?? '').replace(/[()]/g, '').split(' ').map(number);
  expect(Math.abs(mean - posteriorMean)).toBeLessThan(0.1);
  const [elbo, evidence] = ((await ascent.getByTestId('elbo-ascent-elbo').textContent()) ?? '').replace(/[()]/g, '').split(' ').map(number);
  expect(elbo).toBeLessThanOrEqual(evidence);
  expect(evidence - elbo).toBeLessThan(0.1);
  await expect(ascent.locator('[data-testid="plot"] > [role="img"]')).toHaveCount(2); // q against the posterior, and the ELBO gap
  expect(errors.errors).toEqual([]);
});
