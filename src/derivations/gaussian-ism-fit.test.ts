import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTf } from '../tensor/node-cpu';
import { GAUSSIAN_ISM_FIT_PARAMS, ismDescentPath, ismFitSample, ismLandscape, pastedDataProblem, rescaleLandscape } from './gaussian-ism-fit';
import { randomSettings, runDerivation, step } from './test-support';
import type { Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const chain = [step('sampleIsm', 'given'), step('perSample', 'eq'), step('closedForm', 'eq'), step('minimum', 'ge')];
const mistake = [step('sampleIsm', 'given'), step('sourceLoss', 'eq', { knownMistake: true })];

/** Sample mean and biased variance in float64. */
function moments(x: Float32Array): { mean: number; variance: number } {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return { mean, variance: x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length };
}
/** J^(mu, v) = mean (x - mu)^2 / (2 v^2) - 1/v in float64. */
const loss = (x: Float32Array, mu: number, v: number) => x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length / (2 * v * v) - 1 / v;

describe('gaussian-ism-fit', () => {
  it('the sample ISM loss by autodiff equals mean (x - mu)^2/(2 v^2) - 1/v and its closed form in xbar and S', async () => {
    const x = ismFitSample(1, 50);
    const result = await runDerivation(tf, 'gaussian-ism-fit', chain);
    expect(result.steps[0].estimate.value).toBeCloseTo(loss(x, 0, 1), 4);
    expect(result.steps[3].estimate.value).toBeCloseTo(-1 / (2 * moments(x).variance), 4);
    expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true, true]);
  });

  it('is minimised at mu = xbar and v = S (biased variance), with minimum -1/(2 S)', () => {
    const x = ismFitSample(1, 50);
    const { mean, variance } = moments(x);
    expect(loss(x, mean, variance)).toBeCloseTo(-1 / (2 * variance), 12);
    // Both partial derivatives vanish there (central differences) ...
    const h = 1e-5;
    expect((loss(x, mean + h, variance) - loss(x, mean - h, variance)) / (2 * h)).toBeCloseTo(0, 6);
    expect((loss(x, mean, variance + h) - loss(x, mean, variance - h)) / (2 * h)).toBeCloseTo(0, 6);
    // ... and no point of a grid does better; the unbiased variance n S/(n - 1) is not the minimiser.
    for (let mu = -2; mu <= 4; mu += 0.1) {
      for (let v = 0.1; v <= 5; v += 0.05) expect(loss(x, mu, v)).toBeGreaterThanOrEqual(-1 / (2 * variance) - 1e-12);
    }
    expect(loss(x, mean, (variance * 50) / 49)).toBeGreaterThan(loss(x, mean, variance));
  });

  it('the ge step is tight at (xbar, S): J^ = -1/(2 S) within float32', async () => {
    const { mean, variance } = moments(ismFitSample(1, 50));
    const result = await runDerivation(tf, 'gaussian-ism-fit', chain, { mu: mean, v: variance });
    expect(result.steps[2].estimate.value - result.steps[3].estimate.value).toBeCloseTo(0, 5);
    expect(result.steps[3].check.holds).toBe(true);
  });

  it('every step holds, and the source loss is caught, at random settings and sample sizes', async () => {
    for (const [i, params] of randomSettings(GAUSSIAN_ISM_FIT_PARAMS, 8).entries()) {
      const sample = { n: [5, 50, 1000, 20000][i % 4], seed: 1 + i };
      const result = await runDerivation(tf, 'gaussian-ism-fit', chain, params, sample);
      expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true, true]);
      const source = await runDerivation(tf, 'gaussian-ism-fit', mistake, params, sample);
      expect(source.steps[1].check).toMatchObject({ holds: false, asExpected: true });
    }
  });

  it("the source's loss mean (x - mu)^2/v^2 + 1/v keeps falling as v grows: no minimiser (A7)", () => {
    const x = ismFitSample(1, 50);
    const { mean } = moments(x);
    const source = (v: number) => x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length / (v * v) + 1 / v;
    const values = [1, 10, 100, 1000].map(source);
    values.slice(1).forEach((value, i) => expect(value).toBeLessThan(values[i]));
    expect(source(1e6)).toBeLessThan(1e-5);
  });

  it('gradient descent with autodiff gradients converges to (xbar, S)', async () => {
    const x = ismFitSample(1, 50);
    const { mean, variance } = moments(x);
    const path = await ismDescentPath(tf, x, { mu: -1.5, v: 4 }, { rate: 0.5, steps: 400, minVariance: 0.05 });
    const last = path[path.length - 1];
    expect(last.mu).toBeCloseTo(mean, 3);
    expect(last.v).toBeCloseTo(variance, 3);
    expect(last.loss).toBeCloseTo(-1 / (2 * variance), 4);
    path.slice(1).forEach((p, i) => expect(p.loss).toBeLessThanOrEqual(path[i].loss + 1e-6));
  });

  it('the landscape gives J^ on the grid (mu fastest), xbar, S and the same path, in one readback', async () => {
    const x = ismFitSample(1, 50);
    const { mean, variance } = moments(x);
    const grid = { mus: [-1, 0.5, 2], vs: [0.5, 3] };
    const options = { rate: 0.5, steps: 20, minVariance: 0.05 };
    const land = await ismLandscape(tf, x, grid, { mu: -1.5, v: 4 }, options);
    grid.vs.forEach((v, j) => grid.mus.forEach((mu, i) => expect(land.values[i + j * 3]).toBeCloseTo(loss(x, mu, v), 4)));
    expect(land.mean).toBeCloseTo(mean, 5);
    expect(land.variance).toBeCloseTo(variance, 5);
    const path = await ismDescentPath(tf, x, { mu: -1.5, v: 4 }, options);
    expect(land.path).toEqual(path);
  });

  it('pasted data: the landscape of standardised values, rescaled, is the landscape of the values themselves', async () => {
    const x = Float32Array.from([1020, 980, 1003, 995, 1011, 990, 1007]);
    const { mean, variance } = moments(x);
    const scale = Math.sqrt(variance);
    const z = Float32Array.from(x, (value) => (value - mean) / scale);
    const unit = await ismLandscape(tf, z, { mus: [-1, 0, 1], vs: [0.5, 1, 2] }, { mu: -2, v: 3 }, { rate: 0.3, steps: 200, minVariance: 0.01 });
    const back = rescaleLandscape(unit, mean, scale);
    expect(back.mean).toBeCloseTo(mean, 3);
    expect(back.variance / variance).toBeCloseTo(1, 5);
    // Grid point (mu = mean + scale u, v = scale^2 w) of the rescaled surface against the float64 loss of x.
    [[-1, 0.5], [0, 1], [1, 2]].forEach(([u, w]) => {
      const index = [-1, 0, 1].indexOf(u) + 3 * [0.5, 1, 2].indexOf(w);
      const expected = loss(x, mean + scale * u, scale * scale * w);
      expect(back.values[index] / Math.abs(expected)).toBeCloseTo(Math.sign(expected), 4);
    });
    const end = back.path[back.path.length - 1];
    expect(end.mu).toBeCloseTo(mean, 2);
    expect(end.v / variance).toBeCloseTo(1, 3);
  });

  it('pasted data float32 cannot resolve are refused with a reason', () => {
    expect(pastedDataProblem([1, 2, 3, 4, 5])).toBeUndefined();
    expect(pastedDataProblem([1, 2, 3, 4, 5e7])).toMatch(/Rescale/);
    expect(pastedDataProblem([1000, 1000, 1000, 1000, 1000.00001])).toMatch(/barely vary/);
  });
});

describe('gaussian-ism-fit at extreme variance', () => {
  it('stays finite at the smallest slider variance and explains why it is large', async () => {
    const { gaussianIsmFitModel } = await import('./gaussian-ism-fit');
    const result = await runDerivation(tf, 'gaussian-ism-fit', chain, { v: 0.05 });
    for (const s of result.steps) expect(Number.isFinite(s.estimate.value)).toBe(true);
    expect(result.steps[0].estimate.value).toBeGreaterThan(100);
    expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true, true]);
    expect(gaussianIsmFitModel.advise?.({ mu: 0, v: 0.05 })).toMatch(/\+∞ as σ² → 0/);
    expect(gaussianIsmFitModel.advise?.({ mu: 0, v: 1 })).toBeUndefined();
  });
});
