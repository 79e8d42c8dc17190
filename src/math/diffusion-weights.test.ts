import { describe, expect, it } from 'vitest';
import { alphaBars, forwardPosterior, linearBetas } from './diffusion';
import { elboWeights, linearScore } from './diffusion-weights';
import { createRng, standardNormals } from './random';

describe('elboWeights', () => {
  const betas = linearBetas(20, 0.01, 0.4);
  const abar = alphaBars(betas);

  it('per draw, (mu-tilde - mu_theta)^2 / (2 beta-tilde) = w_t (eps - eps_theta)^2 = lambda_t (s_theta - d ln q(x_t|x_0))^2', () => {
    const model = { mean: 0.4, scale: 1.3 };
    const noise = standardNormals(createRng(5), 40);
    for (const { t, scoreWeight, noiseWeight, noiseVariance } of elboWeights(betas)) {
      const sigma = Math.sqrt(noiseVariance);
      const beta = betas[t - 1]!;
      for (let i = 0; i < 20; i++) {
        const x0 = 2 * noise[2 * i]!;
        const eps = noise[2 * i + 1]!;
        const xt = Math.sqrt(abar[t]!) * x0 + sigma * eps;
        const posterior = forwardPosterior(xt, x0, t, betas, abar);
        const score = linearScore(model, xt);
        const reverseMean = (xt + beta * score) / Math.sqrt(1 - beta);
        const kl = (posterior.mean - reverseMean) ** 2 / (2 * posterior.stdDev ** 2);
        expect(noiseWeight * (eps + sigma * score) ** 2).toBeCloseTo(kl, 9);
        expect(scoreWeight * (score + eps / sigma) ** 2).toBeCloseTo(kl, 9);
      }
    }
  });

  it('lambda_t = w_t sigma_t^2, and the ELBO weight w_t is not the constant 1 of L_simple', () => {
    const weights = elboWeights(betas);
    expect(weights).toHaveLength(19);
    for (const w of weights) expect(w.scoreWeight).toBeCloseTo(w.noiseWeight * w.noiseVariance, 14);
    const ratio = weights[0]!.noiseWeight / weights[weights.length - 1]!.noiseWeight;
    expect(ratio).toBeGreaterThan(4);
  });
});
