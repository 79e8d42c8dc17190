/**
 * The score field of an unnormalised 2-D density: a two-component Gaussian mixture
 * q~(x) = w exp(-Q(x - m1)/2) + (1 - w) exp(-Q(x - m2)/2), Q(u) = u^T C^-1 u, C = [[1, rho], [rho, 1]],
 * m1 = (-d/2, 0), m2 = (d/2, 0). No normalising constant is ever computed: the score
 * s(x) = grad_x ln q~(x) comes from tfjs autodiff (Hyvarinen 2005, sec. 2).
 */
import { logAddExp, rowSum } from '../tensor/ops';
import { scoreOf } from '../tensor/score';
import type { Tensor, Tf } from '../tensor/tf';

export interface ScoreFieldParams {
  /** Distance between the two modes along x1. */
  readonly d: number;
  /** Weight of the left mode, in (0, 1). */
  readonly w: number;
  /** Correlation of each bump, in (-1, 1). */
  readonly rho: number;
}

/** A square grid over [-extent, extent]^2, `count` points per side, row-major from the bottom-left. */
export interface SquareGrid {
  readonly extent: number;
  readonly count: number;
}

/** Cell centres of a grid, x1 varying fastest, as [x1, x2] pairs. */
export function gridPoints({ extent, count }: SquareGrid): Float32Array {
  const step = (2 * extent) / count;
  const points = new Float32Array(2 * count * count);
  for (let j = 0; j < count; j += 1) {
    for (let i = 0; i < count; i += 1) {
      points[2 * (i + j * count)] = -extent + (i + 0.5) * step;
      points[2 * (i + j * count) + 1] = -extent + (j + 0.5) * step;
    }
  }
  return points;
}

/** ln q~(x) for rows x of shape [n, 2]: log-add-exp of the two components, elementwise only (see rowSum). */
export function mixtureLogDensity2d(tf: Tf, { d, w, rho }: ScoreFieldParams): (x: Tensor) => Tensor {
  const inverseScale = 1 / (1 - rho * rho);
  // Q(u) = (u1^2 - 2 rho u1 u2 + u2^2) / (1 - rho^2) = u^T C^-1 u.
  const component = (centre: number, weight: number) => (x: Tensor) => {
    const u = tf.sub(x, tf.tensor1d([centre, 0], 'float32'));
    const crossed = tf.mul(tf.reverse(u, 1), -rho);
    return tf.add(tf.mul(-0.5 * inverseScale, rowSum(tf, tf.mul(tf.add(u, crossed), u))), Math.log(weight));
  };
  const left = component(-d / 2, w);
  const right = component(d / 2, 1 - w);
  return (x) => logAddExp(tf, left(x), right(x));
}

export interface ScoreField {
  /** ln q~ at the cells of the heat-map grid. */
  readonly logDensity: Float32Array;
  /** Scores at the cells of the arrow grid, as [s1, s2] pairs. */
  readonly scores: Float32Array;
}

/** ln q~ on `heat` and grad_x ln q~ on `arrows`, computed with tfjs and read back once. */
export async function scoreField(tf: Tf, params: ScoreFieldParams, heat: SquareGrid, arrows: SquareGrid): Promise<ScoreField> {
  const heatCells = heat.count * heat.count;
  const stacked = tf.tidy(() => {
    const logDensity = mixtureLogDensity2d(tf, params);
    const heatPoints = tf.tensor2d(gridPoints(heat), [heatCells, 2], 'float32');
    const arrowPoints = tf.tensor2d(gridPoints(arrows), [arrows.count * arrows.count, 2], 'float32');
    return tf.concat([logDensity(heatPoints), tf.reshape(scoreOf(tf, logDensity, arrowPoints), [-1])]);
  });
  const flat = await stacked.data();
  stacked.dispose();
  return { logDensity: Float32Array.from(flat.subarray(0, heatCells)), scores: Float32Array.from(flat.subarray(heatCells)) };
}
