import { expect, test } from '@playwright/test';
import { collectConsoleErrors, expectIslandsOnWebGpu, gotoAndSettle, pressSlider, showIsland, stepValues } from './helpers';

const CHAPTER = '/kl-divergence/';

test.describe('KL chapter islands', () => {
  test('every island hydrates, computes on WebGPU and shows the source example 0.030479 nats', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    expect(await expectIslandsOnWebGpu(page)).toBeGreaterThanOrEqual(8);
    await expect(page.getByTestId('kl-pq')).toHaveText('0.030479');
    await expect(page.getByTestId('kl-qp')).toHaveText('0.032382');
    const decomposition = await stepValues(page, 'kl-decomposition');
    expect(decomposition[0]).toBeCloseTo(0.030478754, 5);
    await expect(page.locator('[data-derivation-id] [data-expected="false"]')).toHaveCount(0);
    await expect(page.locator('[data-derivation-id="kl-source-sign"] .ld-step-result[data-step-id="sourceSign"]')).toHaveAttribute('data-holds', 'false');
    await expect(page.locator("body")).not.toContainText("NaN");
    expect(errors.errors).toEqual([]);
  });

  test('review items 5 and 7: the reverse-KL minima with the global one named, and a point-mass p where the source\'s formula is right', async ({ page }) => {
    await gotoAndSettle(page, `${CHAPTER}?kl-source-sign.p2=0&kl-source-sign.p3=0&fr.d=5`);
    await showIsland(page, '[data-derivation-id="kl-source-sign"]');
    const step = page.locator('[data-derivation-id="kl-source-sign"] .ld-step-result[data-step-id="sourceSign"]');
    await expect(step).toHaveAttribute('data-expected', 'true');
    await expect(step).toContainText('equal to the truth here');
    await expect(step).toContainText('all its mass on one outcome');
    await showIsland(page, '[data-island="forward-reverse"]');
    // d = 5: three minima, and the wide central one is the global one (KL(q||p) 0.481 against 0.666).
    // (Text, not data-global: Preact's hydration keeps the server-rendered attributes of the default d = 8.)
    await expect(page.getByTestId('forward-reverse-reverse-central')).toContainText('(global)');
    await expect(page.getByTestId('forward-reverse-reverse-left')).not.toContainText('(global)');
    await expect(page.getByTestId('forward-reverse-best')).toContainText('central fit is the global');
  });

  test('a slider move changes the numbers and the URL', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const derivation = await showIsland(page, '[data-derivation-id="kl-monte-carlo"]');
    const before = await stepValues(page, 'kl-monte-carlo');
    const slider = derivation.locator('input[name="mu2"]');
    await pressSlider(slider, 'ArrowRight', 10);
    await expect.poll(async () => (await stepValues(page, 'kl-monte-carlo'))[0]).not.toBeCloseTo(before[0], 4);
    await expect.poll(() => page.url()).toContain('kl-monte-carlo.mu2=1.5');
    // Closed form at mu1 = 0, sd1 = 1, mu2 = 1.5, sd2 = 1.5: ln 1.5 + (1 + 2.25) / 4.5 - 1/2.
    const expected = Math.log(1.5) + 3.25 / 4.5 - 0.5;
    await expect.poll(async () => (await stepValues(page, 'kl-monte-carlo'))[0]).toBeCloseTo(expected, 4);
    await derivation.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => page.url()).not.toContain('mu2=');
  });

  test('the shared URL restores the state, and ?backend=cpu gives the same numbers', async ({ page }) => {
    const query = '?kl-monte-carlo.mu2=-0.5&kl-monte-carlo.sd1=2&kl-monte-carlo.n=5000';
    await gotoAndSettle(page, `${CHAPTER}${query}`);
    await showIsland(page, '[data-derivation-id="kl-monte-carlo"]');
    const onGpu = await stepValues(page, 'kl-monte-carlo');
    await gotoAndSettle(page, `${CHAPTER}${query}&backend=cpu`);
    const island = await showIsland(page, '[data-derivation-id="kl-monte-carlo"]');
    await expect(island.locator('[data-ready="true"]')).toHaveAttribute('data-backend', 'cpu');
    await expect(island.getByTestId('backend-badge')).toContainText('CPU');
    const onCpu = await stepValues(page, 'kl-monte-carlo');
    expect(onCpu).toHaveLength(3);
    onCpu.forEach((value, i) => expect(Math.abs(value - onGpu[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(value))));
    expect(onGpu[0]).toBeCloseTo(Math.log(1.5 / 2) + (4 + 0.25) / 4.5 - 0.5, 6);
  });

  test('tampered URL parameters give a visible message and inject nothing', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    const errors = collectConsoleErrors(page);
    const payload = encodeURIComponent('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">');
    await gotoAndSettle(page, `${CHAPTER}?p=abc&q=${payload}&kl-monte-carlo.mu1=${payload}&kl-monte-carlo.sd2=99&backend=${payload}`);
    const explorer = await showIsland(page, '[data-island="discrete-kl"]');
    await expect(explorer.getByTestId('notices')).toContainText('Ignored the URL parameter "discrete-kl.p"');
    await expect(explorer.getByTestId('notices')).toContainText('Ignored the URL parameter "discrete-kl.q"');
    await expect(page.getByTestId('kl-pq')).toHaveText('0.030479');
    const mc = await showIsland(page, '[data-derivation-id="kl-monte-carlo"]');
    await expect(mc.getByTestId('notices')).toContainText('"kl-monte-carlo.mu1"');
    await expect(mc.getByTestId('notices')).toContainText('outside 0.2 to 3; using 3');
    await expect(mc.getByTestId('notices')).toContainText('Ignored the URL parameter "backend"');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(errors.errors).toEqual([]);
  });

  test('infinite KL is shown as +∞ with a reason, never NaN', async ({ page }) => {
    await gotoAndSettle(page, `${CHAPTER}?q=0.5,0,0.5`);
    const explorer = await showIsland(page, '[data-island="discrete-kl"]');
    await expect(page.getByTestId('kl-pq')).toHaveText('+∞');
    await expect(explorer.getByTestId('infinity-explanation').first()).toContainText('q gives probability 0 to outcome 2');
    await expect(page.getByTestId('kl-qp')).not.toHaveText('+∞');
    await expect(explorer).not.toContainText('NaN');
  });

  test('the tensor count returns to its baseline after 200 slider moves', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const derivation = await showIsland(page, '[data-derivation-id="kl-to-nll"]');
    const numTensors = () => page.evaluate(() => window.__liveRuntime!.numTensors());
    await expect(derivation.locator('.ld-stale')).toHaveCount(0, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const baseline = await numTensors();
    const slider = derivation.locator('input[name="mu"]');
    await pressSlider(slider, 'ArrowRight', 100);
    await pressSlider(slider, 'ArrowLeft', 100);
    // A computation may still be reading back (its one stacked tensor is alive until then):
    // the count must come back to the baseline, not merely stop growing.
    await expect.poll(numTensors, { timeout: 30_000 }).toBe(baseline);
  });

  test('gradient descent on the NLL moves theta towards the closed-form MLE', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const fit = await showIsland(page, '[data-island="mle-fit"]');
    await fit.getByTestId('mle-fit-toggle').click();
    await expect.poll(async () => Number(await fit.getByTestId('mle-fit-iteration').textContent()), { timeout: 60_000 }).toBeGreaterThan(600);
    await fit.getByTestId('mle-fit-toggle').click();
    const [current, mle] = ((await fit.getByTestId('mle-fit-mean').textContent()) ?? '').replace(/[()]/g, '').replace(/−/g, '-').split(' ').map(Number);
    expect(Math.abs(current - mle)).toBeLessThan(0.2);
    await expect(fit.locator('[data-testid="plot"] > [role="img"]')).toBeVisible();
  });

  test('with no WebGPU adapter the islands fall back, say why, and still compute', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'gpu', { configurable: true, value: { requestAdapter: async () => null } });
    });
    const errors = collectConsoleErrors(page);
    // The init script cannot reach into the compute worker, so compute on the page's thread
    // (?no-worker): the same host code picks the backends there.
    await gotoAndSettle(page, `${CHAPTER}?no-worker`);
    const island = await showIsland(page, '[data-derivation-id="kl-monte-carlo"]');
    const badge = island.getByTestId('backend-badge');
    await expect(badge).toContainText('fallback');
    await expect(badge).toContainText('no WebGPU adapter');
    const backend = await island.locator('[data-ready="true"]').getAttribute('data-backend');
    expect(['webgl', 'cpu']).toContain(backend);
    const values = await stepValues(page, 'kl-monte-carlo');
    expect(values[0]).toBeCloseTo(Math.log(1.5) + 2 / 4.5 - 0.5, 6);
    expect(errors.errors).toEqual([]);
  });
});
