import { describe, expect, it } from 'vitest';
import { alphaBars, forwardPosterior, linearBetas, mixtureScore, noisedMixture } from './diffusion';
import { elboWeights, klTermDraws, linearScore, linearScoreDsm, linearScoreFisher, relativeWeights } from './diffusion-weights';
import { mixtureLogPdf } from './mixture';
import { integrate } from './quadrature';
import { meanAndStdErr } from './stats';
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

describe('the weighted DSM objective for the linear score on mixture data', () => {
  const mixture = { weights: [0.3, 0.7], means: [-2, 2], stdDevs: [0.5, 0.5] };
  const betas = linearBetas(100, 1e-3, 0.1);
  const abar = alphaBars(betas);

  it('the closed-form DSM expectation agrees with its Monte Carlo over (x_0, eps) within 4 s.e.', () => {
    const model = { mean: 0.5, scale: 1.2 };
    const t = 30;
    const { noiseError } = klTermDraws(mixture, betas, t, model, 3, 50_000);
    const { noiseWeight, scoreWeight } = elboWeights(betas)[t - 2]!;
    const mc = meanAndStdErr(noiseError);
    expect(Math.abs(mc.mean - scoreWeight * linearScoreDsm(mixture, abar[t]!, model))).toBeLessThan(4 * mc.stdErr);
    expect(noiseWeight).toBeGreaterThan(0);
  });

  it('per draw the Gaussian KL formula equals the weighted noise error', () => {
    const { kl, noiseError } = klTermDraws(mixture, betas, 50, { mean: -1, scale: 0.8 }, 4, 200);
    kl.forEach((value, i) => expect(noiseError[i]).toBeCloseTo(value, 10));
  });

  it('DSM minus the Fisher divergence to q_t is the same at every model (1/sigma^2 - E s_t^2), as in chapter 4', () => {
    const a = abar[40]!;
    const differences = [{ mean: 0, scale: 1 }, { mean: 1.5, scale: 0.6 }, { mean: -2, scale: 2.5 }]
      .map((model) => linearScoreDsm(mixture, a, model) - linearScoreFisher(mixture, a, model));
    const noised = noisedMixture(mixture, a);
    const scoreSquare = integrate((x) => Math.exp(mixtureLogPdf(noised, x)) * mixtureScore(noised, x) ** 2, -15, 15, 4000);
    for (const d of differences) expect(d).toBeCloseTo(1 / (1 - a) - scoreSquare, 8);
  });
});

describe('relativeWeights', () => {
  it('each column sums to 1, and the ELBO gives the lowest noise level far more of its weight than sigma^2 does', () => {
    const rows = relativeWeights(elboWeights(linearBetas(100, 1e-3, 0.1)));
    expect(rows.reduce((s, r) => s + r.elbo, 0)).toBeCloseTo(1, 12);
    expect(rows.reduce((s, r) => s + r.simple, 0)).toBeCloseTo(1, 12);
    expect(rows[0]!.elbo / rows[0]!.simple).toBeGreaterThan(10);
  });
});
