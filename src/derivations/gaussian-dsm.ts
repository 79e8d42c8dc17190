/**
 * Model "gaussian-dsm": denoising score matching (Vincent 2011) for data p = N(m, s^2), Gaussian
 * noise of scale sigma, and the model score s_theta(x) = -(x - mu)/tau^2. With p_sigma = p * N(0,
 * sigma^2) = N(m, s^2 + sigma^2) (MATH_NOTES B3.8):
 *   J_DSM      = 1/2 E|s_theta(x~) + (x~ - x)/sigma^2|^2 = 1/2 (s^2 + (m-mu)^2)/tau^4 + 1/2 (1/sigma - sigma/tau^2)^2
 *   J_ESM(p_s) = 1/2 E_{p_sigma}|s_theta - grad log p_sigma|^2 = 1/2 (m-mu)^2/tau^4 + 1/2 (1/sqrt v - sqrt v/tau^2)^2, v = s^2 + sigma^2
 *   J_DSM - J_ESM(p_sigma) = 1/(2 sigma^2) - 1/(2 v), constant in theta.
 */
import { createRng, standardNormals } from '../math/random';
import { meanAndStdErr } from '../tensor/ops';
import { cachedSample } from './sample-cache';
import type { DerivationModel, ParamSpec, ParamValues, Tensor } from './types';
import { MIN_SAMPLE_SIZE } from './check';

export const GAUSSIAN_DSM_PARAMS: readonly ParamSpec[] = [
  { name: 'mu', label: 'model mean', tex: '\\mu', min: -3, max: 3, step: 0.05, default: 0.5 },
  { name: 'tau', label: 'model standard deviation', tex: '\\tau', min: 0.3, max: 3, step: 0.05, default: 1.5 },
  { name: 'sigma', label: 'noise scale', tex: '\\sigma', min: 0.1, max: 2, step: 0.05, default: 0.5 },
  { name: 'm', label: 'data mean', tex: 'm', min: -2, max: 2, step: 0.05, default: 1 },
  { name: 's', label: 'data standard deviation', tex: 's', min: 0.3, max: 2, step: 0.05, default: 1 },
];

/** J_DSM in closed form. */
export function dsmObjective({ mu, tau, sigma, m, s }: ParamValues): number {
  return (0.5 * (s * s + (m - mu) ** 2)) / tau ** 4 + 0.5 * (1 / sigma - sigma / (tau * tau)) ** 2;
}

/** J_ESM on the noised data distribution p_sigma = N(m, s^2 + sigma^2), closed form. */
export function noisedEsmObjective({ mu, tau, sigma, m, s }: ParamValues): number {
  const v = s * s + sigma * sigma;
  return (0.5 * (m - mu) ** 2) / tau ** 4 + 0.5 * (1 / Math.sqrt(v) - Math.sqrt(v) / (tau * tau)) ** 2;
}

/** J_ISM on p_sigma: E[1/2 s_theta^2 + d/dx s_theta] = 1/2 (v + (m-mu)^2)/tau^4 - 1/tau^2. */
export function noisedIsmObjective({ mu, tau, sigma, m, s }: ParamValues): number {
  const v = s * s + sigma * sigma;
  return (0.5 * (v + (m - mu) ** 2)) / tau ** 4 - 1 / (tau * tau);
}

interface DsmData {
  /** Clean draws x_i ~ p. */
  readonly clean: Tensor;
  /** Standard normal noise eps_i, so x~_i = x_i + sigma eps_i. */
  readonly noise: Tensor;
}

export const gaussianDsmModel: DerivationModel<DsmData> = {
  id: 'gaussian-dsm',
  params: GAUSSIAN_DSM_PARAMS,
  sample: { defaultN: 2000, minN: MIN_SAMPLE_SIZE, maxN: 1_000_000, defaultSeed: 1 },
  prepare(tf, { m, s }, { seed, n }) {
    const z = cachedSample(`dsm-z:${seed}:${n}`, () => standardNormals(createRng(seed), n));
    const eps = cachedSample(`dsm-eps:${seed}:${n}`, () => standardNormals(createRng(seed + 7919), n));
    return {
      clean: tf.add(tf.mul(tf.tensor1d(z, 'float32'), s), m),
      noise: tf.tensor1d(eps, 'float32'),
    };
  },
  evaluators: {
    esmNoised: (_tf, _data, params) => noisedEsmObjective(params),
    ismNoised: (_tf, _data, params) => noisedIsmObjective(params),
    dsmExact: (_tf, _data, params) => dsmObjective(params),
    /** 1/2 mean (s_theta(x~) + (x~ - x)/sigma^2)^2 over the sample, with its standard error. */
    dsmSample: (tf, { clean, noise }, { mu, tau, sigma }) => {
      const noisy = tf.add(clean, tf.mul(noise, sigma));
      const modelScore = tf.div(tf.sub(noisy, mu), -(tau * tau));
      const target = tf.div(noise, sigma); // (x~ - x)/sigma^2 = eps/sigma
      return meanAndStdErr(tf, tf.mul(0.5, tf.square(tf.add(modelScore, target))));
    },
  },
};
