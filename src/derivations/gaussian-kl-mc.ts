/**
 * Model "gaussian-kl-mc": KL(N(mu1, s1^2) || N(mu2, s2^2)) three ways: the closed form, the
 * expectation E_p[ln p - ln q] by Simpson quadrature, and the Monte-Carlo sample mean with its
 * standard error (MATH_NOTES B1.4 and B1.6).
 */
import { gaussianKl } from '../math/gaussian';
import { standardNormals, createRng } from '../math/random';
import { gaussianLogPdf, integrateAgainst, meanAndStdErr, simpsonGrid } from '../tensor/ops';
import { cachedSample } from './sample-cache';
import type { DerivationModel, ParamSpec, Tensor, Tf } from './types';
import { MIN_SAMPLE_SIZE } from './check';

export const GAUSSIAN_KL_PARAMS: readonly ParamSpec[] = [
  { name: 'mu1', label: 'mean of p', tex: '\\mu_1', min: -3, max: 3, step: 0.05, default: 0 },
  { name: 'sd1', label: 'standard deviation of p', tex: '\\sigma_1', min: 0.2, max: 3, step: 0.05, default: 1 },
  { name: 'mu2', label: 'mean of q', tex: '\\mu_2', min: -3, max: 3, step: 0.05, default: 1 },
  { name: 'sd2', label: 'standard deviation of q', tex: '\\sigma_2', min: 0.2, max: 3, step: 0.05, default: 1.5 },
];

interface GaussianKlData {
  /** Draws x_i ~ p = N(mu1, s1^2), float32. */
  readonly samples: Tensor;
  readonly grid: Tensor;
  readonly weights: Tensor;
}

/** Standard normal draws for (seed, n), shared by every parameter setting. */
export function standardNormalSample(seed: number, n: number): Float32Array {
  return cachedSample(`normal:${seed}:${n}`, () => standardNormals(createRng(seed), n));
}

export const gaussianKlMcModel: DerivationModel<GaussianKlData> = {
  id: 'gaussian-kl-mc',
  params: GAUSSIAN_KL_PARAMS,
  sample: { defaultN: 1000, minN: MIN_SAMPLE_SIZE, maxN: 1_000_000, defaultSeed: 1 },
  prepare(tf, { mu1, sd1 }, { seed, n }) {
    const z = tf.tensor1d(standardNormalSample(seed, n), 'float32');
    // p carries essentially all its mass within 12 standard deviations of its mean.
    const { points, weights } = simpsonGrid(mu1 - 12 * sd1, mu1 + 12 * sd1, 4000);
    return {
      samples: tf.add(tf.mul(z, sd1), mu1),
      grid: tf.tensor1d(points, 'float32'),
      weights: tf.tensor1d(weights, 'float32'),
    };
  },
  evaluators: {
    closedForm: (_tf, _data, { mu1, sd1, mu2, sd2 }) => gaussianKl(mu1, sd1, mu2, sd2),
    expectation: (tf, { grid, weights }, { mu1, sd1, mu2, sd2 }) => {
      const logP = gaussianLogPdf(tf, grid, mu1, sd1);
      return integrateAgainst(tf, weights, logP, tf.sub(logP, gaussianLogPdf(tf, grid, mu2, sd2)));
    },
    monteCarlo: (tf, { samples }, { mu1, sd1, mu2, sd2 }) =>
      meanAndStdErr(tf, tf.sub(gaussianLogPdf(tf, samples, mu1, sd1), gaussianLogPdf(tf, samples, mu2, sd2))),
  },
};

/** One point of the convergence plot: the estimate from the first n draws. */
export interface ConvergencePoint {
  readonly n: number;
  readonly estimate: number;
  readonly stdErr: number;
}

/**
 * Monte-Carlo estimates of KL(p||q) from the first n of the same draws, for each n in `sizes`
 * (nested samples, as a reader would collect more data). One cumulative sum, one readback.
 */
export async function convergenceSeries(
  tf: Tf,
  params: { mu1: number; sd1: number; mu2: number; sd2: number },
  seed: number,
  sizes: readonly number[],
): Promise<ConvergencePoint[]> {
  const maxN = Math.max(...sizes);
  const stacked = tf.tidy(() => {
    const z = tf.tensor1d(standardNormalSample(seed, maxN), 'float32');
    const x = tf.add(tf.mul(z, params.sd1), params.mu1);
    const logRatio = tf.sub(gaussianLogPdf(tf, x, params.mu1, params.sd1), gaussianLogPdf(tf, x, params.mu2, params.sd2));
    // Centre before summing squares so float32 cumulative sums keep their precision.
    const shift = tf.mean(logRatio);
    const centred = tf.sub(logRatio, shift);
    // Slices rather than gather: gather needs int32 indices, and this code keeps to float32.
    const pick = (series: Tensor) => sizes.map((n) => tf.slice(series, [n - 1], [1]));
    const sums = pick(tf.cumsum(centred));
    const squares = pick(tf.cumsum(tf.square(centred)));
    return tf.concat([...sums, ...squares, tf.reshape(shift, [1])]);
  });
  const data = await stacked.data();
  stacked.dispose();
  const k = sizes.length;
  const shift = data[2 * k];
  return sizes.map((n, i) => {
    const mean = data[i] / n;
    const variance = n > 1 ? Math.max(0, (data[k + i] - n * mean * mean) / (n - 1)) : Infinity;
    return { n, estimate: shift + mean, stdErr: Math.sqrt(variance / n) };
  });
}
