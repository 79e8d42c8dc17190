/**
 * Model "gaussian-ssm": sliced score matching (Song, Garg, Shi & Ermon 2019) for a zero-mean 2-D
 * Gaussian model with precision K, q~(x) = exp(-x^T K x / 2), so s_theta(x) = -K x and
 * grad_x s_theta = -K. Data p = N(0, Sigma), Sigma = [[1, rho], [rho, 1]].
 * J_ISM = E_p[|s|^2 / 2 + tr grad s] = tr(K Sigma K)/2 - tr K in closed form (MATH_NOTES B3.9);
 * the sample ISM takes the trace by D nested backward passes; SSM replaces it with one
 * Hessian-vector product v^T grad_x (v^T s) per draw, v Rademacher or Gaussian, E[v v^T] = I (B3.7).
 */
import { createRng, standardNormals } from '../math/random';
import { meanAndStdErr, rowSum } from '../tensor/ops';
import { scoreDivergence, scoreOf, slicedScoreDerivative } from '../tensor/score';
import type { LogDensity } from '../tensor/score';
import { MIN_SAMPLE_SIZE } from './check';
import { cachedSample } from './sample-cache';
import type { DerivationModel, ParamSpec, ParamValues, Tensor, Tf } from './types';

export const GAUSSIAN_SSM_PARAMS: readonly ParamSpec[] = [
  { name: 'rho', label: 'correlation of the data p', tex: '\\rho', min: -0.8, max: 0.8, step: 0.05, default: 0.5 },
  { name: 'k11', label: 'model precision K11', tex: 'K_{11}', min: 0.3, max: 3, step: 0.05, default: 1 },
  { name: 'k22', label: 'model precision K22', tex: 'K_{22}', min: 0.3, max: 3, step: 0.05, default: 2 },
  { name: 'r', label: 'K12 as a fraction of its largest value', tex: 'r', min: -0.9, max: 0.9, step: 0.05, default: -0.3 },
];

/** The model precision [[k11, k12], [k12, k22]] with k12 = r sqrt(k11 k22), positive definite for |r| < 1. */
export function precisionMatrix({ k11, k22, r }: ParamValues): [number, number, number] {
  return [k11, r * Math.sqrt(k11 * k22), k22];
}

/** J_ISM(K) = tr(K Sigma K)/2 - tr K for Sigma = [[1, rho], [rho, 1]], K = [[a, c], [c, b]]. */
export function ismExact(params: ParamValues): number {
  const [a, c, b] = precisionMatrix(params);
  const { rho } = params;
  // tr(K Sigma K) = sum_ij (K^2)_ij Sigma_ij with K^2 = [[a^2 + c^2, c(a + b)], [c(a + b), b^2 + c^2]].
  const traceKSigmaK = a * a + 2 * c * c + b * b + 2 * rho * c * (a + b);
  return 0.5 * traceKSigmaK - (a + b);
}

/** ln q~(x) = -x^T K x / 2 for rows x of shape [n, 2]. */
export function quadraticLogDensity(tf: Tf, params: ParamValues): LogDensity {
  const [a, c, b] = precisionMatrix(params);
  const diagonal = tf.tensor1d([a, b], 'float32');
  // K x = (a x1 + c x2, c x1 + b x2) elementwise: a skinny [n, 2] x [2, 2] matMul is slow on WebGPU.
  return (x) => tf.mul(-0.5, rowSum(tf, tf.mul(tf.add(tf.mul(x, diagonal), tf.mul(tf.reverse(x, 1), c)), x)));
}

interface SsmData {
  /** x_i ~ N(0, Sigma), shape [n, 2]. */
  readonly samples: Tensor;
  /** Rademacher projections v_i in {-1, 1}^2, shape [n, 2], float32. */
  readonly projections: Tensor;
  /** Standard Gaussian projections v_i ~ N(0, I), shape [n, 2]. */
  readonly gaussianProjections: Tensor;
}

/** n Rademacher vectors in 2-D (float32 +-1), from a generator seeded independently of the data. */
export function rademacherProjections(seed: number, n: number): Float32Array {
  return cachedSample(`rademacher:${seed}:${n}`, () => {
    const rng = createRng(seed * 7919 + 17);
    return Float32Array.from({ length: 2 * n }, () => (rng() < 0.5 ? -1 : 1));
  });
}

