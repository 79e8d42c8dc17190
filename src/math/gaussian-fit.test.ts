import { describe, expect, it } from 'vitest';
import { gaussianEntropy, gaussianKl, gaussianLogPdf } from './gaussian.ts';
import {
  averageNegLogLikelihood,
  forwardKl,
  forwardKlFit,
  mixtureEntropy,
  mleGaussian,
  reverseKl,
  reverseKlFit,
} from './gaussian-fit.ts';
import { twoComponentMixture, type GaussianMixture } from './mixture.ts';
import { gaussianSamples } from './random.ts';

// Well separated: modes at ±3 with sigma 1, equal weights.
const BIMODAL = twoComponentMixture(6, 0.5, 1);

describe('forwardKlFit', () => {
  it('forwardKlFit of the mixture at ±3 is mean 0 and variance 1 + 9 = 10 (moment matching, MATH_NOTES B1.7)', () => {
    const fit = forwardKlFit(BIMODAL);
    expect(fit.mean).toBeCloseTo(0, 15);
    expect(fit.stdDev ** 2).toBeCloseTo(10, 14);
  });

  it('forwardKlFit of a single Gaussian returns that Gaussian', () => {
    expect(forwardKlFit({ weights: [1], means: [1.5], stdDevs: [0.4] })).toEqual({ mean: 1.5, stdDev: 0.4 });
  });
});

describe('reverseKl', () => {
  it('reverseKl against a one-component mixture matches gaussianKl(q || p) to 1e-10', () => {
    const target: GaussianMixture = { weights: [1], means: [0.5], stdDevs: [2] };
    expect(Math.abs(reverseKl(target, -1, 0.7) - gaussianKl(-1, 0.7, 0.5, 2))).toBeLessThan(1e-10);
    expect(Math.abs(reverseKl(target, 0.5, 2))).toBeLessThan(1e-12);
  });

  it('reverseKl of q = N(3, 1) against the mixture at ±3 is 0.6892979330291, ln 2 less an overlap term', () => {
    // Reference: scipy.integrate.quad, epsrel 1e-13. The overlap term is E_q ln(1 + e^{-6x}) ≈ 0.0038,
    // not e^{-18}: under q, -6x ~ N(-18, 36), so E_q e^{-6x} = 1.
    expect(reverseKl(BIMODAL, 3, 1)).toBeCloseTo(0.6892979330291, 11);
    expect(reverseKl(BIMODAL, 3, 1)).toBeLessThan(Math.LN2);
  });

  it('reverseKl stays finite for a narrow q far from both modes', () => {
    const value = reverseKl(BIMODAL, 40, 0.01);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(500);
  });

  it('reverseKl is NaN for sigma <= 0 or NaN parameters', () => {
    expect(reverseKl(BIMODAL, 0, 0)).toBeNaN();
    expect(reverseKl(BIMODAL, NaN, 1)).toBeNaN();
    expect(reverseKl(BIMODAL, 0, -1)).toBeNaN();
  });
});

describe('reverseKlFit', () => {
  it('reverseKlFit started near the right mode seeks it: mean ≈ +3, sigma ≈ 1, KL ≈ ln 2', () => {
    const fit = reverseKlFit(BIMODAL, { mean: 2, stdDev: 2 });
    expect(Math.abs(fit.mean - 3)).toBeLessThan(0.02);
    expect(Math.abs(fit.stdDev - 1)).toBeLessThan(0.03);
    expect(Math.abs(fit.kl - Math.LN2)).toBeLessThan(0.02);
    expect(fit.kl).toBeCloseTo(reverseKl(BIMODAL, fit.mean, fit.stdDev), 15);
  });

  it('reverseKlFit on the mixture at ±3 reaches the optimum m = 2.984306, s = 1.023369, KL = 0.688769', () => {
    // Reference: scipy.optimize.minimize (Nelder-Mead, xatol 1e-9) on scipy.integrate.quad of KL(q || p).
    const fit = reverseKlFit(BIMODAL, { mean: 2, stdDev: 2 });
    expect(fit.mean).toBeCloseTo(2.984306, 5);
    expect(fit.stdDev).toBeCloseTo(1.023369, 5);
    expect(fit.kl).toBeCloseTo(0.688769, 6);
  });

  it('reverseKlFit started near the left mode converges to the mirror-image optimum at the left mode', () => {
    const fit = reverseKlFit(BIMODAL, { mean: -2.5, stdDev: 0.5 });
    expect(fit.mean).toBeCloseTo(-2.984306, 5);
    expect(fit.stdDev).toBeCloseTo(1.023369, 5);
  });

  it('reverseKlFit ends with a lower KL than the forward (moment-matched) fit on a bimodal target', () => {
    const forward = forwardKlFit(BIMODAL);
    const reverse = reverseKlFit(BIMODAL, { mean: 1, stdDev: 1 });
    expect(reverse.kl).toBeLessThan(reverseKl(BIMODAL, forward.mean, forward.stdDev));
  });

  it('reverseKlFit recovers a single Gaussian target exactly enough (KL < 1e-8)', () => {
    const fit = reverseKlFit({ weights: [1], means: [0.7], stdDevs: [1.3] }, { mean: 0, stdDev: 1 });
    expect(fit.mean).toBeCloseTo(0.7, 3);
    expect(fit.stdDev).toBeCloseTo(1.3, 3);
    expect(fit.kl).toBeLessThan(1e-8);
  });

  it('reverseKlFit throws a RangeError for an initial sigma <= 0 or a NaN mean', () => {
    expect(() => reverseKlFit(BIMODAL, { mean: 0, stdDev: 0 })).toThrow(RangeError);
    expect(() => reverseKlFit(BIMODAL, { mean: NaN, stdDev: 1 })).toThrow(RangeError);
  });
});

