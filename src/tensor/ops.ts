/**
 * Small float32 tensor building blocks shared by derivation models. They take the tfjs namespace
 * as an argument (no tfjs import), so the same code runs on webgpu, webgl and cpu.
 */
import type { Scalar, Tensor, Tf } from './tf';

const LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln N(x; mean, stdDev^2), elementwise. */
export function gaussianLogPdf(tf: Tf, x: Tensor, mean: number | Scalar, stdDev: number | Scalar): Tensor {
  const z = tf.div(tf.sub(x, mean), stdDev);
  const logStdDev = typeof stdDev === 'number' ? Math.log(stdDev) : tf.log(stdDev);
  return tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStdDev, LOG_SQRT_TWO_PI));
}

/** A mixture of Gaussians, as plain numbers. */
export interface MixtureParams {
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly stdDevs: readonly number[];
}

/**
 * ln sum_k w_k N(x; m_k, s_k^2), elementwise, by log-sum-exp (stable in the tails). The sum over
 * components is a JavaScript loop of elementwise ops: reducing a short axis of a stacked [K, n]
 * tensor is many times slower on WebGPU.
 */
export function mixtureLogPdf(tf: Tf, x: Tensor, mixture: MixtureParams): Tensor {
  const terms = mixture.weights.map((weight, k) =>
    tf.add(gaussianLogPdf(tf, x, mixture.means[k], mixture.stdDevs[k]), Math.log(Math.max(weight, 1e-300))));
  let largest = terms[0];
  for (let k = 1; k < terms.length; k += 1) largest = tf.maximum(largest, terms[k]);
  let total = tf.exp(tf.sub(terms[0], largest));
  for (let k = 1; k < terms.length; k += 1) total = tf.add(total, tf.exp(tf.sub(terms[k], largest)));
  return tf.add(largest, tf.log(total));
}

/** Mean and standard error (sample sd with n - 1, over sqrt n) of a 1-D tensor. */
export function meanAndStdErr(tf: Tf, values: Tensor): { value: Scalar; stdErr: Scalar } {
  const n = values.size;
  const mean = tf.mean(values) as Scalar;
  const variance = tf.div(tf.sum(tf.square(tf.sub(values, mean))), Math.max(n - 1, 1));
  return { value: mean, stdErr: tf.sqrt(tf.div(variance, n)) as Scalar };
}

/** A uniform grid and its composite Simpson weights (intervals is made even). */
export function simpsonGrid(lower: number, upper: number, intervals: number): { points: Float32Array; weights: Float32Array } {
  const even = intervals % 2 === 0 ? intervals : intervals + 1;
  const h = (upper - lower) / even;
  const points = new Float32Array(even + 1);
  const weights = new Float32Array(even + 1);
  for (let i = 0; i <= even; i += 1) {
    points[i] = lower + i * h;
    weights[i] = ((i === 0 || i === even) ? 1 : i % 2 === 1 ? 4 : 2) * h / 3;
  }
  return { points, weights };
}

/** integral of exp(logP) * f over the grid (Simpson); f is a tensor of values on the grid. */
export function integrateAgainst(tf: Tf, weights: Tensor, logP: Tensor, f: Tensor): Scalar {
  return tf.sum(tf.mul(tf.mul(weights, tf.exp(logP)), f)) as Scalar;
}

/**
 * The elementwise sum of same-shape tensors, four at a time. Not one tf.addN: tfjs-webgpu 4.22
 * binds every input of AddN as a storage buffer in a single shader, and past the device's limit of
 * storage buffers per stage (8 by default) the result is wrong, with no error raised.
 */
export function sumTensors(tf: Tf, tensors: readonly Tensor[]): Tensor {
  let terms = [...tensors];
  while (terms.length > 1) {
    const next: Tensor[] = [];
    for (let i = 0; i < terms.length; i += 4) {
      const chunk = terms.slice(i, i + 4);
      next.push(chunk.length === 1 ? chunk[0] : tf.addN(chunk));
    }
    terms = next;
  }
  return terms[0];
}

/**
 * Row sums of an [n, D] tensor for small D, as D column slices added elementwise: tfjs-webgpu
 * reduces a tiny last axis with one workgroup per row, which is orders of magnitude slower.
 */
export function rowSum(tf: Tf, values: Tensor): Tensor {
  const [n, dims] = values.shape;
  const columns = Array.from({ length: dims }, (_, d) => tf.reshape(tf.slice(values, [0, d], [n, 1]), [n]));
  return sumTensors(tf, columns);
}

/** ln(e^a + e^b) elementwise, without a reduction (see rowSum). */
export function logAddExp(tf: Tf, a: Tensor, b: Tensor): Tensor {
  const top = tf.maximum(a, b);
  return tf.add(top, tf.log(tf.add(tf.exp(tf.sub(a, top)), tf.exp(tf.sub(b, top)))));
}
