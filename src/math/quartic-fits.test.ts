import { describe, expect, it } from 'vitest';
import { gaussianTheta, samplePolynomialDensity } from './polynomial-normaliser';
import { densityRows, densitySummary, fitQuartic } from './quartic-fits';
import { gaussianSamples } from './random';

const TARGET = [0.3, 2, -0.2, -0.5];
/** Upper tail of N(0, 1) at 1, 1 - Phi(1) (Abramowitz & Stegun table 26.1). */
const UPPER_TAIL_AT_ONE = 0.15865525393145707;

describe('quartic fits as the islands show them', () => {
  it('densitySummary of a Gaussian written as a quartic: its mean, sd and upper tail', () => {
    const summary = densitySummary(gaussianTheta(2, 4, 4), 4)!;
    expect(summary.mean).toBeCloseTo(2, 8);
    expect(summary.stdDev).toBeCloseTo(2, 8);
    expect(summary.tail).toBeCloseTo(UPPER_TAIL_AT_ONE, 8);
  });

  it('has no summary and no curve for theta_4 > 0, and reports a singular system instead of fitting', () => {
    expect(densitySummary([0, -1, 0, 0.01], 0)).toBeUndefined();
    expect(densityRows([0, -1, 0, 0.01], [0, 1], 'ism')).toEqual([]);
    const fits = fitQuartic([1, 1, 2, 2, 3, 3]);
    expect(fits.ismTheta).toBeUndefined();
    expect(fits.ismError).toMatch(/at least 4 distinct/);
  });

  it('the chapter\'s numbers: mass of the right mode over seeds 1-6, target 0.429', () => {
    expect(densitySummary(TARGET, 0)!.tail).toBeCloseTo(0.429, 3);
    const range = (n: number, pick: 'ism' | 'mle') => {
      const masses = [1, 2, 3, 4, 5, 6].map((seed) => {
        const fits = fitQuartic(samplePolynomialDensity(TARGET, seed, n));
        return densitySummary(pick === 'ism' ? fits.ismTheta : fits.mle!.theta, 0)!.tail;
      });
      return [Math.min(...masses), Math.max(...masses)].map((m) => Number(m.toFixed(2)));
    };
    expect(range(400, 'ism')).toEqual([0.31, 0.56]);
    expect(range(400, 'mle')).toEqual([0.41, 0.5]);
    expect(range(5000, 'ism')).toEqual([0.39, 0.45]);
    expect(range(5000, 'mle')).toEqual([0.42, 0.43]);
  });

  it('the chapter\'s outlier example: one point at 4 makes the ISM estimate non-normalisable, the MLE stays a density', () => {
    const fits = fitQuartic([...gaussianSamples(1, 200, 0, 1), 4]);
    expect(fits.ismTheta![3]!).toBeGreaterThan(0);
    expect(fits.mle!.theta[3]!).toBeLessThan(0);
    expect(fits.mle!.boundary).toBe(false);
  });

  it('the chapter\'s second outlier example: ten points at 10 take almost all the ISM mass, about 5% of the MLE mass', () => {
    const fits = fitQuartic([...gaussianSamples(1, 200, 0, 1), ...new Array<number>(10).fill(10)]);
    expect(densitySummary(fits.ismTheta, 5)!.tail).toBeGreaterThan(0.99);
    expect(densitySummary(fits.mle!.theta, 5)!.tail).toBeCloseTo(0.05, 2);
  });
});
