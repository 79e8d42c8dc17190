import { describe, expect, it } from 'vitest';
import { gaussianKl, gaussianLogPdf } from './gaussian.ts';
import { twoComponentMixture } from './mixture.ts';
import { expectationByQuadrature, integrate, integrationRange, klByQuadrature } from './quadrature.ts';

const logUniform =
  (lower: number, upper: number) =>
  (x: number): number =>
    x >= lower && x <= upper ? -Math.log(upper - lower) : -Infinity;

describe('integrate', () => {
  it('integrate is exact for cubics: ∫_0^2 x^3 dx = 4 even with 2 intervals', () => {
    expect(integrate((x) => x ** 3, 0, 2, 2)).toBeCloseTo(4, 14);
  });

  it('integrate(sin, 0, pi) is 2 to 1e-12 with the default 2000 intervals', () => {
    expect(Math.abs(integrate(Math.sin, 0, Math.PI) - 2)).toBeLessThan(1e-12);
  });

  it('integrate rounds an odd number of intervals up to even', () => {
    expect(integrate((x) => x ** 3, 0, 2, 3)).toBeCloseTo(integrate((x) => x ** 3, 0, 2, 4), 14);
  });

  it('integrate with lower > upper returns the negated integral, and 0 over an empty range', () => {
    expect(integrate((x) => x * x, 3, 0)).toBeCloseTo(-9, 12);
    expect(integrate(() => NaN, 1, 1)).toBe(0);
  });

  it('integrate returns NaN when the integrand is NaN somewhere and Infinity when it is Infinity', () => {
    expect(integrate((x) => (x > 0.5 ? NaN : 1), 0, 1)).toBeNaN();
    expect(integrate((x) => (x === 0 ? Infinity : 1), 0, 1)).toBe(Infinity);
  });

  it('integrate throws a RangeError for infinite bounds or fewer than 2 intervals', () => {
    expect(() => integrate(Math.exp, -Infinity, 0)).toThrow(RangeError);
    expect(() => integrate(Math.exp, 0, NaN)).toThrow(RangeError);
    expect(() => integrate(Math.exp, 0, 1, 1)).toThrow(RangeError);
  });
});

describe('klByQuadrature', () => {
  it('klByQuadrature of two Gaussians matches the closed form gaussianKl to 1e-10', () => {
    const logP = (x: number): number => gaussianLogPdf(x, 0.3, 1.7);
    const logQ = (x: number): number => gaussianLogPdf(x, -1.2, 0.9);
    const [lower, upper] = integrationRange([{ mean: 0.3, stdDev: 1.7 }]);
    expect(Math.abs(klByQuadrature(logP, logQ, lower, upper) - gaussianKl(0.3, 1.7, -1.2, 0.9))).toBeLessThan(1e-10);
  });

  it('klByQuadrature treats p(x) = 0 terms as 0, so KL(U[0,1] || U[0,2]) ≈ ln 2 without NaN', () => {
    // The jumps sit on grid nodes, where Simpson's error is O(h): here about h ln 2 / 3 ≈ 5e-4.
    expect(Math.abs(klByQuadrature(logUniform(0, 1), logUniform(0, 2), -1, 3) - Math.LN2)).toBeLessThan(2e-3);
  });

  it('klByQuadrature is +Infinity where q = 0 < p', () => {
    expect(klByQuadrature(logUniform(0, 1), logUniform(0, 0.5), -1, 2)).toBe(Infinity);
  });

  it('klByQuadrature of p against itself is 0 and its tails where p underflows add nothing', () => {
    const logP = (x: number): number => gaussianLogPdf(x, 0, 1);
    expect(klByQuadrature(logP, logP, -1e3, 1e3, 20_000)).toBeCloseTo(0, 15);
  });
});

describe('expectationByQuadrature', () => {
  it('expectationByQuadrature of x^2 under N(1, 2^2) is 5', () => {
    const logP = (x: number): number => gaussianLogPdf(x, 1, 2);
    expect(expectationByQuadrature(logP, (x) => x * x, -25, 27)).toBeCloseTo(5, 10);
  });

  it('expectationByQuadrature ignores f where p = 0, even when f is infinite there', () => {
    const f = (x: number): number => (x < 0 ? Infinity : x);
    expect(expectationByQuadrature(logUniform(0, 1), f, -1, 1)).toBeCloseTo(0.5, 10);
  });
});

describe('integrationRange', () => {
  it('integrationRange of N(0, 1) and N(5, 2^2) at 3 sigmas is [-3, 11]', () => {
    expect(integrationRange([{ mean: 0, stdDev: 1 }, { mean: 5, stdDev: 2 }], 3)).toEqual([-3, 11]);
  });

  it('integrationRange of the mixture at ±3 with sigma 1 is [-13, 13] by default', () => {
    expect(integrationRange(twoComponentMixture(6, 0.5, 1))).toEqual([-13, 13]);
  });

  it('integrationRange throws a RangeError for no components', () => {
    expect(() => integrationRange([])).toThrow(RangeError);
  });
});
