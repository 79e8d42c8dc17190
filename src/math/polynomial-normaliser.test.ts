import { describe, expect, it } from 'vitest';
import { logUnnormalised } from './polynomial-energy';
import { criticalPoints, fitMle, logNormaliser, polynomialMoments, realRoots, samplePolynomialDensity, supportOf } from './polynomial-normaliser';
import { integrate } from './quadrature';
import { gaussianSamples } from './random';

const THETA = [0.3, 2, -0.2, -0.5];

describe('polynomial densities: normaliser, moments, sampling and the MLE', () => {
  it('finds the real roots of a cubic: (x - 1)(x + 2)(x - 3)', () => {
    // x^3 - 2x^2 - 5x + 6
    realRoots([6, -5, -2, 1]).forEach((r, i) => expect(r).toBeCloseTo([-2, 1, 3][i]!, 12));
    expect(realRoots([1, 0, 1])).toEqual([]);
    expect(criticalPoints([0, 2, 0, -0.5])).toHaveLength(3); // modes at ±sqrt(2), a dip at 0
  });

  it('ln Z of a Gaussian theta = (mu/v, -1/(2v)) is ln sqrt(2 pi v) + mu^2/(2v)', () => {
    const [mu, v] = [1.3, 0.4];
    expect(logNormaliser([mu / v, -0.5 / v])).toBeCloseTo(0.5 * Math.log(2 * Math.PI * v) + (mu * mu) / (2 * v), 10);
  });

  it('ln Z of a bimodal quartic agrees with a wide brute-force Simpson integral', () => {
    const brute = Math.log(integrate((x) => Math.exp(logUnnormalised(THETA, x)), -12, 12, 200_000));
    expect(logNormaliser(THETA)).toBeCloseTo(brute, 9);
    expect(supportOf(THETA)!.pieces).toHaveLength(1);
  });

  it('is +Infinity for non-integrable coefficients', () => {
    expect(logNormaliser([0, -1, 0, 0.01])).toBe(Infinity);
    expect(logNormaliser([0, -1, 0.5])).toBe(Infinity);
  });

  it('inverse-CDF samples have the moments of the density', () => {
    const { moments } = polynomialMoments(THETA, 4)!;
    const x = samplePolynomialDensity(THETA, 2, 100_000);
    for (const j of [1, 2, 3, 4]) expect(x.reduce((s, v) => s + v ** j, 0) / x.length).toBeCloseTo(moments[j]!, 1);
  });

  it('the MLE matches moments (mean T(x) = E_theta T), beats nearby theta, and recovers theta from a large sample', () => {
    const data = samplePolynomialDensity(THETA, 9, 20_000);
    const fit = fitMle(data, 4);
    expect(fit.boundary).toBe(false);
    const { moments } = polynomialMoments(fit.theta, 4)!;
    for (const j of [1, 2, 3, 4]) expect(moments[j]!).toBeCloseTo(data.reduce((s, v) => s + v ** j, 0) / data.length, 6);
    const average = (theta: number[]) => data.reduce((s, v) => s + logUnnormalised(theta, v), 0) / data.length - logNormaliser(theta);
    expect(fit.logLikelihood).toBeCloseTo(average(fit.theta), 9);
    for (const k of [0, 1, 2, 3]) expect(average(fit.theta.map((t, j) => (j === k ? t + 0.01 : t)))).toBeLessThan(fit.logLikelihood);
    fit.theta.forEach((t, k) => expect(Math.abs(t - THETA[k]!)).toBeLessThan(0.08));
  });

  it('with heavy symmetric tails (a Gaussian sample plus outliers at ±8) there is no maximiser with theta_4 < 0: the Gaussian limit', () => {
    const data = [...gaussianSamples(4, 200, 0, 1), 8, -8, 8, -8];
    const fit = fitMle(data, 4);
    expect(fit.boundary).toBe(true);
    const mean = data.reduce((s, v) => s + v, 0) / data.length;
    const variance = data.reduce((s, v) => s + (v - mean) ** 2, 0) / data.length;
    expect(-fit.theta[0]! / (2 * fit.theta[1]!)).toBeCloseTo(mean, 8);
    expect(-1 / (2 * fit.theta[1]!)).toBeCloseTo(variance, 8);
    expect(fit.logLikelihood).toBeCloseTo(-0.5 - 0.5 * Math.log(2 * Math.PI * variance), 8);
    // Fixing theta_1, theta_2 at the Gaussian fit, a more negative theta_4 only lowers the likelihood.
    const average = (t4: number) => {
      const theta = [fit.theta[0]!, fit.theta[1]!, 0, t4];
      return data.reduce((s, v) => s + logUnnormalised(theta, v), 0) / data.length - logNormaliser(theta);
    };
    expect(average(-1e-3)).toBeGreaterThan(average(-1e-2));
    expect(average(-1e-2)).toBeGreaterThan(average(-0.1));
  });

  it('one-sided outliers are fitted by an interior maximiser: a small second mode near them', () => {
    const data = [...gaussianSamples(4, 200, 0, 1), 8, 8, 8, 8, 8];
    const fit = fitMle(data, 4);
    expect(fit.boundary).toBe(false);
    expect(fit.converged).toBe(true);
    expect(fit.theta[3]!).toBeLessThan(0);
    expect(criticalPoints(fit.theta).some((x) => x > 6)).toBe(true);
  });
});
