import { beforeAll, describe, expect, it } from 'vitest';
import { dsmObjective, noisedEsmObjective, noisedIsmObjective } from './gaussian-dsm';
import { evaluateDerivation } from './engine';
import { loadModel } from './registry';
import { defaultParams } from '../state/params';
import { cpuTf } from '../tensor/node-cpu';
import { createRng } from '../math/random';
import { integrate } from '../math/quadrature';
import type { StepSpec, Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const base = { mu: 0.5, tau: 1.5, sigma: 0.5, m: 1, s: 1 };

describe('denoising score matching closed forms', () => {
  it('J_DSM - J_ESM(p_sigma) = 1/(2 sigma^2) - 1/(2 (s^2 + sigma^2)) whatever theta is', () => {
    const constant = 1 / (2 * 0.25) - 1 / (2 * 1.25);
    for (const [mu, tau] of [[0.5, 1.5], [-2, 0.4], [3, 2.7]]) {
      const p = { ...base, mu, tau };
      expect(dsmObjective(p) - noisedEsmObjective(p)).toBeCloseTo(constant, 12);
      // and J_DSM = J_ISM(p_sigma) + 1/(2 sigma^2) (d = 1)
      expect(dsmObjective(p) - noisedIsmObjective(p)).toBeCloseTo(1 / (2 * 0.25), 12);
    }
  });

  it('J_ESM on p_sigma matches its definition integrated numerically', () => {
    const v = base.s ** 2 + base.sigma ** 2;
    const density = (x: number) => Math.exp(-((x - base.m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    const integrand = (x: number) => density(x) * 0.5 * (-(x - base.mu) / base.tau ** 2 + (x - base.m) / v) ** 2;
    expect(integrate(integrand, -15, 15, 4000)).toBeCloseTo(noisedEsmObjective(base), 8);
  });

  it('J_DSM matches a large float64 Monte-Carlo average of its definition', () => {
    const rng = createRng(3);
    let sum = 0;
    let sumSquares = 0;
    const n = 200_000;
    for (let i = 0; i < n; i += 2) {
      const u1 = 1 - rng();
      const u2 = rng();
      const r = Math.sqrt(-2 * Math.log(u1));
      const z = r * Math.cos(2 * Math.PI * u2);
      const eps = r * Math.sin(2 * Math.PI * u2);
      const x = base.m + base.s * z;
      const noisy = x + base.sigma * eps;
      const term = 0.5 * (-(noisy - base.mu) / base.tau ** 2 + eps / base.sigma) ** 2;
      sum += term;
      sumSquares += term * term;
    }
    const count = n / 2;
    const mean = sum / count;
    const stdErr = Math.sqrt((sumSquares / count - mean * mean) / count);
    expect(stdErr).toBeLessThan(0.02);
    expect(Math.abs(mean - dsmObjective(base))).toBeLessThan(4 * stdErr);
  });

  it('is minimised over theta at mu = m, tau^2 = s^2 + sigma^2 (the noised data, Tweedie)', () => {
    const best = dsmObjective({ ...base, mu: 1, tau: Math.sqrt(1.25) });
    for (const [mu, tau] of [[0.9, 1.118], [1.1, 1.118], [1, 1.05], [1, 1.2]]) {
      expect(dsmObjective({ ...base, mu, tau })).toBeGreaterThan(best);
    }
  });
});

describe('gaussian-dsm derivation', () => {
  const steps: StepSpec[] = [
    { id: 'esmNoised', evaluator: 'esmNoised', relation: 'given' },
    { id: 'dsmExact', evaluator: 'dsmExact', relation: 'eq-const', constantIn: ['mu', 'tau'] },
    { id: 'dsmSample', evaluator: 'dsmSample', relation: 'eq' },
  ];
  it('holds at the defaults and at random settings', async () => {
    const model = await loadModel('gaussian-dsm');
    const rng = createRng(11);
    const settings = [defaultParams(model.params)];
    for (let k = 0; k < 5; k += 1) {
      settings.push(Object.fromEntries(model.params.map((p) => [p.name, p.min + (p.max - p.min) * rng()])));
    }
    for (const params of settings) {
      const result = await evaluateDerivation(tf, model, steps, params, { seed: 1, n: 2000 });
      expect(result.steps.map((s) => s.check.asExpected), JSON.stringify(params)).toEqual([true, true, true]);
    }
  });
  it('rejects a constant that secretly depends on sigma', async () => {
    const model = await loadModel('gaussian-dsm');
    const result = await evaluateDerivation(tf, model, [steps[0], { ...steps[1], constantIn: ['sigma'] }], defaultParams(model.params), { seed: 1, n: 100 });
    expect(result.steps[1].check.holds).toBe(false);
  });
});

describe('concrete-score derivation', () => {
  const steps: StepSpec[] = [
    { id: 'explicit', evaluator: 'explicit', relation: 'given' },
    { id: 'implicit', evaluator: 'implicit', relation: 'eq-const', constantIn: ['mu', 'sigma'] },
    { id: 'implicitSample', evaluator: 'implicitSample', relation: 'eq' },
  ];
  it('holds at the defaults and at random settings', async () => {
    const model = await loadModel('concrete-score');
    const rng = createRng(5);
    const settings = [defaultParams(model.params)];
    for (let k = 0; k < 6; k += 1) settings.push(Object.fromEntries(model.params.map((p) => [p.name, p.min + (p.max - p.min) * rng()])));
    for (const params of settings) {
      const result = await evaluateDerivation(tf, model, steps, params, { seed: 1, n: 2000 });
      expect(result.steps.map((s) => s.check.asExpected), JSON.stringify(params)).toEqual([true, true, true]);
    }
  });
});