describe('mleGaussian', () => {
  it('mleGaussian([1, 2, 3, 4]) is mean 2.5 and biased sigma sqrt(1.25)', () => {
    const fit = mleGaussian([1, 2, 3, 4]);
    expect(fit.mean).toBeCloseTo(2.5, 15);
    expect(fit.stdDev).toBeCloseTo(Math.sqrt(1.25), 15);
  });

  it('mleGaussian of one sample has sigma 0, and of no samples throws a RangeError', () => {
    expect(mleGaussian([4])).toEqual({ mean: 4, stdDev: 0 });
    expect(() => mleGaussian([])).toThrow(RangeError);
  });

  it('mleGaussian of 100000 seeded N(2, 3^2) draws is within 4 standard errors of (2, 3)', () => {
    const fit = mleGaussian(gaussianSamples(12, 100_000, 2, 3));
    expect(Math.abs(fit.mean - 2)).toBeLessThan(4 * (3 / Math.sqrt(1e5)));
    expect(Math.abs(fit.stdDev - 3)).toBeLessThan(4 * (3 / Math.sqrt(2e5)));
  });

  it('mleGaussian propagates NaN samples', () => {
    expect(mleGaussian([1, NaN]).mean).toBeNaN();
  });
});

describe('averageNegLogLikelihood', () => {
  it('averageNegLogLikelihood at the MLE is (1/2) ln(2 pi sigma^2) + 1/2', () => {
    const samples = gaussianSamples(5, 500, -1, 0.8);
    const { mean, stdDev } = mleGaussian(samples);
    expect(averageNegLogLikelihood(samples, mean, stdDev)).toBeCloseTo(0.5 * Math.log(2 * Math.PI * stdDev ** 2) + 0.5, 12);
  });

  it('averageNegLogLikelihood is smallest at the MLE (MATH_NOTES B1.5)', () => {
    const samples = gaussianSamples(6, 200, 0.5, 2);
    const { mean, stdDev } = mleGaussian(samples);
    const best = averageNegLogLikelihood(samples, mean, stdDev);
    for (const [dm, ds] of [[0.05, 0], [-0.05, 0], [0, 0.05], [0, -0.05]] as const) {
      expect(averageNegLogLikelihood(samples, mean + dm, stdDev + ds)).toBeGreaterThan(best);
    }
  });

  it('averageNegLogLikelihood of [0] under N(0, 1) is (1/2) ln(2 pi)', () => {
    expect(averageNegLogLikelihood([0], 0, 1)).toBeCloseTo(-gaussianLogPdf(0, 0, 1), 15);
  });

  it('averageNegLogLikelihood is NaN for sigma <= 0 and throws a RangeError for no samples', () => {
    expect(averageNegLogLikelihood([1, 2], 0, 0)).toBeNaN();
    expect(() => averageNegLogLikelihood([], 0, 1)).toThrow(RangeError);
  });
});

describe('mixtureEntropy and forwardKl (the quadratures the MLE-fit island shows)', () => {
  it('match the closed forms on a one-component mixture', () => {
    const single = { weights: [1], means: [0.5], stdDevs: [2] };
    expect(mixtureEntropy(single)).toBeCloseTo(gaussianEntropy(2), 9);
    expect(forwardKl(single, -1, 0.7)).toBeCloseTo(gaussianKl(0.5, 2, -1, 0.7), 8);
  });

  it('forwardKl is positive and smallest at the moment-matching fit', () => {
    const mixture = twoComponentMixture(5, 0.3, 1);
    const fit = forwardKlFit(mixture);
    const atFit = forwardKl(mixture, fit.mean, fit.stdDev);
    expect(atFit).toBeGreaterThan(0);
    expect(forwardKl(mixture, fit.mean + 0.3, fit.stdDev)).toBeGreaterThan(atFit);
    expect(forwardKl(mixture, fit.mean, fit.stdDev * 1.2)).toBeGreaterThan(atFit);
  });
});
