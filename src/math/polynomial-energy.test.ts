import { describe, expect, it } from 'vitest';
import {
  composeAffine,
  fitIsm,
  ismObjective,
  ismQuadratic,
  isNormalisable,
  logUnnormalised,
  polynomialScore,
  polynomialScoreDerivative,
  standardise,
  thetaFromStandardised,
  thetaToStandardised,
} from './polynomial-energy';
import { samplePolynomialDensity } from './polynomial-normaliser';
import { gaussianSamples } from './random';

const THETA = [0.3, 2, -0.2, -0.5];

/** Cyclic coordinate minimisation with an exact 1-D parabola fit per axis (J^ is quadratic in each theta_k). */
function minimiseByCoordinates(f: (theta: number[]) => number, start: number[], sweeps: number): number[] {
  const theta = [...start];
  for (let sweep = 0; sweep < sweeps; sweep += 1) {
    for (let k = 0; k < theta.length; k += 1) {
      const at = (t: number) => f(theta.map((v, j) => (j === k ? t : v)));
      const h = 0.5;
      const [fm, f0, fp] = [at(theta[k]! - h), at(theta[k]!), at(theta[k]! + h)];
      theta[k] = theta[k]! - (h * (fp - fm)) / (2 * (fp - 2 * f0 + fm));
    }
  }
  return theta;
}

describe('polynomial energies: scores and the quadratic ISM objective', () => {
  it('score and its derivative match central finite differences of ln q~', () => {
    for (const x of [-1.7, 0, 0.4, 2.3]) {
      const h = 1e-4;
      expect(polynomialScore(THETA, x)).toBeCloseTo((logUnnormalised(THETA, x + h) - logUnnormalised(THETA, x - h)) / (2 * h), 6);
      expect(polynomialScoreDerivative(THETA, x)).toBeCloseTo((polynomialScore(THETA, x + h) - polynomialScore(THETA, x - h)) / (2 * h), 6);
    }
  });

  it('theta^T A theta / 2 + b^T theta equals the sample mean of s^2 / 2 + s\'', () => {
    const data = gaussianSamples(3, 100, 0.5, 1.3);
    const { a, b } = ismQuadratic(data, 4);
    const quadratic = 0.5 * THETA.reduce((s, ti, i) => s + ti * THETA.reduce((t, tj, j) => t + a[i]![j]! * tj, 0), 0) + THETA.reduce((s, t, i) => s + t * b[i]!, 0);
    expect(quadratic).toBeCloseTo(ismObjective(THETA, data), 9);
  });

  it('fitIsm solves the linear system: it agrees with a brute-force coordinate minimisation of J^', () => {
    const data = samplePolynomialDensity(THETA, 5, 300);
    const closed = fitIsm(data, 4);
    const standard = standardise(data);
    // Brute force in standardised coordinates (well conditioned), then mapped back to x.
    const brute = thetaFromStandardised(minimiseByCoordinates((t) => ismObjective(t, standard.z), [0, -0.5, 0, 0], 4000), standard);
    closed.forEach((t, k) => expect(t).toBeCloseTo(brute[k]!, 6));
    expect(ismObjective(closed, data)).toBeLessThanOrEqual(ismObjective(brute, data) + 1e-12);
    // No direction lowers J^ (it is a convex quadratic with its minimum at the solution).
    for (const k of [0, 1, 2, 3]) {
      for (const d of [-1e-3, 1e-3]) expect(ismObjective(closed.map((t, j) => (j === k ? t + d : t)), data)).toBeGreaterThan(ismObjective(closed, data));
    }
  });

  it('the Gaussian case (degree 2) gives mean = xbar and variance = biased S, as in MATH_NOTES B3.6', () => {
    const data = gaussianSamples(7, 80, -1.2, 0.7);
    const [t1, t2] = fitIsm(data, 2);
    const { mean, scale } = standardise(data);
    expect(-t1! / (2 * t2!)).toBeCloseTo(mean, 10);
    expect(-1 / (2 * t2!)).toBeCloseTo(scale * scale, 10);
  });

  it('is consistent: on 200,000 draws from a quartic density it recovers theta', () => {
    const data = samplePolynomialDensity(THETA, 11, 200_000);
    const fitted = fitIsm(data, 4);
    fitted.forEach((t, k) => expect(Math.abs(t - THETA[k]!)).toBeLessThan(0.06));
  });

  it('changing variables z = (x - m)/s and back returns the same coefficients and the same ln q~ up to a constant', () => {
    const standard = { mean: 0.8, scale: 1.7 };
    const z = thetaToStandardised(THETA, standard);
    thetaFromStandardised(z, standard).forEach((t, k) => expect(t).toBeCloseTo(THETA[k]!, 12));
    const constant = logUnnormalised(THETA, standard.mean);
    for (const x of [-2, 0.1, 3]) expect(logUnnormalised(z, (x - 0.8) / 1.7) + constant).toBeCloseTo(logUnnormalised(THETA, x), 10);
    expect(composeAffine([1, 1], 1, 1)).toEqual([3, 1]); // (1 + u) + (1 + u)^2 = 2 + 3u + u^2
  });

  it('refuses data with fewer distinct values than the degree, and names normalisable coefficients', () => {
    expect(() => fitIsm([1, 1, 2, 2, 3, 3], 4)).toThrow(/at least 4 distinct/);
    expect(isNormalisable([0, 1, 0, -0.1])).toBe(true);
    expect(isNormalisable([0, -1, 0.2, 0.01])).toBe(false);
    expect(isNormalisable([0, -1, 0.2])).toBe(false);
    expect(isNormalisable([0.5, -1, 0, 0])).toBe(true); // a Gaussian written as a quartic
  });
});
