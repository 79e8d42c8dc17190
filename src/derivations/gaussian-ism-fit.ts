/**
 * Model "gaussian-ism-fit": the sample ISM loss of the 1-D Gaussian model q = N(mu, v), done right
 * (MATH_NOTES B3.6, correcting the source's A5-A7). With s_theta(x) = -(x - mu)/v and
 * d/dx s_theta = -1/v, J^(mu, v) = mean_i (x_i - mu)^2 / (2 v^2) - 1/v
 * = (S + (xbar - mu)^2) / (2 v^2) - 1/v >= -1/(2 S), with equality at mu = xbar, v = S, where
 * S = mean_i (x_i - xbar)^2 is the biased sample variance. The data are a seeded sample from
 * N(DATA_MEAN, DATA_SD^2).
 */
import { gaussianSamples } from '../math/random';
import { scoreDerivative1d, scoreOf } from '../tensor/score';
import { unnormalisedGaussian } from './gaussian-esm-ism';
import { cachedSample } from './sample-cache';
import type { DerivationModel, ParamSpec, Scalar, Tensor, Tf } from './types';

/** The data distribution the seeded sample is drawn from. */
export const DATA_MEAN = 1;
export const DATA_SD = 1.2;

export const GAUSSIAN_ISM_FIT_PARAMS: readonly ParamSpec[] = [
  { name: 'mu', label: 'model mean', tex: '\\mu', min: -2, max: 4, step: 0.05, default: 0 },
  { name: 'v', label: 'model variance', tex: '\\sigma^2', min: 0.2, max: 5, step: 0.05, default: 1 },
];

interface IsmFitData {
  readonly samples: Tensor;
  readonly mean: Scalar;
  /** Biased sample variance S = mean (x - xbar)^2. */
  readonly variance: Scalar;
}

/** The seeded sample x_i ~ N(DATA_MEAN, DATA_SD^2), cached per (seed, n). */
export function ismFitSample(seed: number, n: number): Float32Array {
  return cachedSample(`ism-fit:${seed}:${n}`, () => gaussianSamples(seed, n, DATA_MEAN, DATA_SD));
}

/** J^(mu, v) = (S + (xbar - mu)^2) / (2 v^2) - 1/v on tensors (differentiable in mu and v). */
export function sampleIsmClosedForm(tf: Tf, mean: Tensor, variance: Tensor, mu: Tensor | number, v: Tensor | number): Tensor {
  const spread = tf.add(variance, tf.square(tf.sub(mean, mu)));
  return tf.sub(tf.div(spread, tf.mul(2, tf.square(v))), tf.div(1, v));
}

export const gaussianIsmFitModel: DerivationModel<IsmFitData> = {
  id: 'gaussian-ism-fit',
  params: GAUSSIAN_ISM_FIT_PARAMS,
  sample: { defaultN: 50, minN: 5, maxN: 1_000_000, defaultSeed: 1 },
  prepare(tf, _params, { seed, n }) {
    const samples = tf.tensor1d(ismFitSample(seed, n), 'float32');
    const mean = tf.mean(samples) as Scalar;
    return { samples, mean, variance: tf.mean(tf.square(tf.sub(samples, mean))) as Scalar };
  },
  evaluators: {
    /** (1/n) sum_i [(1/2) s_theta(x_i)^2 + d/dx s_theta(x_i)], scores by autodiff of ln q~ */
    sampleIsm: (tf, { samples }, { mu, v }) => {
      const model = unnormalisedGaussian(tf, mu, Math.sqrt(v));
      return tf.mean(tf.add(tf.mul(0.5, tf.square(scoreOf(tf, model, samples))), scoreDerivative1d(tf, model, samples)));
    },
    /** (1/n) sum_i [(x_i - mu)^2 / (2 v^2) - 1/v] */
    perSample: (tf, { samples }, { mu, v }) => tf.mean(tf.sub(tf.div(tf.square(tf.sub(samples, mu)), 2 * v * v), 1 / v)),
    /** (S + (xbar - mu)^2) / (2 v^2) - 1/v */
    closedForm: (tf, { mean, variance }, { mu, v }) => sampleIsmClosedForm(tf, mean, variance, mu, v),
    /** The minimum -1/(2 S), reached at mu = xbar, v = S */
    minimum: (tf, { variance }) => tf.div(-0.5, variance),
    /** The source's loss (A6): (1/n) sum_i [(x_i - mu)^2 / v^2 + 1/v]. A known mistake. */
    sourceLoss: (tf, { samples }, { mu, v }) => tf.mean(tf.add(tf.div(tf.square(tf.sub(samples, mu)), v * v), 1 / v)),
  },
};

/** A point of a gradient-descent path on J^(mu, v). */
export interface DescentPoint {
  readonly mu: number;
  readonly v: number;
  readonly loss: number;
}

/**
 * Gradient descent on J^(mu, v) from `start`, gradients by tfjs autodiff of the closed form; v is
 * kept above `minVariance` (J^ has no minimiser on v <= 0). All iterates are read back once.
 */
export async function ismDescentPath(
  tf: Tf,
  samples: Float32Array,
  start: { mu: number; v: number },
  options: { rate: number; steps: number; minVariance: number },
): Promise<DescentPoint[]> {
  const stacked = tf.tidy(() => {
    const x = tf.tensor1d(samples, 'float32');
    const mean = tf.mean(x);
    const variance = tf.mean(tf.square(tf.sub(x, mean)));
    const loss = (mu: Tensor, v: Tensor) => sampleIsmClosedForm(tf, mean, variance, mu, v) as Scalar;
    const gradients = tf.grads((mu: Tensor, v: Tensor) => loss(mu, v));
    let mu: Tensor = tf.scalar(start.mu, 'float32');
    let v: Tensor = tf.scalar(start.v, 'float32');
    const rows: Tensor[] = [tf.stack([mu, v, loss(mu, v)])];
    for (let i = 0; i < options.steps; i += 1) {
      const [gMu, gV] = gradients([mu, v]);
      mu = tf.sub(mu, tf.mul(options.rate, gMu));
      v = tf.maximum(tf.sub(v, tf.mul(options.rate, gV)), options.minVariance);
      rows.push(tf.stack([mu, v, loss(mu, v)]));
    }
    return tf.stack(rows);
  });
  const flat = await stacked.data();
  stacked.dispose();
  return Array.from({ length: flat.length / 3 }, (_, i) => ({ mu: flat[3 * i], v: flat[3 * i + 1], loss: flat[3 * i + 2] }));
}