/** n draws x ~ N(0, [[1, rho], [rho, 1]]) as rows [x1, x2]: x = L z with L = [[1, 0], [rho, sqrt(1 - rho^2)]]. */
export function correlatedNormalSample(seed: number, n: number, rho: number): Float32Array {
  return cachedSample(`normal2:${seed}:${n}:${rho}`, () => {
    const z = standardNormals(createRng(seed), 2 * n);
    const out = new Float32Array(2 * n);
    for (let i = 0; i < n; i += 1) {
      out[2 * i] = z[2 * i];
      out[2 * i + 1] = rho * z[2 * i] + Math.sqrt(1 - rho * rho) * z[2 * i + 1];
    }
    return out;
  });
}

/** n standard Gaussian vectors in 2-D, from a generator seeded independently of the data and the signs. */
export function gaussianProjections(seed: number, n: number): Float32Array {
  return cachedSample(`gaussian-directions:${seed}:${n}`, () => standardNormals(createRng(seed * 7919 + 29), 2 * n));
}

/**
 * The sliced integrand v^T grad_x (v^T s) + (v^T s)^2 / 2 per row, or with |s|^2 / 2 in place of
 * (v^T s)^2 / 2 when `varianceReduced` (SSM-VR; Song et al. 2019, eq. 9), as mean and standard error.
 */
function slicedEstimate(tf: Tf, logDensity: LogDensity, x: Tensor, v: Tensor, varianceReduced: boolean) {
  const score = scoreOf(tf, logDensity, x);
  const quadratic = varianceReduced ? rowSum(tf, tf.square(score)) : tf.square(rowSum(tf, tf.mul(score, v)));
  return withTerms(tf, tf.add(slicedScoreDerivative(tf, logDensity, x, v), tf.mul(0.5, quadratic)));
}

/** Mean and standard error of per-draw terms, and the terms, so consecutive estimates are checked paired. */
function withTerms(tf: Tf, terms: Tensor) {
  return { ...meanAndStdErr(tf, terms), terms };
}

export const gaussianSsmModel: DerivationModel<SsmData> = {
  id: 'gaussian-ssm',
  params: GAUSSIAN_SSM_PARAMS,
  sample: { defaultN: 2000, minN: MIN_SAMPLE_SIZE, maxN: 200_000, defaultSeed: 1 },
  prepare(tf, { rho }, { seed, n }) {
    return {
      samples: tf.tensor2d(correlatedNormalSample(seed, n, rho), [n, 2], 'float32'),
      projections: tf.tensor2d(rademacherProjections(seed, n), [n, 2], 'float32'),
      gaussianProjections: tf.tensor2d(gaussianProjections(seed, n), [n, 2], 'float32'),
    };
  },
  evaluators: {
    /** tr(K Sigma K)/2 - tr K */
    ismExact: (_tf, _data, params) => ismExact(params),
    /** (1/n) sum_i [|s(x_i)|^2 / 2 + tr grad_x s(x_i)], trace by autodiff (2 backward passes) */
    ismSample: (tf, { samples }, params) => {
      const logDensity = quadraticLogDensity(tf, params);
      const squared = tf.mul(0.5, rowSum(tf, tf.square(scoreOf(tf, logDensity, samples))));
      return withTerms(tf, tf.add(squared, scoreDivergence(tf, logDensity, samples)));
    },
    /** (1/n) sum_i [v_i^T grad_x (v_i^T s(x_i)) + (v_i^T s(x_i))^2 / 2], one Hessian-vector product, v_i Rademacher */
    ssm: (tf, { samples, projections }, params) => slicedEstimate(tf, quadraticLogDensity(tf, params), samples, projections, false),
    /** The same with v_i ~ N(0, I) */
    ssmGaussian: (tf, { samples, gaussianProjections: v }, params) => slicedEstimate(tf, quadraticLogDensity(tf, params), samples, v, false),
    /** SSM-VR: (1/n) sum_i [v_i^T grad_x (v_i^T s(x_i)) + |s(x_i)|^2 / 2], v_i Rademacher */
    ssmVr: (tf, { samples, projections }, params) => slicedEstimate(tf, quadraticLogDensity(tf, params), samples, projections, true),
  },
};
