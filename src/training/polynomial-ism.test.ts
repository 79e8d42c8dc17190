import { beforeAll, describe, expect, it } from 'vitest';
import { fitIsm, ismObjective, ismQuadratic, logUnnormalised, polynomialScore, standardise, thetaToStandardised } from '../math/polynomial-energy';
import { samplePolynomialDensity } from '../math/polynomial-normaliser';
import { scoreDerivative1d, scoreOf } from '../tensor/score';
import { cpuTf } from '../tensor/node-cpu';
import { ismAutodiffCheck, PolynomialIsmDescent, polynomialLogDensity } from './polynomial-ism';
import type { Tf } from '../tensor/tf';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const THETA = [0.3, 2, -0.2, -0.5];

describe('polynomial ISM by tfjs autodiff (cpu backend)', () => {
  it('tf.grad and tf.grad of tf.grad match finite differences of ln q~', async () => {
    const xs = [-1.5, -0.2, 0.7, 1.9];
    const packed = tf.tidy(() => {
      const x = tf.tensor1d(xs, 'float32');
      const logDensity = polynomialLogDensity(tf, tf.tensor1d(THETA, 'float32'));
      return tf.concat([scoreOf(tf, logDensity, x), scoreDerivative1d(tf, logDensity, x)]);
    });
    const values = await packed.data();
    packed.dispose();
    const h = 1e-4;
    xs.forEach((x, i) => {
      expect(values[i]!).toBeCloseTo((logUnnormalised(THETA, x + h) - logUnnormalised(THETA, x - h)) / (2 * h), 3);
      expect(values[xs.length + i]!).toBeCloseTo((polynomialScore(THETA, x + h) - polynomialScore(THETA, x - h)) / (2 * h), 3);
    });
  });

  it('J^ and grad_theta J^ by autodiff equal the closed forms theta^T A theta / 2 + b^T theta and A theta + b; zero gradient at the ISM solution', async () => {
    const standard = standardise(samplePolynomialDensity(THETA, 3, 500));
    const z = Float32Array.from(standard.z);
    const theta = [0.1, -0.4, 0.05, -0.1];
    const { a, b } = ismQuadratic(standard.z, 4);
    const check = await ismAutodiffCheck(tf, z, theta);
    expect(check.objective).toBeCloseTo(ismObjective(theta, standard.z), 4);
    check.gradient.forEach((g, j) => expect(g).toBeCloseTo(b[j]! + theta.reduce((s, t, k) => s + a[j]![k]! * t, 0), 3));
    const solution = thetaToStandardised(fitIsm(standard.z, 4), { mean: 0, scale: 1 });
    const atSolution = await ismAutodiffCheck(tf, z, solution);
    atSolution.gradient.forEach((g) => expect(Math.abs(g)).toBeLessThan(2e-3));
  });

  it('Adam on the autodiff objective approaches the closed-form minimiser, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const standard = standardise(samplePolynomialDensity(THETA, 8, 300));
    const solution = fitIsm(standard.z, 4);
    const descent = new PolynomialIsmDescent(tf, Float32Array.from(standard.z), [0, -0.5, 0, 0], 0.05);
    const state = await descent.step(1500);
    descent.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(state.objective).toBeCloseTo(ismObjective(solution, standard.z), 3);
    state.theta.forEach((t, k) => expect(Math.abs(t - solution[k]!)).toBeLessThan(0.02));
  });
});
