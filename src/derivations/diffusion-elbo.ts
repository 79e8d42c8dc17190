/**
 * Model "diffusion-elbo": data N(m, s^2), the DDPM linear schedule and the reverse model p(x_T) = N(0, 1),
 * p_theta(x_{t-1}|x_t) = N(a_t x_t + b_t, kappa c_t) (the exact reverse conditionals, variance scaled by kappa).
 * ln p_theta(x_0) exactly (the linear-Gaussian chain), the ELBO as -(L_T + sum L_{t-1} + L_0) with every
 * term a Gaussian KL in closed form, and the ELBO by Monte Carlo over whole forward paths; one KL term
 * L_{t-1} in closed form against its Monte Carlo (Ho et al. 2020, eq. 5). Float64 JavaScript.
 */
import { MIN_SAMPLE_SIZE } from './check';
import { linearBetas } from '../math/diffusion';
import { elboMonteCarlo, elboTerms, klTermMonteCarlo, modelLogLikelihood, type GaussianDiffusion } from '../math/diffusion-elbo';
import { gaussianLogPdf } from '../math/gaussian';
import { BETA_FIRST } from './diffusion-forward';
import type { DerivationModel, ParamSpec, ParamValues } from './types';

export const DIFFUSION_ELBO_PARAMS: readonly ParamSpec[] = [
  { name: 'x0', label: 'data point', tex: 'x_0', min: -3, max: 3, step: 0.05, default: 0.5 },
  { name: 'm', label: 'data mean', tex: 'm', min: -2, max: 2, step: 0.05, default: 1 },
  { name: 's', label: 'data standard deviation', tex: 's', min: 0.1, max: 2, step: 0.05, default: 0.5 },
  { name: 'T', label: 'number of steps', tex: 'T', min: 2, max: 100, step: 1, default: 20 },
  { name: 'betaT', label: 'last noise variance', tex: '\\beta_T', min: 0.01, max: 0.5, step: 0.01, default: 0.3 },
  { name: 'kappa', label: 'reverse-variance scale', tex: '\\kappa', min: 0.2, max: 3, step: 0.05, default: 1.5 },
  { name: 't', label: 'KL term at level (capped at T)', tex: 't', min: 2, max: 100, step: 1, default: 5 },
];

/** The diffusion of the current parameters. */
export function diffusionOf(params: ParamValues): GaussianDiffusion {
  return { dataMean: params.m, dataSd: params.s, betas: linearBetas(params.T, Math.min(BETA_FIRST, params.betaT), params.betaT), kappa: params.kappa };
}

interface ElboData {
  readonly diffusion: GaussianDiffusion;
  readonly seed: number;
  readonly n: number;
}

const KL_SEED_OFFSET = 104_729;

export const diffusionElboModel: DerivationModel<ElboData> = {
  id: 'diffusion-elbo',
  params: DIFFUSION_ELBO_PARAMS,
  sample: { defaultN: 4000, minN: MIN_SAMPLE_SIZE, maxN: 50_000, defaultSeed: 2 },
  advise: (params) => (params.t > params.T ? `t = ${params.t} is past the last step T = ${params.T}: the KL term is the one at t = T.` : undefined),
  prepare: (_tf, params, { seed, n }) => ({ diffusion: diffusionOf(params), seed, n }),
  evaluators: {
    /** ln p_theta(x_0), the model's exact log-likelihood (mean and variance pushed down the chain). */
    logLikelihood: (_tf, { diffusion }, params) => modelLogLikelihood(diffusion, params.x0),
    /** -(L_T + sum_{t=2..T} L_{t-1} + L_0), each term a Gaussian KL (or cross-entropy) in closed form. */
    elboKlSum: (_tf, { diffusion }, params) => elboTerms(diffusion, params.x0).elbo,
    /** mean over paths x_{1:T} ~ q(.|x_0) of ln p_theta(x_{0:T}) - ln q(x_{1:T}|x_0), +- s.e. */
    elboMonteCarlo: (_tf, { diffusion, seed, n }, params) => {
      const { mean, stdErr } = elboMonteCarlo(diffusion, params.x0, seed, n);
      return { value: mean, stdErr };
    },
    /** ln N(x_0; m, s^2), the data density: what the bound approaches with many steps and kappa = 1. */
    dataLogDensity: (_tf, _data, params) => gaussianLogPdf(params.x0, params.m, params.s),
    /** L_{t-1} in closed form: the Gaussian KL formula averaged over x_t ~ q(x_t|x_0). */
    klTermClosedForm: (_tf, { diffusion }, params) => elboTerms(diffusion, params.x0).klTerms[Math.min(params.t, params.T) - 2]!,
    /** L_{t-1} by Monte Carlo: mean of ln q(x_{t-1}|x_t,x_0) - ln p_theta(x_{t-1}|x_t), +- s.e. */
    klTermMonteCarlo: (_tf, { diffusion, seed, n }, params) => {
      const { mean, stdErr } = klTermMonteCarlo(diffusion, params.x0, Math.min(params.t, params.T), seed + KL_SEED_OFFSET, n);
      return { value: mean, stdErr };
    },
  },
};
