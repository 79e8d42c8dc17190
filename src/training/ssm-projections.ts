/**
 * Sliced score matching with M projections per data point, for the 2-D Gaussian model of
 * gaussian-ssm.ts (s = -K x, data N(0, Sigma)). Per point, the sliced integrand averaged over M
 * directions, g_i(M) = (1/M) sum_m [v_im^T grad_x(v_im^T s(x_i)) + (v_im^T s(x_i))^2 / 2], has
 * expectation over v equal to the ISM integrand |s(x_i)|^2 / 2 + tr grad_x s(x_i) (MATH_NOTES B3.7),
 * and its extra variance falls like 1/M; as M grows the sliced estimate tends to the sample ISM on
 * the same points, whose own error is that of the data alone.
 */
import { createRng, standardNormals } from '../math/random';
import { scoreDivergence, scoreOf, slicedScoreDerivative } from '../tensor/score';
import { rowSum } from '../tensor/ops';
import { correlatedNormalSample, ismExact, quadraticLogDensity } from '../derivations/gaussian-ssm';
import { rademacherDirections } from './ssm-cost';
import { cachedSample } from '../derivations/sample-cache';
import type { ParamValues, SampleSettings, Tensor, Tf } from '../derivations/types';

export type ProjectionKind = 'rademacher' | 'gaussian';

/** One sliced estimate over n points with M projections each, against the exact objective. */
export interface ProjectionEstimate {
  readonly kind: ProjectionKind;
  readonly projections: number;
  /** mean_i g_i(M) and its standard error over the points (data and projection noise together). */
  readonly value: number;
  readonly stdErr: number;
  /** mean_i [g_i(M) - ISM integrand_i] and its standard error: the noise that slicing adds, alone. */
  readonly gap: number;
  readonly gapStdErr: number;
}

export interface ProjectionSeries {
  /** J_ISM(K) in closed form. */
  readonly exact: number;
  /** The sample ISM on the same n points, trace by autodiff, with its standard error. */
  readonly sampleIsm: { readonly value: number; readonly stdErr: number };
  /** For each kind, estimates at M = 1..maxProjections (index M - 1). */
  readonly estimates: Readonly<Record<ProjectionKind, readonly ProjectionEstimate[]>>;
}

/** Per-column mean and standard error (n - 1 divisor) of the rows of an [m, n] tensor, as [m] and [m]. */
function rowStats(tf: Tf, values: Tensor): [Tensor, Tensor] {
  const n = values.shape[1]!;
  const mean = tf.mean(values, 1);
  const variance = tf.div(tf.sum(tf.square(tf.sub(values, tf.expandDims(mean, 1))), 1), Math.max(n - 1, 1));
  return [mean, tf.sqrt(tf.div(variance, n))];
}

/** Directions for n points, maxM each, row m * n + i for point i: seeded apart from the data and from gaussian-ssm's. */
function directions(kind: ProjectionKind, seed: number, rows: number): Float32Array {
  return cachedSample(`ssm-projections:${kind}:${seed}:${rows}`, () => {
    const rng = createRng(seed * 104_729 + (kind === 'rademacher' ? 3 : 5));
    return kind === 'rademacher' ? rademacherDirections(rng, rows, 2) : standardNormals(rng, 2 * rows);
  });
}

/**
 * Sliced estimates for M = 1..maxProjections and both kinds of directions on one seeded sample,
 * nested (M + 1 adds one direction per point to those of M), in a single readback.
 */
export async function projectionSeries(tf: Tf, params: ParamValues, sample: SampleSettings, maxProjections: number): Promise<ProjectionSeries> {
  const { n, seed } = sample;
  const kinds: ProjectionKind[] = ['rademacher', 'gaussian'];
  const stacked = tf.tidy(() => {
    const logDensity = quadraticLogDensity(tf, params);
    const x = tf.tensor2d(correlatedNormalSample(seed, n, params.rho), [n, 2], 'float32');
    const ism = tf.add(tf.mul(0.5, rowSum(tf, tf.square(scoreOf(tf, logDensity, x)))), scoreDivergence(tf, logDensity, x));
    const [ismMean, ismStdErr] = rowStats(tf, tf.reshape(ism, [1, n]));
    const tiled = tf.tile(x, [maxProjections, 1]);
    const perKind = kinds.map((kind) => {
      const v = tf.tensor2d(directions(kind, seed, n * maxProjections), [n * maxProjections, 2], 'float32');
      const projected = rowSum(tf, tf.mul(scoreOf(tf, logDensity, tiled), v));
      const integrand = tf.reshape(tf.add(slicedScoreDerivative(tf, logDensity, tiled, v), tf.mul(0.5, tf.square(projected))), [maxProjections, n]);
      // Row M - 1: each point's integrand averaged over its first M directions.
      const counts = tf.tensor2d(Array.from({ length: maxProjections }, (_, m) => m + 1), [maxProjections, 1], 'float32');
      const averaged = tf.div(tf.cumsum(integrand, 0), counts);
      return tf.concat([...rowStats(tf, averaged), ...rowStats(tf, tf.sub(averaged, ism))]);
    });
    return tf.concat([ismMean, ismStdErr, ...perKind]);
  });
  const flat = await stacked.data();
  stacked.dispose();
  const block = 4 * maxProjections;
  const estimates = Object.fromEntries(kinds.map((kind, k) => {
    const at = (part: number, m: number) => flat[2 + k * block + part * maxProjections + m];
    return [kind, Array.from({ length: maxProjections }, (_, m): ProjectionEstimate => ({
      kind, projections: m + 1, value: at(0, m), stdErr: at(1, m), gap: at(2, m), gapStdErr: at(3, m),
    }))];
  })) as Record<ProjectionKind, ProjectionEstimate[]>;
  return { exact: ismExact(params), sampleIsm: { value: flat[0], stdErr: flat[1] }, estimates };
}
