import { describe, expect, it } from 'vitest';
import { gaussianLogPdf } from './gaussian.ts';
import { mixtureLogPdf, mixtureMoments, sampleMixture, twoComponentMixture, type GaussianMixture } from './mixture.ts';
import { integrate } from './quadrature.ts';

const BIMODAL = twoComponentMixture(6, 0.5, 1);

describe('mixtureLogPdf', () => {
  it('mixtureLogPdf of a one-component mixture equals gaussianLogPdf', () => {
    const single: GaussianMixture = { weights: [1], means: [0.3], stdDevs: [1.7] };
    for (const x of [-4, 0, 1.1, 20]) expect(mixtureLogPdf(single, x)).toBeCloseTo(gaussianLogPdf(x, 0.3, 1.7), 14);
  });

  it('mixtureLogPdf(bimodal, x) is ln(0.5 N(x; -3, 1) + 0.5 N(x; 3, 1)) near the modes', () => {
    for (const x of [-3, 0, 2.5]) {
      const direct = Math.log(0.5 * Math.exp(gaussianLogPdf(x, -3, 1)) + 0.5 * Math.exp(gaussianLogPdf(x, 3, 1)));
      expect(mixtureLogPdf(BIMODAL, x)).toBeCloseTo(direct, 14);
    }
  });

  it('mixtureLogPdf is finite at x = ±1e3, where each density underflows to 0', () => {
    // At x = 1e3 the component at +3 dominates by e^{-6000}: ln p = ln 0.5 + ln N(1e3; 3, 1).
    expect(mixtureLogPdf(BIMODAL, 1e3)).toBeCloseTo(Math.log(0.5) + gaussianLogPdf(1e3, 3, 1), 6);
    expect(mixtureLogPdf(BIMODAL, -1e3)).toBeCloseTo(Math.log(0.5) + gaussianLogPdf(-1e3, -3, 1), 6);
    expect(Number.isFinite(mixtureLogPdf(BIMODAL, 1e3))).toBe(true);
  });

  it('mixtureLogPdf integrates to 1 over the real line', () => {
    const mixture: GaussianMixture = { weights: [0.2, 0.5, 0.3], means: [-2, 0, 4], stdDevs: [0.5, 1, 2] };
    expect(integrate((x) => Math.exp(mixtureLogPdf(mixture, x)), -30, 30, 4000)).toBeCloseTo(1, 10);
  });

  it('mixtureLogPdf divides by the total weight, so weights [2, 2] equal weights [0.5, 0.5]', () => {
    const scaled: GaussianMixture = { ...BIMODAL, weights: [2, 2] };
    expect(mixtureLogPdf(scaled, 0.7)).toBeCloseTo(mixtureLogPdf(BIMODAL, 0.7), 15);
  });

  it('mixtureLogPdf ignores zero-weight components', () => {
    const mixture: GaussianMixture = { weights: [0, 1], means: [0, 2], stdDevs: [NaN, 1] };
    expect(mixtureLogPdf(mixture, 1)).toBeCloseTo(gaussianLogPdf(1, 2, 1), 15);
  });

  it('mixtureLogPdf is -Infinity at x = ±Infinity and NaN for x = NaN', () => {
    expect(mixtureLogPdf(BIMODAL, Infinity)).toBe(-Infinity);
    expect(mixtureLogPdf(BIMODAL, -Infinity)).toBe(-Infinity);
    expect(mixtureLogPdf(BIMODAL, NaN)).toBeNaN();
  });

  it('mixtureLogPdf throws a RangeError for an empty mixture or unequal lengths', () => {
    expect(() => mixtureLogPdf({ weights: [], means: [], stdDevs: [] }, 0)).toThrow(RangeError);
    expect(() => mixtureLogPdf({ weights: [1], means: [0, 1], stdDevs: [1] }, 0)).toThrow(RangeError);
  });
});

