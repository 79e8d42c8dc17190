/**
 * Scores and their derivatives by automatic differentiation: s(x) = grad_x log q(x), its
 * divergence tr grad_x s (the Laplacian of log q) and the sliced term v^T grad_x (v^T s)
 * (Hyvarinen 2005, eq. 4; Song et al. 2019, eq. 8). Every function takes the tfjs namespace, so
 * the same code runs on webgpu, webgl and cpu; nested tf.grad gives the second derivatives.
 */
import type { Scalar, Tensor, Tf } from './tf';
import { rowSum, sumTensors } from './ops';

/** A log-density, known up to a constant: rows of x (shape [n] or [n, D]) to values of shape [n]. */
export type LogDensity = (x: Tensor) => Tensor;

/** s(x) = grad_x log q(x), same shape as x. Rows are independent, so one backward pass of sum(log q) suffices. */
export function scoreOf(tf: Tf, logDensity: LogDensity, x: Tensor): Tensor {
  return tf.grad((input: Tensor) => tf.sum(logDensity(input)) as Scalar)(x);
}

/** d/dx s(x) for 1-D x of shape [n]: the second derivative of log q at each point (one nested pass). */
export function scoreDerivative1d(tf: Tf, logDensity: LogDensity, x: Tensor): Tensor {
  return tf.grad((input: Tensor) => tf.sum(scoreOf(tf, logDensity, input)) as Scalar)(x);
}

/** tr grad_x s(x) = sum_d d s_d / d x_d for x of shape [n, D]: D nested backward passes (MATH_NOTES B3.3). */
export function scoreDivergence(tf: Tf, logDensity: LogDensity, x: Tensor): Tensor {
  const [n, dims] = x.shape;
  const column = (t: Tensor, d: number) => tf.reshape(tf.slice(t, [0, d], [n, 1]), [n]);
  const diagonal = Array.from({ length: dims }, (_, d) => {
    const jacobianColumn = tf.grad((input: Tensor) => tf.sum(column(scoreOf(tf, logDensity, input), d)) as Scalar)(x);
    return column(jacobianColumn, d);
  });
  return sumTensors(tf, diagonal);
}

/** v^T grad_x (v^T s(x)) per row, for x and v of shape [n, D]: one Hessian-vector product (Song et al. 2019). */
export function slicedScoreDerivative(tf: Tf, logDensity: LogDensity, x: Tensor, v: Tensor): Tensor {
  const gradient = tf.grad((input: Tensor) => tf.sum(tf.mul(scoreOf(tf, logDensity, input), v)) as Scalar)(x);
  return rowSum(tf, tf.mul(gradient, v));
}
