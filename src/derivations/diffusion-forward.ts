/**
 * Model "diffusion-forward": the variance-preserving forward process x_t = sqrt(1 - beta_t) x_{t-1} +
 * sqrt(beta_t) eps_t from a fixed x_0, with the DDPM linear schedule beta_1 = 1e-3 .. beta_T. Its
 * closed-form marginal q(x_t | x_0) = N(sqrt(abar_t) x_0, 1 - abar_t) is checked against the t-fold
 * composition of the one-step Gaussians (a recursion on mean and variance) and against particles pushed
 * through t noising steps (Ho et al. 2020, eq. 4). Exact float64 JavaScript.
 */
import { MIN_SAMPLE_SIZE } from './check';
import { alphaBars, forwardMarginal, linearBetas } from '../math/diffusion';
import { createRng, standardNormals } from '../math/random';
import { meanAndStdErr } from '../math/stats';
import { cachedSample } from './sample-cache';
import type { DerivationModel, ParamSpec, ParamValues } from './types';

/** beta_1 of every schedule in this chapter's derivations. */
export const BETA_FIRST = 1e-3;

export const DIFFUSION_FORWARD_PARAMS: readonly ParamSpec[] = [
  { name: 'x0', label: 'data point', tex: 'x_0', min: -3, max: 3, step: 0.05, default: 1.5 },
  { name: 'T', label: 'number of steps', tex: 'T', min: 1, max: 200, step: 1, default: 50 },
  { name: 'betaT', label: 'last noise variance', tex: '\\beta_T', min: 0.005, max: 0.5, step: 0.005, default: 0.1 },
  { name: 't', label: 'noise level (capped at T)', tex: 't', min: 1, max: 200, step: 1, default: 20 },
];

/** The step index actually used: t capped at T. */
export const levelOf = (params: ParamValues): number => Math.min(params.t, params.T);

interface ForwardData {
  readonly betas: number[];
  readonly t: number;
  /** Particles after t noising steps from x_0. */
  readonly particles: Float64Array;
}

/** n particles from x_0 pushed through t steps, one fresh N(0, 1) per particle and step (seeded). */
function pushParticles(x0: number, betas: readonly number[], t: number, seed: number, n: number): Float64Array {
  const noise = cachedSample(`diffusion-forward:${seed}:${n * t}`, () => standardNormals(createRng(seed), n * t));
  const x = new Float64Array(n).fill(x0);
  for (let s = 0; s < t; s++) {
    const beta = betas[s]!;
    for (let i = 0; i < n; i++) x[i] = Math.sqrt(1 - beta) * x[i]! + Math.sqrt(beta) * noise[s * n + i]!;
  }
  return x;
}

export const diffusionForwardModel: DerivationModel<ForwardData> = {
  id: 'diffusion-forward',
  params: DIFFUSION_FORWARD_PARAMS,
  sample: { defaultN: 4000, minN: MIN_SAMPLE_SIZE, maxN: 20_000, defaultSeed: 1 },
  advise: (params) => (params.t > params.T ? `t = ${params.t} is past the last step T = ${params.T}: the values are at t = T.` : undefined),
  prepare(_tf, params, { seed, n }) {
    const betas = linearBetas(params.T, Math.min(BETA_FIRST, params.betaT), params.betaT);
    const t = levelOf(params);
    return { betas, t, particles: pushParticles(params.x0, betas, t, seed, n) };
  },
  evaluators: {
    /** 1 - abar_t = 1 - prod_{s<=t} (1 - beta_s). */
    varianceClosedForm: (_tf, { betas, t }) => 1 - alphaBars(betas)[t]!,
    /** v_s = (1 - beta_s) v_{s-1} + beta_s from v_0 = 0: the variance of t composed Gaussian steps. */
    varianceRecursion: (_tf, { betas, t }) => betas.slice(0, t).reduce((v, beta) => (1 - beta) * v + beta, 0),
    /** The sample variance of the particles, with the standard error of the mean of (x - x-bar)^2. */
    varianceParticles: (_tf, { particles }) => {
      const { mean } = meanAndStdErr(particles);
      const { mean: variance, stdErr } = meanAndStdErr(particles.map((x) => (x - mean) ** 2));
      return { value: variance * (particles.length / Math.max(particles.length - 1, 1)), stdErr };
    },
    /** sqrt(abar_t) x_0. */
    meanClosedForm: (_tf, { betas, t }, params) => forwardMarginal(params.x0, alphaBars(betas)[t]!).mean,
    /** x_0 times sqrt(1 - beta_s) for s = 1..t. */
    meanRecursion: (_tf, { betas, t }, params) => betas.slice(0, t).reduce((m, beta) => Math.sqrt(1 - beta) * m, params.x0),
    /** The particles' mean +- its standard error. */
    meanParticles: (_tf, { particles }) => {
      const { mean, stdErr } = meanAndStdErr(particles);
      return { value: mean, stdErr };
    },
    /** A known mistake: adding the variances, sum_s beta_s, as if the signal were not shrunk. */
    varianceSumOfBetas: (_tf, { betas, t }) => betas.slice(0, t).reduce((a, b) => a + b, 0),
  },
};
