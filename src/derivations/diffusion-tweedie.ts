/**
 * Model "diffusion-tweedie": data from the two-component mixture w N(-d/2, s^2) + (1 - w) N(d/2, s^2),
 * noised to x_t = sqrt(abar) x_0 + sigma eps. The denoiser E[x_0 | x_t] by quadrature of the posterior,
 * by conditioning each component, and by Tweedie's formula from the exact score of q_t; and the best noise prediction E[eps | x_t] = -sigma d/dx ln q_t(x_t)
 * (Efron 2011; Ho et al. 2020, eq. 11; Song et al. 2021). Float64 JavaScript.
 */
import { mixtureScore, noisedMixture, optimalNoisePrediction, posteriorMeanX0, tweedieMean } from '../math/diffusion';
import { gaussianLogPdf } from '../math/gaussian';
import { mixtureLogPdf, twoComponentMixture, type GaussianMixture } from '../math/mixture';
import { integrate } from '../math/quadrature';
import type { DerivationModel, ParamSpec, ParamValues } from './types';

export const DIFFUSION_TWEEDIE_PARAMS: readonly ParamSpec[] = [
  { name: 'd', label: 'distance between the modes', tex: 'd', min: 0, max: 6, step: 0.1, default: 4 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.05, max: 0.95, step: 0.05, default: 0.3 },
  { name: 's', label: 'standard deviation of each mode', tex: 's', min: 0.1, max: 2, step: 0.05, default: 0.5 },
  { name: 'abar', label: 'signal fraction', tex: '\\bar\\alpha_t', min: 0.01, max: 0.99, step: 0.01, default: 0.5 },
  { name: 'xt', label: 'noisy point', tex: 'x_t', min: -5, max: 5, step: 0.05, default: 0.8 },
];

interface TweedieData {
  readonly mixture: GaussianMixture;
}

const mixtureOf = (params: ParamValues): GaussianMixture => twoComponentMixture(params.d, params.w, params.s);

/** int f(x_0) p(x_0) q(x_t|x_0) dx_0 / int p(x_0) q(x_t|x_0) dx_0 by Simpson over the data's range. */
function posteriorExpectation(mixture: GaussianMixture, params: ParamValues, f: (x0: number) => number): number {
  const sigma = Math.sqrt(1 - params.abar);
  const root = Math.sqrt(params.abar);
  // Work relative to the log-joint at its largest grid value so neither integral underflows.
  const logJoint = (x0: number) => mixtureLogPdf(mixture, x0) + gaussianLogPdf(params.xt, root * x0, sigma);
  // The posterior of each component lies between its mean and x_t / sqrt(abar), at most s wide.
  const far = params.xt / root;
  const lo = Math.min(-params.d / 2, far) - 12 * params.s;
  const hi = Math.max(params.d / 2, far) + 12 * params.s;
  let peak = -Infinity;
  for (let i = 0; i <= 4000; i++) peak = Math.max(peak, logJoint(lo + ((hi - lo) * i) / 4000));
  const weight = (x0: number) => Math.exp(logJoint(x0) - peak);
  return integrate((x0) => f(x0) * weight(x0), lo, hi, 20_000) / integrate(weight, lo, hi, 20_000);
}

export const diffusionTweedieModel: DerivationModel<TweedieData> = {
  id: 'diffusion-tweedie',
  params: DIFFUSION_TWEEDIE_PARAMS,
  prepare: (_tf, params) => ({ mixture: mixtureOf(params) }),
  evaluators: {
    /** E[x_0 | x_t] = int x_0 p(x_0) q(x_t|x_0) dx_0 / q(x_t), by quadrature. */
    denoiserQuadrature: (_tf, { mixture }, params) => posteriorExpectation(mixture, params, (x0) => x0),
    /** sum_k r_k(x_t) E[x_0 | x_t, k]: each component and x_t are jointly Gaussian. */
    denoiserComponents: (_tf, { mixture }, params) => posteriorMeanX0(mixture, params.abar, params.xt),
    /** Tweedie: (x_t + sigma^2 d/dx ln q_t(x_t)) / sqrt(abar), with the exact mixture score. */
    denoiserTweedie: (_tf, { mixture }, params) =>
      tweedieMean(mixtureScore(noisedMixture(mixture, params.abar), params.xt), params.abar, params.xt),
    /** E[eps | x_t] = int (x_t - sqrt(abar) x_0)/sigma p(x_0 | x_t) dx_0, by quadrature. */
    noiseQuadrature: (_tf, { mixture }, params) =>
      posteriorExpectation(mixture, params, (x0) => (params.xt - Math.sqrt(params.abar) * x0) / Math.sqrt(1 - params.abar)),
    /** -sigma d/dx ln q_t(x_t): the score, rescaled. */
    noiseFromScore: (_tf, { mixture }, params) =>
      optimalNoisePrediction(mixtureScore(noisedMixture(mixture, params.abar), params.xt), params.abar),
    /** A known mistake: +sigma times the score (the noise points away from the data, the score towards it). */
    noiseWrongSign: (_tf, { mixture }, params) =>
      -optimalNoisePrediction(mixtureScore(noisedMixture(mixture, params.abar), params.xt), params.abar),
  },
};