describe('mixtureMoments', () => {
  it('mixtureMoments of twoComponentMixture(d, w, s) is mean (d/2)(1 - 2w), variance s^2 + w(1 - w) d^2', () => {
    const { mean, variance } = mixtureMoments(twoComponentMixture(4, 0.3, 1.5));
    expect(mean).toBeCloseTo(2 * 0.4, 15);
    expect(variance).toBeCloseTo(2.25 + 0.21 * 16, 14);
  });

  it('mixtureMoments of the equal-weight mixture at ±3 with sigma 1 is mean 0, variance 10', () => {
    expect(mixtureMoments(BIMODAL)).toEqual({ mean: 0, variance: 10 });
  });

  it('mixtureMoments agrees with quadrature of x and (x - mean)^2 against the density', () => {
    const mixture: GaussianMixture = { weights: [0.2, 0.5, 0.3], means: [-2, 0, 4], stdDevs: [0.5, 1, 2] };
    const { mean, variance } = mixtureMoments(mixture);
    const density = (x: number): number => Math.exp(mixtureLogPdf(mixture, x));
    expect(integrate((x) => x * density(x), -30, 30, 4000)).toBeCloseTo(mean, 10);
    expect(integrate((x) => (x - mean) ** 2 * density(x), -30, 30, 4000)).toBeCloseTo(variance, 9);
  });
});

describe('sampleMixture', () => {
  it('sampleMixture is deterministic per seed and differs between seeds', () => {
    expect(sampleMixture(7, 50, BIMODAL)).toEqual(sampleMixture(7, 50, BIMODAL));
    expect(sampleMixture(7, 50, BIMODAL)).not.toEqual(sampleMixture(8, 50, BIMODAL));
  });

  it('sampleMixture(seed, 100000, p) matches the mean, variance and weights of p', () => {
    const mixture = twoComponentMixture(4, 0.3, 1);
    const x = sampleMixture(1, 100_000, mixture);
    let mean = 0;
    for (const v of x) mean += v / x.length;
    let variance = 0;
    let left = 0;
    for (const v of x) {
      variance += (v - mean) ** 2 / x.length;
      if (v < 0) left++;
    }
    const moments = mixtureMoments(mixture);
    // Var = 1 + 0.21 * 16 = 4.36, so the mean's standard error is about 0.0066.
    expect(Math.abs(mean - moments.mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - moments.variance)).toBeLessThan(0.1);
    // P(x < 0) = 0.3 Phi(2) + 0.7 Phi(-2) = 0.3 * 0.97725 + 0.7 * 0.02275 = 0.30910.
    expect(Math.abs(left / x.length - 0.3091)).toBeLessThan(0.006);
  });

  it('sampleMixture never picks a zero-weight component', () => {
    const mixture: GaussianMixture = { weights: [0, 1, 0], means: [-100, 0, 100], stdDevs: [1, 1, 1] };
    const x = sampleMixture(3, 10_000, mixture);
    expect(x.every((v) => Math.abs(v) < 10)).toBe(true);
  });

  it('sampleMixture returns an empty array for n = 0', () => {
    expect(sampleMixture(1, 0, BIMODAL)).toHaveLength(0);
  });
});

describe('twoComponentMixture', () => {
  it('twoComponentMixture(6, 0.25, 2) puts components at -3 and +3 with weights [0.25, 0.75]', () => {
    expect(twoComponentMixture(6, 0.25, 2)).toEqual({ weights: [0.25, 0.75], means: [-3, 3], stdDevs: [2, 2] });
  });

  it('twoComponentMixture defaults to sigma = 1', () => {
    expect(twoComponentMixture(2, 0.5).stdDevs).toEqual([1, 1]);
  });

  it('twoComponentMixture rejects a weight outside [0, 1], NaN, sigma <= 0 and infinite separation', () => {
    expect(() => twoComponentMixture(2, 1.5)).toThrow(RangeError);
    expect(() => twoComponentMixture(2, NaN)).toThrow(RangeError);
    expect(() => twoComponentMixture(2, 0.5, 0)).toThrow(RangeError);
    expect(() => twoComponentMixture(Infinity, 0.5)).toThrow(RangeError);
  });
});
