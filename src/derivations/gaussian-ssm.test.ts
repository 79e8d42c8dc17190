import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTf } from '../tensor/node-cpu';
import { scoreOf, slicedScoreDerivative } from '../tensor/score';
import { GAUSSIAN_SSM_PARAMS, correlatedNormalSample, ismExact, precisionMatrix } from './gaussian-ssm';
import { randomSettings, runDerivation, step } from './test-support';
import type { Tensor, Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const chain = [step('ismExact', 'given'), step('ismSample', 'eq'), step('ssm', 'eq'), step('ssmGaussian', 'eq'), step('ssmVr', 'eq')];

describe('gaussian-ssm', () => {
  it('J_ISM(K) = tr(K Sigma K)/2 - tr K is smallest at K = Sigma^-1, where it is -1/(1 - rho^2)', () => {
    const rho = 0.5;
    const best = { rho, k11: 1 / (1 - rho * rho), k22: 1 / (1 - rho * rho), r: -rho };
    expect(ismExact(best)).toBeCloseTo(-1 / (1 - rho * rho), 12);
    for (const [name, h] of [['k11', 0.01], ['k22', -0.01], ['r', 0.01], ['r', -0.01]] as const) {
      expect(ismExact({ ...best, [name]: best[name] + h })).toBeGreaterThan(ismExact(best));
    }
    // Identity model, independent data: tr(I)/2 - tr(I) = -1.
    expect(ismExact({ rho: 0, k11: 1, k22: 1, r: 0 })).toBeCloseTo(-1, 12);
  });

  it('the sample ISM by autodiff equals tr(K S K)/2 - tr K with S the sample second moment', async () => {
    const params = { rho: 0.5, k11: 1, k22: 2, r: 0.3 };
    const n = 2000;
    const x = correlatedNormalSample(1, n, params.rho);
    let s11 = 0; let s12 = 0; let s22 = 0;
    for (let i = 0; i < n; i += 1) {
      s11 += (x[2 * i] * x[2 * i]) / n; s12 += (x[2 * i] * x[2 * i + 1]) / n; s22 += (x[2 * i + 1] * x[2 * i + 1]) / n;
    }
    const [a, c, b] = precisionMatrix(params);
    const traceKSK = (a * a + c * c) * s11 + 2 * c * (a + b) * s12 + (c * c + b * b) * s22;
    const result = await runDerivation(tf, 'gaussian-ssm', chain, params);
    expect(result.steps[1].estimate.value).toBeCloseTo(0.5 * traceKSK - (a + b), 4);
  });

  it('averaged over all four Rademacher directions, the sliced integrand is exactly the ISM integrand', async () => {
    const [a, c, b] = precisionMatrix({ k11: 1.3, k22: 0.7, r: 0.4 });
    const integrand = tf.tidy(() => {
      const precision = tf.tensor2d([[a, c], [c, b]]);
      const logDensity = (x: Tensor) => tf.mul(-0.5, tf.sum(tf.mul(tf.matMul(x, precision), x), 1));
      const x = tf.tensor2d([[0.4, -1.2], [0.4, -1.2], [0.4, -1.2], [0.4, -1.2]]);
      const v = tf.tensor2d([[1, 1], [1, -1], [-1, 1], [-1, -1]]);
      const projected = tf.sum(tf.mul(scoreOf(tf, logDensity, x), v), 1);
      return tf.add(slicedScoreDerivative(tf, logDensity, x, v), tf.mul(0.5, tf.square(projected)));
    });
    const values = Array.from(await integrand.data());
    integrand.dispose();
    const score = [-(a * 0.4 + c * -1.2), -(c * 0.4 + b * -1.2)];
    const ism = 0.5 * (score[0] ** 2 + score[1] ** 2) - (a + b);
    expect(values.reduce((s, v) => s + v, 0) / 4).toBeCloseTo(ism, 4);
  });

  it('every step holds at the defaults and at random settings; standard errors rank ISM < SSM-VR < SSM (Rademacher) < SSM (Gaussian)', async () => {
    const defaults = await runDerivation(tf, 'gaussian-ssm', chain);
    expect(defaults.steps.map((s) => s.check.asExpected)).toEqual([true, true, true, true, true]);
    const [, ism, rademacher, gaussian, reduced] = defaults.steps.map((s) => s.estimate.stdErr!);
    expect(ism).toBeLessThan(reduced);
    expect(reduced).toBeLessThan(rademacher);
    expect(rademacher).toBeLessThan(gaussian);
    for (const params of randomSettings(GAUSSIAN_SSM_PARAMS, 8, 3)) {
      const result = await runDerivation(tf, 'gaussian-ssm', chain, params);
      expect(result.steps.map((s) => s.check.asExpected), JSON.stringify(params)).toEqual([true, true, true, true, true]);
    }
  });

  it('with a diagonal K, Rademacher directions give v^T K v = tr K exactly, so SSM-VR equals the sample ISM', async () => {
    const result = await runDerivation(tf, 'gaussian-ssm', chain, { r: 0 });
    expect(result.steps[4].estimate.value).toBeCloseTo(result.steps[1].estimate.value, 5);
    expect(result.steps[4].estimate.stdErr!).toBeCloseTo(result.steps[1].estimate.stdErr!, 6);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await runDerivation(tf, 'gaussian-ssm', chain);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('correlatedNormalSample', () => {
  it('has unit variances and correlation rho (n = 100000, within 4 standard errors)', () => {
    const n = 100_000;
    const x = correlatedNormalSample(5, n, -0.6);
    let s11 = 0; let s12 = 0; let s22 = 0;
    for (let i = 0; i < n; i += 1) {
      s11 += x[2 * i] ** 2 / n; s12 += (x[2 * i] * x[2 * i + 1]) / n; s22 += x[2 * i + 1] ** 2 / n;
    }
    const se = 4 * Math.sqrt(2 / n);
    expect(Math.abs(s11 - 1)).toBeLessThan(se);
    expect(Math.abs(s22 - 1)).toBeLessThan(se);
    expect(Math.abs(s12 + 0.6)).toBeLessThan(se);
  });
});
