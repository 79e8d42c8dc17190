import { describe, expect, it } from 'vitest';
import {
  alphaBars, forwardMarginal, forwardPosterior, linearBetas, mixtureDensityCurve, mixtureScore, noisedMixture, noisePoints, optimalNoisePrediction,
  posteriorMeanX0, tweedieMean,
} from './diffusion';
import { gaussianLogPdf } from './gaussian';
import { mixtureLogPdf, type GaussianMixture } from './mixture';
import { integrate } from './quadrature';

const MIXTURE: GaussianMixture = { weights: [0.3, 0.7], means: [-2, 1.5], stdDevs: [0.4, 0.7] };

describe('VP forward process', () => {
  it('linearBetas(T, b1, bT) runs from b1 to bT in equal steps, and alphaBars multiplies 1 - beta', () => {
    const betas = linearBetas(5, 0.1, 0.5);
    expect(betas).toEqual([0.1, 0.2, 0.30000000000000004, 0.4, 0.5]);
    expect(alphaBars(betas)[3]).toBeCloseTo(0.9 * 0.8 * 0.7, 15);
    expect(alphaBars(betas)[0]).toBe(1);
    expect(() => linearBetas(0, 0.1, 0.2)).toThrow(RangeError);
    expect(() => linearBetas(3, 0, 0.2)).toThrow(RangeError);
  });

  it('forwardMarginal(x0, abar_t) is the t-fold composition of x_t = sqrt(1 - beta) x_{t-1} + sqrt(beta) eps', () => {
    const betas = linearBetas(50, 1e-3, 0.2);
    const abar = alphaBars(betas);
    let mean = 1.3;
    let variance = 0;
    betas.forEach((beta, i) => {
      mean *= Math.sqrt(1 - beta);
      variance = (1 - beta) * variance + beta;
      const closed = forwardMarginal(1.3, abar[i + 1]!);
      expect(closed.mean).toBeCloseTo(mean, 12);
      expect(closed.stdDev ** 2).toBeCloseTo(variance, 12);
    });
  });

  it('forwardPosterior is Bayes rule: q(x_{t-1}|x_0) q(x_t|x_{t-1}) completed to a square', () => {
    const betas = linearBetas(20, 0.01, 0.3);
    const abar = alphaBars(betas);
    for (const t of [2, 7, 20]) {
      const x0 = -0.8;
      const xt = 1.4;
      const beta = betas[t - 1]!;
      const precision = 1 / (1 - abar[t - 1]!) + (1 - beta) / beta;
      const mean = ((Math.sqrt(abar[t - 1]!) * x0) / (1 - abar[t - 1]!) + (Math.sqrt(1 - beta) * xt) / beta) / precision;
      const posterior = forwardPosterior(xt, x0, t, betas, abar);
      expect(posterior.mean).toBeCloseTo(mean, 12);
      expect(posterior.stdDev ** 2).toBeCloseTo(1 / precision, 12);
    }
    const atOne = forwardPosterior(0.5, 0.2, 1, betas, abar);
    expect(atOne.mean).toBeCloseTo(0.2, 12);
    expect(atOne.stdDev).toBe(0);
  });
});

describe('Gaussian-mixture marginals, score and Tweedie', () => {
  const abar = 0.37;
  const sigma = Math.sqrt(1 - abar);
  // q(x_0 | x_t) is proportional to p(x_0) N(x_t; sqrt(abar) x_0, 1 - abar): integrate it on a grid.
  const joint = (x0: number, xt: number) => Math.exp(mixtureLogPdf(MIXTURE, x0) + gaussianLogPdf(xt, Math.sqrt(abar) * x0, sigma));

  it('noisedMixture is the convolution q(x_t) = int p(x_0) q(x_t|x_0) dx_0 (by quadrature)', () => {
    for (const xt of [-3, -0.2, 0.9, 4]) {
      const density = integrate((x0) => joint(x0, xt), -12, 12, 4000);
      expect(Math.exp(mixtureLogPdf(noisedMixture(MIXTURE, abar), xt))).toBeCloseTo(density, 10);
    }
  });

  it('mixtureScore is the derivative of mixtureLogPdf (central difference)', () => {
    const noised = noisedMixture(MIXTURE, abar);
    for (const x of [-2.5, -0.3, 0, 1.7, 30]) {
      const h = 1e-5;
      const slope = (mixtureLogPdf(noised, x + h) - mixtureLogPdf(noised, x - h)) / (2 * h);
      expect(mixtureScore(noised, x)).toBeCloseTo(slope, 5);
    }
  });

  it('E[x_0 | x_t] by quadrature = per-component conditioning = Tweedie from the score', () => {
    const noised = noisedMixture(MIXTURE, abar);
    for (const xt of [-2, 0.1, 1.2, 3.5]) {
      const evidence = integrate((x0) => joint(x0, xt), -12, 12, 4000);
      const byQuadrature = integrate((x0) => x0 * joint(x0, xt), -12, 12, 4000) / evidence;
      expect(posteriorMeanX0(MIXTURE, abar, xt)).toBeCloseTo(byQuadrature, 9);
      expect(tweedieMean(mixtureScore(noised, xt), abar, xt)).toBeCloseTo(byQuadrature, 9);
    }
  });

  it('the best noise prediction E[eps | x_t] is -sigma_t times the score', () => {
    const noised = noisedMixture(MIXTURE, abar);
    for (const xt of [-1.5, 0.4, 2.2]) {
      const evidence = integrate((x0) => joint(x0, xt), -12, 12, 4000);
      const eps = integrate((x0) => ((xt - Math.sqrt(abar) * x0) / sigma) * joint(x0, xt), -12, 12, 4000) / evidence;
      expect(optimalNoisePrediction(mixtureScore(noised, xt), abar)).toBeCloseTo(eps, 9);
    }
  });

  it('the score is finite far in the tails and at abar near 0 and 1', () => {
    for (const a of [1e-8, 0.5, 1 - 1e-9]) {
      for (const x of [-1e3, 0, 1e3]) expect(Number.isFinite(mixtureScore(noisedMixture(MIXTURE, a), x))).toBe(true);
    }
  });
});

describe('noisePoints and mixtureDensityCurve', () => {
  it('noisePoints applies sqrt(abar) x + sqrt(1 - abar) eps per coordinate, and refuses short noise', () => {
    expect(Array.from(noisePoints([1, -2], 0.64, [0.5, 1]))).toEqual([0.8 + 0.6 * 0.5, -1.6 + 0.6]);
    expect(() => noisePoints([1, 2], 0.5, [0])).toThrow(RangeError);
  });

  it('mixtureDensityCurve integrates to about 1 over a wide range', () => {
    const curve = mixtureDensityCurve(MIXTURE, -10, 10, 2001);
    const area = curve.reduce((sum, p) => sum + p.density, 0) * (20 / 2000);
    expect(area).toBeCloseTo(1, 6);
  });
});
