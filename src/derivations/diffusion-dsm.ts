/**
 * Model "diffusion-dsm": one term L_{t-1} of the diffusion ELBO for mixture data, with the reverse mean
 * written through a model score s_theta(x) = -(x - mu)/tau^2 and the posterior variance beta-tilde_t.
 * The term as the Gaussian KL formula averaged over draws, as the weighted noise-prediction error, as the
 * lambda_t-weighted denoising score-matching loss in closed form, and (up to a constant that does not
 * depend on theta) as the lambda_t-weighted Fisher divergence to q_t by quadrature
 * (Ho et al. 2020, eqs. 8-12; Vincent 2011). Schedule: T = 100, beta linear from 1e-3 to 0.1.
 */
import { MIN_SAMPLE_SIZE } from './check';
import { alphaBars, linearBetas } from '../math/diffusion';
import { elboWeights, klTermDraws, linearScoreDsm, linearScoreFisher, relativeWeights } from '../math/diffusion-weights';
import { twoComponentMixture, type GaussianMixture } from '../math/mixture';
import { meanAndStdErr } from '../math/stats';
import { diffusionWeightsPlot } from '../charts/diffusion';
import type { DerivationModel, ParamSpec, ParamValues } from './types';

export const DSM_STEPS = 100;
export const DSM_BETAS = linearBetas(DSM_STEPS, 1e-3, 0.1);
const ABAR = alphaBars(DSM_BETAS);

export const DIFFUSION_DSM_PARAMS: readonly ParamSpec[] = [
  { name: 't', label: 'noise level', tex: 't', min: 2, max: DSM_STEPS, step: 1, default: 30 },
  { name: 'mu', label: 'model score centre', tex: '\\mu', min: -3, max: 3, step: 0.05, default: 0.5 },
  { name: 'tau', label: 'model score width', tex: '\\tau', min: 0.3, max: 3, step: 0.05, default: 1.2 },
  { name: 'd', label: 'distance between the modes', tex: 'd', min: 0, max: 6, step: 0.1, default: 4 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.05, max: 0.95, step: 0.05, default: 0.3 },
];

interface DsmData {
  readonly mixture: GaussianMixture;
  readonly draws: ReturnType<typeof klTermDraws>;
}

const MODE_SD = 0.5;
const modelOf = (params: ParamValues) => ({ mean: params.mu, scale: params.tau });

export const diffusionDsmModel: DerivationModel<DsmData> = {
  id: 'diffusion-dsm',
  params: DIFFUSION_DSM_PARAMS,
  sample: { defaultN: 20_000, minN: MIN_SAMPLE_SIZE, maxN: 200_000, defaultSeed: 5 },
  prepare: (_tf, params, { seed, n }) => {
    const mixture = twoComponentMixture(params.d, params.w, MODE_SD);
    return { mixture, draws: klTermDraws(mixture, DSM_BETAS, params.t, modelOf(params), seed, n) };
  },
  evaluators: {
    /** mean over draws of KL(N(mu-tilde, beta-tilde) || N(mu_theta(x_t), beta-tilde)), the chapter-1 formula, +- s.e. */
    klMonteCarlo: (_tf, { draws }) => {
      const { mean, stdErr } = meanAndStdErr(draws.kl);
      return { value: mean, stdErr };
    },
    /** mean over the same draws of w_t (eps - eps_theta(x_t))^2, +- s.e. */
    noiseError: (_tf, { draws }) => {
      const { mean, stdErr } = meanAndStdErr(draws.noiseError);
      return { value: mean, stdErr };
    },
    /** lambda_t E (s_theta(x_t) - d/dx_t ln q(x_t|x_0))^2 in closed form (moments of the mixture). */
    weightedDsm: (_tf, { mixture }, params) =>
      elboWeights(DSM_BETAS)[params.t - 2]!.scoreWeight * linearScoreDsm(mixture, ABAR[params.t]!, modelOf(params)),
    /** lambda_t E_{q_t} (s_theta - d/dx ln q_t)^2 by quadrature: explicit score matching on the noised data. */
    weightedFisher: (_tf, { mixture }, params) =>
      elboWeights(DSM_BETAS)[params.t - 2]!.scoreWeight * linearScoreFisher(mixture, ABAR[params.t]!, modelOf(params)),
  },
  figure: (_values, params) => ({
    options: diffusionWeightsPlot(relativeWeights(elboWeights(DSM_BETAS)), params.t),
    description: `The share of the total weight each noise level t = 2 to ${DSM_STEPS} gets from the ELBO (lambda_t) and from the sigma_t^2 weighting of the score network; at t = 2 the ELBO's share is ${(relativeWeights(elboWeights(DSM_BETAS))[0]!.elbo / relativeWeights(elboWeights(DSM_BETAS))[0]!.simple).toFixed(0)} times larger. The current level t = ${params.t} is marked.`,
    caption: 'How each loss shares its weight on the squared score error among the noise levels (each curve sums to 1): the ELBO’s λ_t (blue) and σ_t² (gold), the weighting of “L_simple” and of the score-network island. Their ratio is w_t = λ_t/σ_t², largest at low noise.',
  }),
};
