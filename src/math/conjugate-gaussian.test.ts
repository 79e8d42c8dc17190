import { describe, expect, it } from 'vitest';
import { conjugatePosterior, exactElbo, expectedLogLikelihood, logEvidence, logJoint, posteriorKl, summarize } from './conjugate-gaussian';
import { gaussianKl } from './gaussian';
import { integrate } from './quadrature';
import { gaussianSamples } from './random';

const prior = { noiseSd: 1.3, priorMean: -0.4, priorSd: 0.8 };
const data = summarize(gaussianSamples(3, 25, 1, 1.3));

describe('conjugate Gaussian model', () => {
  it('logEvidence(X) equals ln of the integral of p(X, z) over z by brute-force quadrature', () => {
    const post = conjugatePosterior(data, prior);
    // Scale by exp(-ln p(X, z_post)) so the integrand is O(1) and nothing underflows.
    const shift = logJoint(post.mean, data, prior);
    const integral = integrate((z) => Math.exp(logJoint(z, data, prior) - shift), post.mean - 15 * post.stdDev, post.mean + 15 * post.stdDev, 4000);
    expect(logEvidence(data, prior)).toBeCloseTo(shift + Math.log(integral), 9);
  });

  it('ELBO(q) + KL(q || p(z|X)) = ln p(X) to 1e-6 for many q', () => {
    const evidence = logEvidence(data, prior);
    for (const mean of [-3, -0.5, 0.7, 2.5]) {
      for (const stdDev of [0.05, 0.2, 1, 2]) {
        const q = { mean, stdDev };
        expect(Math.abs(exactElbo(q, data, prior) + posteriorKl(q, data, prior) - evidence)).toBeLessThan(1e-6);
        expect(exactElbo(q, data, prior)).toBeLessThanOrEqual(evidence);
      }
    }
  });

  it('the ELBO is maximised at q = p(z|X), where KL = 0 and ELBO = ln p(X)', () => {
    const post = conjugatePosterior(data, prior);
    const best = exactElbo(post, data, prior);
    expect(posteriorKl(post, data, prior)).toBe(0);
    expect(best).toBeCloseTo(logEvidence(data, prior), 10);
    for (const [dm, ds] of [[0.01, 0], [-0.01, 0], [0, 0.01], [0, -0.01], [0.2, 0.1]]) {
      expect(exactElbo({ mean: post.mean + dm, stdDev: post.stdDev + ds }, data, prior)).toBeLessThan(best);
    }
  });

  it('ELBO = E_q ln p(X|z) - KL(q || p(z)) (MATH_NOTES B2.3)', () => {
    const q = { mean: 0.3, stdDev: 0.4 };
    const viaPrior = expectedLogLikelihood(q, data, prior) - gaussianKl(q.mean, q.stdDev, prior.priorMean, prior.priorSd);
    expect(exactElbo(q, data, prior)).toBeCloseTo(viaPrior, 10);
  });

  it('summarize gives n, the mean and the sum of squared deviations', () => {
    expect(summarize([1, 2, 3, 6])).toEqual({ n: 4, mean: 3, ssd: 4 + 1 + 0 + 9 });
  });
});
