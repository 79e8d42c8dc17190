/**
 * Model "smoothing-kl": Lyu's reading of score matching. p is a two-bump mixture, q a Gaussian
 * N(mu, s^2); both are smoothed by N(0, t). Steps: the rate of change of KL(p_t || q_t) in t (a
 * difference quotient of quadrature values), minus the Fisher divergence F = 1/2 E(s_p - s_q)^2 (quadrature),
 * and the same as a Monte-Carlo mean over draws from p_t. All float64 JavaScript: exact and cheap.
 */
import { twoComponentMixture, sampleMixture, type GaussianMixture } from '../math/mixture';
import { fisherDivergence, mixtureScore, smoothMixture, smoothedKlRate } from '../math/smoothing';
import { meanAndStdErr } from '../math/stats';
import type { DerivationModel, ParamSpec, ParamValues } from './types';
import { MIN_SAMPLE_SIZE } from './check';

const COMPONENT_SD = 0.6;
const WEIGHT = 0.7;

export const SMOOTHING_KL_PARAMS: readonly ParamSpec[] = [
  { name: 't', label: 'smoothing variance t', tex: 't', min: 0, max: 4, step: 0.05, default: 0.25 },
  { name: 'd', label: 'separation of the two bumps of p', tex: 'd', min: 0, max: 6, step: 0.1, default: 3 },
  { name: 'mu', label: 'mean of q', tex: '\\mu', min: -3, max: 3, step: 0.1, default: 0 },
  { name: 's', label: 'standard deviation of q', tex: 's', min: 0.3, max: 3, step: 0.05, default: 1 },
];

interface SmoothingData {
  readonly p: GaussianMixture;
  readonly q: GaussianMixture;
  readonly t: number;
  readonly draws: Float32Array;
}

export function smoothingPair({ d, mu, s }: ParamValues): { p: GaussianMixture; q: GaussianMixture } {
  return { p: twoComponentMixture(d, WEIGHT, COMPONENT_SD), q: { weights: [1], means: [mu], stdDevs: [s] } };
}

export const smoothingKlModel: DerivationModel<SmoothingData> = {
  id: 'smoothing-kl',
  params: SMOOTHING_KL_PARAMS,
  sample: { defaultN: 5000, minN: MIN_SAMPLE_SIZE, maxN: 1_000_000, defaultSeed: 1 },
  prepare(_tf, params, { seed, n }) {
    const { p, q } = smoothingPair(params);
    return { p, q, t: params.t, draws: sampleMixture(seed, n, smoothMixture(p, params.t)) };
  },
  evaluators: {
    klRate: (_tf, { p, q, t }) => smoothedKlRate(p, q, t),
    /** -F(p_t || q_t) = -1/2 E_{p_t}(s_p - s_q)^2 (the evaluator's name keeps the 1/2 of the integrand). */
    halfFisher: (_tf, { p, q, t }) => -fisherDivergence(smoothMixture(p, t), smoothMixture(q, t)),
    halfFisherSample: (_tf, { p, q, t, draws }) => {
      const pt = smoothMixture(p, t);
      const qt = smoothMixture(q, t);
      const terms = Float64Array.from(draws, (x) => -0.5 * (mixtureScore(pt, x) - mixtureScore(qt, x)) ** 2);
      const { mean, stdErr } = meanAndStdErr(terms);
      return { value: mean, stdErr };
    },
  },
};
