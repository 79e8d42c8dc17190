import { describe, expect, it } from 'vitest';
import { alphaBars, linearBetas, mixtureScore, noisedMixture } from './diffusion';
import { elboMonteCarlo, elboTerms, klTermMonteCarlo, modelLogLikelihood, reverseSteps, type GaussianDiffusion } from './diffusion-elbo';
import { gaussianLogPdf } from './gaussian';

const model = (overrides: Partial<GaussianDiffusion> = {}): GaussianDiffusion =>
  ({ dataMean: 1, dataSd: 0.5, betas: linearBetas(10, 0.02, 0.5), kappa: 1, ...overrides });

describe('the diffusion ELBO for Gaussian data', () => {
  it('the exact reverse mean is one-step Tweedie: a_t x_t + b_t = (x_t + beta_t d/dx ln q_t(x_t)) / sqrt(alpha_t)', () => {
    const m = model();
    const abar = alphaBars(m.betas);
    reverseSteps(m).forEach((step, i) => {
      const t = i + 1;
      const marginal = noisedMixture({ weights: [1], means: [m.dataMean], stdDevs: [m.dataSd] }, abar[t]!);
      for (const xt of [-1, 0.3, 2]) {
        const beta = m.betas[i]!;
        expect(step.slope * xt + step.offset).toBeCloseTo((xt + beta * mixtureScore(marginal, xt)) / Math.sqrt(1 - beta), 12);
      }
    });
  });

  it('ELBO <= ln p_theta(x_0) at every kappa, and the sum of Gaussian KLs equals the path Monte Carlo within 4 s.e.', () => {
    for (const kappa of [0.3, 1, 2.5]) {
      for (const x0 of [-0.5, 1, 2.4]) {
        const m = model({ kappa });
        const { elbo } = elboTerms(m, x0);
        expect(elbo).toBeLessThanOrEqual(modelLogLikelihood(m, x0) + 1e-12);
        const mc = elboMonteCarlo(m, x0, 11, 20_000);
        expect(Math.abs(mc.mean - elbo)).toBeLessThan(4 * mc.stdErr);
      }
    }
  });

  it('with many steps and the exact reverse model the bound is tight, at ln N(x_0; m, s^2)', () => {
    const m = model({ betas: linearBetas(1000, 1e-4, 0.02) });
    for (const x0 of [0.2, 1, 1.9]) {
      const exact = gaussianLogPdf(x0, 1, 0.5);
      expect(modelLogLikelihood(m, x0)).toBeCloseTo(exact, 4);
      const gap = modelLogLikelihood(m, x0) - elboTerms(m, x0).elbo;
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(1e-4);
    }
  });

  it('a wrong reverse variance leaves a visible gap (kappa = 3: more than 0.1 nats)', () => {
    const m = model({ kappa: 3 });
    expect(modelLogLikelihood(m, 1) - elboTerms(m, 1).elbo).toBeGreaterThan(0.1);
  });

  it('each L_{t-1} is the expected Gaussian KL: closed form = Monte Carlo of the log ratio within 4 s.e.', () => {
    const m = model({ kappa: 1.8 });
    const terms = elboTerms(m, 0.7);
    for (const t of [2, 5, 10]) {
      const mc = klTermMonteCarlo(m, 0.7, t, 5, 40_000);
      expect(terms.klTerms[t - 2]).toBeGreaterThan(0);
      expect(Math.abs(mc.mean - terms.klTerms[t - 2]!)).toBeLessThan(4 * mc.stdErr + 1e-12);
    }
  });

  it('L_T is KL(N(sqrt(abar_T) x_0, 1 - abar_T) || N(0, 1)) written out', () => {
    const m = model();
    const abarT = alphaBars(m.betas)[10]!;
    const mean = Math.sqrt(abarT) * 2;
    const variance = 1 - abarT;
    const kl = 0.5 * (variance + mean * mean - 1 - Math.log(variance));
    expect(elboTerms(m, 2).priorTerm).toBeCloseTo(kl, 14);
  });
});
