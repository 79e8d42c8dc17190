/**
 * Model "mixture-nll": p is a two-component Gaussian mixture, q_theta = N(mu, sigma^2). The chain
 * KL(p||q) = H(p,q) - H(p) ~ H(p,q) (up to the constant -H(p)) ~ NLL(theta) on a sample from p
 * shows why minimising the forward KL is maximum likelihood (MATH_NOTES B1.2-B1.5).
 */
import { sampleMixture, twoComponentMixture } from '../math/mixture';
import type { GaussianMixture } from '../math/mixture';
import { gaussianLogPdf, integrateAgainst, meanAndStdErr, mixtureLogPdf, simpsonGrid } from '../tensor/ops';
import { cachedSample } from './sample-cache';
import type { DerivationModel, ParamSpec, ParamValues, Tensor } from './types';
import { MIN_SAMPLE_SIZE } from './check';

export const MIXTURE_NLL_PARAMS: readonly ParamSpec[] = [
  { name: 'd', label: 'separation of the two modes of p', tex: 'd', min: 0, max: 6, step: 0.1, default: 3 },
  { name: 'w', label: 'weight of the left mode of p', tex: 'w', min: 0.1, max: 0.9, step: 0.01, default: 0.3 },
  { name: 'mu', label: 'mean of q', tex: '\\mu', min: -4, max: 4, step: 0.05, default: 0 },
  { name: 'sigma', label: 'standard deviation of q', tex: '\\sigma', min: 0.3, max: 4, step: 0.05, default: 1.5 },
];

/** The target p of this model: modes at -d/2 and +d/2, unit standard deviations. */
export function targetMixture(params: ParamValues): GaussianMixture {
  return twoComponentMixture(params.d, params.w, 1);
}

interface MixtureData {
  readonly samples: Tensor;
  readonly grid: Tensor;
  readonly weights: Tensor;
  readonly logP: Tensor;
}

/** H(p, q) = -E_p ln N(x; mu, sigma^2) for the unit-variance two-mode p of this model, float64. */
export function mixtureCrossEntropy({ d, w, mu, sigma }: ParamValues): number {
  const secondMoment = 1 + w * (d / 2 + mu) ** 2 + (1 - w) * (d / 2 - mu) ** 2;
  return 0.5 * Math.log(2 * Math.PI * sigma * sigma) + secondMoment / (2 * sigma * sigma);
}

export const mixtureNllModel: DerivationModel<MixtureData> = {
  id: 'mixture-nll',
  params: MIXTURE_NLL_PARAMS,
  sample: { defaultN: 2000, minN: MIN_SAMPLE_SIZE, maxN: 1_000_000, defaultSeed: 1 },
  prepare(tf, params, { seed, n }) {
    const mixture = targetMixture(params);
    const draws = cachedSample(`mixture:${params.d}:${params.w}:${seed}:${n}`, () => sampleMixture(seed, n, mixture));
    // Wide enough for p and for q at every slider setting (|mu| <= 4, sigma <= 4).
    const reach = Math.max(params.d / 2 + 12, 4 + 12 * params.sigma);
    const { points, weights } = simpsonGrid(-reach, reach, 6000);
    const grid = tf.tensor1d(points, 'float32');
    return {
      samples: tf.tensor1d(draws, 'float32'),
      grid,
      weights: tf.tensor1d(weights, 'float32'),
      logP: mixtureLogPdf(tf, grid, mixture),
    };
  },
  evaluators: {
    kl: (tf, { grid, weights, logP }, { mu, sigma }) =>
      integrateAgainst(tf, weights, logP, tf.sub(logP, gaussianLogPdf(tf, grid, mu, sigma))),
    crossMinusEntropy: (tf, { grid, weights, logP }, { mu, sigma }) => {
      const crossEntropy = integrateAgainst(tf, weights, logP, tf.neg(gaussianLogPdf(tf, grid, mu, sigma)));
      const entropy = integrateAgainst(tf, weights, logP, tf.neg(logP));
      return tf.sub(crossEntropy, entropy);
    },
    /**
     * H(p, q) in closed form, ln(sigma sqrt(2 pi)) + E_p(x - mu)^2 / (2 sigma^2) with the mixture's
     * E_p(x - mu)^2 = 1 + w (d/2 + mu)^2 + (1 - w)(d/2 - mu)^2: not the quadrature of the KL line,
     * so KL - H(p, q) is constant in (mu, sigma) only if the step is right.
     */
    crossEntropy: (_tf, _data, params) => mixtureCrossEntropy(params),
    nll: (tf, { samples }, { mu, sigma }) => meanAndStdErr(tf, tf.neg(gaussianLogPdf(tf, samples, mu, sigma))),
  },
};
