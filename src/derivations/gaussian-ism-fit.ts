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
  { name: 'v', label: 'model variance', tex: '\\sigma^2', min: 0.05, max: 5, step: 0.05, default: 1 },
];

/** At or below this model variance the island explains why the values are so large. */
export const SMALL_VARIANCE = 0.1;

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
  advise: ({ v }) =>
    v <= SMALL_VARIANCE
      ? `σ² = ${v} is far below the data's variance (about ${(DATA_SD * DATA_SD).toFixed(2)}): the term (x − μ)²/(2σ⁴) dominates and the objective grows like 1/σ⁴, to +∞ as σ² → 0. A model much narrower than its data is heavily penalised, never a minimum.`
      : undefined,
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

/** Gradient-descent settings; v is kept above `minVariance` (J^ has no minimiser on v <= 0). */
export interface DescentOptions {
  readonly rate: number;
  readonly steps: number;
  readonly minVariance: number;
}

/** Rows [mu, v, J^] of gradient descent on J^ from `start`, gradients by tfjs autodiff; shape [steps + 1, 3]. */
function descentRows(tf: Tf, mean: Tensor, variance: Tensor, start: { mu: number; v: number }, options: DescentOptions): Tensor {
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
}

function toPath(flat: Float32Array | Int32Array | Uint8Array, offset: number, count: number): DescentPoint[] {
  return Array.from({ length: count }, (_, i) => ({ mu: flat[offset + 3 * i], v: flat[offset + 3 * i + 1], loss: flat[offset + 3 * i + 2] }));
}

/** Gradient descent on J^(mu, v) of `samples` from `start`; all iterates read back once. */
export async function ismDescentPath(tf: Tf, samples: Float32Array, start: { mu: number; v: number }, options: DescentOptions): Promise<DescentPoint[]> {
  const stacked = tf.tidy(() => {
    const x = tf.tensor1d(samples, 'float32');
    const mean = tf.mean(x);
    return descentRows(tf, mean, tf.mean(tf.square(tf.sub(x, mean))), start, options);
  });
  const flat = await stacked.data();
  stacked.dispose();
  return toPath(flat, 0, options.steps + 1);
}

/** The loss surface J^ on a grid of (mu, v), its minimiser (xbar, S) and a descent path. */
export interface IsmLandscape {
  /** J^ at grid point (mus[i], vs[j]), index i + j * mus.length. */
  readonly values: Float32Array;
  readonly mean: number;
  readonly variance: number;
  readonly path: DescentPoint[];
}

/** Evaluates the surface, x̄, S and the descent path on the compute backend in one readback. */
export async function ismLandscape(
  tf: Tf,
  samples: Float32Array,
  grid: { readonly mus: readonly number[]; readonly vs: readonly number[] },
  start: { mu: number; v: number },
  options: DescentOptions,
): Promise<IsmLandscape> {
  const cells = grid.mus.length * grid.vs.length;
  const stacked = tf.tidy(() => {
    const x = tf.tensor1d(samples, 'float32');
    const mean = tf.mean(x);
    const variance = tf.mean(tf.square(tf.sub(x, mean)));
    const mu = tf.tensor1d(grid.vs.flatMap(() => grid.mus), 'float32');
    const v = tf.tensor1d(grid.vs.flatMap((value) => grid.mus.map(() => value)), 'float32');
    return tf.concat([
      sampleIsmClosedForm(tf, mean, variance, mu, v),
      tf.stack([mean, variance]),
      tf.reshape(descentRows(tf, mean, variance, start, options), [-1]),
    ]);
  });
  const flat = await stacked.data();
  stacked.dispose();
  return {
    values: Float32Array.from(flat.subarray(0, cells)),
    mean: flat[cells],
    variance: flat[cells + 1],
    path: toPath(flat, cells + 2, options.steps + 1),
  };
}

/**
 * The landscape of data x from that of z = (x - centre) / scale: J^_x(centre + scale u, scale^2 w)
 * = J^_z(u, w) / scale^2 (substitute into (S + (xbar - mu)^2) / (2 v^2) - 1/v). Descent on z is
 * therefore descent on x with a step size that suits the data's own scale.
 */
export function rescaleLandscape(land: IsmLandscape, centre: number, scale: number): IsmLandscape {
  const s2 = scale * scale;
  return {
    values: land.values.map((value) => value / s2),
    mean: centre + scale * land.mean,
    variance: s2 * land.variance,
    path: land.path.map((p) => ({ mu: centre + scale * p.mu, v: s2 * p.v, loss: p.loss / s2 })),
  };
}

/** Largest |x| accepted from a reader: float32 squares of larger values lose too much precision. */
export const MAX_ABS_PASTED = 1e6;

/** Why pasted numbers cannot be fitted in float32 (too large, or too little spread for their size), or undefined. */
export function pastedDataProblem(values: readonly number[]): string | undefined {
  const largest = Math.max(...values.map(Math.abs));
  if (largest > MAX_ABS_PASTED) return `Values up to ±${MAX_ABS_PASTED.toExponential(0)} can be fitted; yours reach ${largest.toExponential(2)}. Rescale them first.`;
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  const sd = Math.sqrt(values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / values.length);
  if (sd < 1e-4 * Math.max(1, Math.abs(mean))) return `The values barely vary (standard deviation ${sd.toExponential(2)} around ${mean.toPrecision(4)}): float32 cannot resolve that spread. Subtract a constant first.`;
  return undefined;
}
