import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle, pressSlider, showIsland, stepValues } from './helpers';

const CHAPTER = '/variational-inference/';

const number = (text: string | null) => Number((text ?? '').replace(/−/g, '-'));

/** ln p(X), ELBO and gap as printed by the HMM island. */
async function readout(hmm: Locator) {
  return {
    logEvidence: number(await hmm.getByTestId('hmm-log-evidence').textContent()),
    elbo: number(await hmm.getByTestId('hmm-elbo').textContent()),
    gap: number(await hmm.getByTestId('hmm-gap').textContent()),
  };
}

test.describe('VI chapter: hidden Markov models and latent variables', () => {
  test('the HMM island shows ELBO <= ln p(X), gap = KL, and marginals that sum to 1', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const hmm = await showIsland(page, '[data-island="hmm"]');
    await expect(hmm).toHaveAttribute('data-backend', 'javascript');
    const { logEvidence, elbo, gap } = await readout(hmm);
    expect(Number.isFinite(logEvidence)).toBe(true);
    expect(elbo).toBeLessThanOrEqual(logEvidence);
    expect(gap).toBeGreaterThan(0);
    expect(Math.abs(logEvidence - elbo - gap)).toBeLessThan(2e-3);
    await hmm.getByText('The marginals as a table').click();
    const rows = await hmm.getByTestId('hmm-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      exact: [...tr.querySelectorAll('[data-kind="exact"]')].map((td) => Number(td.textContent)),
      meanField: [...tr.querySelectorAll('[data-kind="mean-field"]')].map((td) => Number(td.textContent)),
    })));
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      expect(row.exact).toHaveLength(2);
      expect(Math.abs(row.exact.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-3);
      expect(Math.abs(row.meanField.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-3);
    }
    await expect(hmm.locator('[data-testid="plot"] > [role="img"]')).toHaveCount(2);
    // The page checks run axe with the details closed; the open table and sequence box are checked here.
    await hmm.getByText('Type your own sequence').click();
    const axe = await new AxeBuilder({ page }).include('[data-island="hmm"]').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await expect(hmm).not.toContainText('NaN');
    expect(errors.errors).toEqual([]);
  });

  test('a slider move changes the numbers and the URL; three states give three columns per posterior', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const hmm = await showIsland(page, '[data-island="hmm"]');
    const before = await readout(hmm);
    await pressSlider(hmm.locator('input[name="stay"]'), 'ArrowLeft', 5);
    await expect.poll(async () => (await readout(hmm)).logEvidence).not.toBeCloseTo(before.logEvidence, 3);
    await expect.poll(() => page.url()).toContain('hmm.stay=0.85');
    const after = await readout(hmm);
    expect(after.elbo).toBeLessThanOrEqual(after.logEvidence);
    await pressSlider(hmm.locator('input[name="K"]'), 'ArrowRight', 1);
    await expect.poll(() => page.url()).toContain('hmm.K=3');
    await expect(hmm.getByTestId('hmm-table').locator('thead th')).toHaveCount(2 + 3 + 3);
    await pressSlider(hmm.locator('input[name="sweeps"]'), 'Home', 1);
    await expect(hmm.getByTestId('hmm-gain')).toHaveText('—');
  });

  test('a bad typed sequence gives a message and changes nothing; a good one is used', async ({ page }) => {
    await gotoAndSettle(page, CHAPTER);
    const hmm = await showIsland(page, '[data-island="hmm"]');
    const before = await hmm.getByTestId('hmm-log-evidence').textContent();
    await hmm.getByText('Type your own sequence').click();
    const box = hmm.locator('textarea');
    for (const [text, message] of [['', 'empty'], ['1 2 3 1', '"3" is not a symbol'], ['1x21', '"x" is not a symbol'], ['2', 'Too short']] as const) {
      await box.fill(text);
      await hmm.getByTestId('hmm-use-sequence').click();
      await expect(hmm.getByTestId('notices')).toContainText(message);
      await expect(hmm.getByTestId('hmm-log-evidence')).toHaveText(before ?? '');
    }
    await box.fill('1111 2222 1111');
    await hmm.getByTestId('hmm-use-sequence').click();
    await expect(hmm.getByTestId('notices')).toHaveCount(0);
    await expect(hmm.getByTestId('hmm-sequence')).toContainText('111122221111');
    await expect(hmm.getByTestId('hmm-sequence')).toContainText('your sequence, T = 12');
    await expect(hmm.getByTestId('hmm-log-evidence')).not.toHaveText(before ?? '');
    const { logEvidence, elbo } = await readout(hmm);
    expect(elbo).toBeLessThanOrEqual(logEvidence);

    // The typed sequence is part of the link; a tampered one gives a notice and the sampled sequence.
    await expect.poll(() => page.url()).toContain('hmm.x=111122221111');
    const typedEvidence = await hmm.getByTestId('hmm-log-evidence').textContent();
    await gotoAndSettle(page, `${CHAPTER}?hmm.x=111122221111`);
    const shared = await showIsland(page, '[data-island="hmm"]');
    await expect(shared.getByTestId('hmm-sequence')).toContainText('your sequence, T = 12');
    await expect(shared.getByTestId('hmm-log-evidence')).toHaveText(typedEvidence ?? '');
    await gotoAndSettle(page, `${CHAPTER}?hmm.x=12%3Cb%3E`);
    const tampered = await showIsland(page, '[data-island="hmm"]');
    await expect(tampered.getByTestId('notices')).toContainText('Ignored the URL parameter "hmm.x"');
    await expect(tampered.getByTestId('hmm-log-evidence')).toHaveText(before ?? '');
  });

  test('the HMM derivation checks ln p(X) = forward = ELBO + KL >= ELBO twice, the same on ?backend=cpu', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const derivation = await showIsland(page, '[data-derivation-id="hmm-evidence"]');
    await expect.poll(async () => (await stepValues(page, 'hmm-evidence')).length).toBe(5);
    const values = await stepValues(page, 'hmm-evidence');
    const [enumerated, forward, elboPlusKl, elboEnumerated, elboFactors] = values;
    expect(forward).toBeCloseTo(enumerated, 10);
    expect(elboPlusKl).toBeCloseTo(enumerated, 10);
    expect(enumerated - elboEnumerated).toBeGreaterThan(0.05);
    expect(elboFactors).toBeCloseTo(elboEnumerated, 10);
    await expect(page.locator('[data-derivation-id="hmm-evidence"] [data-expected="false"]')).toHaveCount(0);
    await pressSlider(derivation.locator('input[name="sweeps"]'), 'ArrowRight', 9);
    await expect.poll(() => page.url()).toContain('hmm-evidence.sweeps=10');
    await expect.poll(async () => (await stepValues(page, 'hmm-evidence'))[3]).toBeGreaterThan(elboEnumerated);
    await expect(page.locator('[data-derivation-id="hmm-evidence"] [data-expected="false"]')).toHaveCount(0);

    await gotoAndSettle(page, `${CHAPTER}?backend=cpu`);
    await showIsland(page, '[data-derivation-id="hmm-evidence"]');
    await expect.poll(async () => stepValues(page, 'hmm-evidence')).toEqual(values);
    expect(errors.errors).toEqual([]);
  });

  test('the latent-variable picture hides z on request, and its seed slider redraws the points', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoAndSettle(page, CHAPTER);
    const latent = await showIsland(page, '[data-island="latent-mixture"]');
    const plot = latent.locator('[data-testid="plot"] > [role="img"]');
    await expect(plot).toHaveAttribute('aria-label', /coloured by the component z/);
    await latent.getByTestId('latent-mixture-toggle').uncheck();
    await expect(plot).toHaveAttribute('aria-label', /as the observer sees them/);
    await pressSlider(latent.locator('input[name="seed"]'), 'ArrowRight', 2);
    await expect.poll(() => page.url()).toContain('latent-mixture.seed=3');
    // Hiding z is part of the shared link too.
    expect(page.url()).toContain('latent-mixture.z=hidden');
    await gotoAndSettle(page, `${CHAPTER}?latent-mixture.z=hidden&latent-mixture.seed=3`);
    const shared = await showIsland(page, '[data-island="latent-mixture"]');
    await expect(shared.getByTestId('latent-mixture-toggle')).not.toBeChecked();
    await expect(shared.locator('input[name="seed"]')).toHaveValue('3');
    expect(errors.errors).toEqual([]);
  });
});
