import { describe, expect, it } from 'vitest';
import {
  diagGaussianKlBySum,
  diagGaussianKlToStandard,
  gaussianMleMeanLogLikelihood2d,
  linearGaussianElbo,
  linearGaussianLogEvidence,
  linearGaussianPosterior1d,
  mvnLogPdf,
} from './diag-gaussian';
import type { LinearGaussianModel } from './diag-gaussian';
import { gaussianLogPdf } from './gaussian';
import { createRng, standardNormals } from './random';

const MODEL: LinearGaussianModel = { dataDim: 2, latentDim: 1, weights: [1.2, -0.7], bias: [0.3, -0.1], noiseVariances: [0.25, 0.4] };

describe('diagGaussianKlToStandard', () => {
  it('diagGaussianKlToStandard([0, 0], [1, 1]) is 0 and ([1], [1]) is 1/2', () => {
    expect(diagGaussianKlToStandard([0, 0], [1, 1])).toBe(0);
    expect(diagGaussianKlToStandard([1], [1])).toBeCloseTo(0.5, 15);
  });

  it('equals the sum of one-dimensional Gaussian KLs of gaussian.ts', () => {
    const means = [0.3, -1.2, 2];
    const variances = [0.5, 1.7, 0.04];
    expect(diagGaussianKlToStandard(means, variances)).toBeCloseTo(diagGaussianKlBySum(means, variances), 12);
  });

  it('agrees with a Monte-Carlo average of ln q(z) - ln N(z; 0, I) over 200 000 draws of q', () => {
    const means = [0.8, -0.4];
    const sds = [0.6, 1.3];
    const eps = standardNormals(createRng(11), 400_000);
    let sum = 0;
    for (let i = 0; i < 200_000; i += 1) {
      for (let k = 0; k < 2; k += 1) {
        const z = means[k] + sds[k] * eps[2 * i + k];
        sum += gaussianLogPdf(z, means[k], sds[k]) - gaussianLogPdf(z, 0, 1);
      }
    }
    expect(sum / 200_000).toBeCloseTo(diagGaussianKlToStandard(means, sds.map((s) => s * s)), 2);
  });

  it('is NaN for a zero or negative variance and throws on mismatched lengths', () => {
    expect(diagGaussianKlToStandard([0], [0])).toBeNaN();
    expect(diagGaussianKlToStandard([0], [-1])).toBeNaN();
    expect(() => diagGaussianKlToStandard([0, 1], [1])).toThrow(RangeError);
  });
});

describe('linear-Gaussian model (factor analysis)', () => {
  it('mvnLogPdf with a diagonal covariance is a sum of univariate log densities', () => {
    const value = mvnLogPdf([0.5, -1], [0, 0.2], Float64Array.from([0.25, 0, 0, 4]));
    expect(value).toBeCloseTo(gaussianLogPdf(0.5, 0, 0.5) + gaussianLogPdf(-1, 0.2, 2), 12);
  });

  it('ln p(x) equals ln of the integral of p(x|z) p(z) dz by quadrature over z', () => {
    const x = [1.1, -0.9];
    let integral = 0;
    const h = 0.001;
    for (let z = -10; z <= 10; z += h) {
      const lx = gaussianLogPdf(x[0], MODEL.weights[0] * z + MODEL.bias[0], 0.5) + gaussianLogPdf(x[1], MODEL.weights[1] * z + MODEL.bias[1], Math.sqrt(0.4));
      integral += Math.exp(lx + gaussianLogPdf(z, 0, 1)) * h;
    }
    expect(linearGaussianLogEvidence(MODEL, x)).toBeCloseTo(Math.log(integral), 8);
  });

  it('ELBO(q) <= ln p(x) for every q, with equality at the exact posterior', () => {
    const rng = createRng(5);
    const x = [0.4, 0.7];
    const evidence = linearGaussianLogEvidence(MODEL, x);
    for (let trial = 0; trial < 200; trial += 1) {
      const m = 4 * rng() - 2;
      const v = 0.01 + 2 * rng();
      expect(linearGaussianElbo(MODEL, x, [m], [v])).toBeLessThanOrEqual(evidence + 1e-12);
    }
    const post = linearGaussianPosterior1d(MODEL, x);
    expect(linearGaussianElbo(MODEL, x, [post.mean], [post.variance])).toBeCloseTo(evidence, 12);
  });

  it('the Gaussian MLE log-likelihood per point is -ln 2 pi - ln|S|/2 - 1 (checked on 4 points)', () => {
    const points = [1, 0, -1, 0, 0, 2, 0, -2];
    // S = diag(1/2, 2): |S| = 1.
    expect(gaussianMleMeanLogLikelihood2d(points)).toBeCloseTo(-Math.log(2 * Math.PI) - 1, 12);
  });
});
