/**
 * A small neural energy on 2-D data trained by implicit score matching (Hyvarinen 2005, eq. 4):
 *   E(x) = w3^T atan(W2^T atan(W1^T x + b1) + b2) + (c/2) |x|^2,   q~(x) = exp(-E(x)),
 *   J^ = mean_i [ |grad E(x_i)|^2 / 2 - Laplacian E(x_i) ],
 * with s = -grad E by one backward pass and the Laplacian tr grad s by D = 2 more (one per input
 * dimension, src/tensor/score.ts), then Adam on the weights through all of it: third-order autodiff.
 * The units are atan, not tanh: tfjs differentiates tanh, sigmoid and exp through their saved
 * *outputs*, which are not on the tape, so their second and third derivatives come out wrong
 * (silently); atan's gradient 1/(1 + a^2) is built from its input and differentiates to any order.
 * The fixed quadratic term c |x|^2 / 2 keeps exp(-E) integrable (atan units are bounded); nothing
 * in ISM would.
 */
import type * as TfCore from '../tensor/tf';
import { gaussianSamples } from '../math/random';
import { rowSum } from '../tensor/ops';
import { scoreOf } from '../tensor/score';
import type { Scalar, Tensor, Tf } from '../tensor/tf';

/** Architecture and training settings. */
export interface MlpEnergyOptions {
  readonly hidden: number;
  readonly rate: number;
  /** Seed of the initial weights (N(0, 1/fan_in)). */
  readonly seed: number;
  /** c in (c/2)|x|^2. */
  readonly confinement: number;
  /** lambda of the curvature penalty (0: plain ISM). */
  readonly penalty: number;
  /** The square window [lower, upper]^2 on which E is read back, `cells` per side. */
  readonly grid: { readonly lower: number; readonly upper: number; readonly cells: number };
}

/** One readback: the plain ISM objective J^ (without penalty) and E on the grid (row-major from (lower, lower), x fastest). */
export interface MlpEnergyState {
  readonly iteration: number;
  readonly objective: number;
  readonly energies: Float32Array;
}

/** The weights W1 [2, h], b1 [h], W2 [h, h], b2 [h], w3 [h, 1]. */
type Weights = readonly [TfCore.Variable, TfCore.Variable, TfCore.Variable, TfCore.Variable, TfCore.Variable];

/** E(x) for rows x of shape [n, 2], shape [n]. */
export function mlpEnergy(tf: Tf, weights: readonly Tensor[], confinement: number, x: Tensor): Tensor {
  const [w1, b1, w2, b2, w3] = weights as [Tensor, Tensor, Tensor, Tensor, Tensor];
  const h1 = tf.atan(tf.add(tf.matMul(x as TfCore.Tensor2D, w1 as TfCore.Tensor2D), b1));
  const h2 = tf.atan(tf.add(tf.matMul(h1 as TfCore.Tensor2D, w2 as TfCore.Tensor2D), b2));
  const network = tf.reshape(tf.matMul(h2 as TfCore.Tensor2D, w3 as TfCore.Tensor2D), [-1]);
  return tf.add(network, tf.mul(0.5 * confinement, rowSum(tf, tf.square(x))));
}

/** d s_d / d x_d for rows x of shape [n, D], as [n, D]: one nested backward pass per dimension (MATH_NOTES B3.3). */
function scoreJacobianDiagonal(tf: Tf, logDensity: (x: Tensor) => Tensor, x: Tensor): Tensor {
  const [n, dims] = x.shape as [number, number];
  const column = (t: Tensor, d: number) => tf.slice(t, [0, d], [n, 1]);
  return tf.concat(Array.from({ length: dims }, (_, d) =>
    column(tf.grad((input: Tensor) => tf.sum(column(scoreOf(tf, logDensity, input), d)) as Scalar)(x), d)), 1);
}

/**
 * J^ = mean [ |s|^2 / 2 + tr grad s ] with s = grad ln q~ = -grad E (exact second derivatives, D = 2
 * passes), plus lambda mean sum_d (d s_d / d x_d)^2, the curvature penalty of regularised score
 * matching (Kingma & LeCun 2010), which stops the energy from carving ever narrower wells.
 */
export function mlpIsmObjective(tf: Tf, weights: readonly Tensor[], confinement: number, x: Tensor, penalty = 0): Scalar {
  const logDensity = (input: Tensor) => tf.neg(mlpEnergy(tf, weights, confinement, input));
  const score = scoreOf(tf, logDensity, x);
  const diagonal = scoreJacobianDiagonal(tf, logDensity, x);
  const ism = tf.add(tf.mul(0.5, rowSum(tf, tf.square(score))), rowSum(tf, diagonal));
  return tf.mean(penalty > 0 ? tf.add(ism, tf.mul(penalty, rowSum(tf, tf.square(diagonal)))) : ism) as Scalar;
}

/** The grid's points as rows [cells^2, 2], x fastest. */
function gridPoints(options: MlpEnergyOptions['grid']): Float32Array {
  const { lower, upper, cells } = options;
  const centre = (i: number) => lower + ((i + 0.5) * (upper - lower)) / cells;
  const out = new Float32Array(2 * cells * cells);
  for (let j = 0; j < cells; j += 1) {
    for (let i = 0; i < cells; i += 1) {
      out[2 * (j * cells + i)] = centre(i);
      out[2 * (j * cells + i) + 1] = centre(j);
    }
  }
  return out;
}

/** ISM training of the MLP energy with Adam; owns its tensors until `dispose` (a useStepper stepper). */
export class MlpEnergyIsm {
  private readonly samples: TfCore.Tensor2D;
  private readonly grid: TfCore.Tensor2D;
  private readonly weights: Weights;
  private readonly optimizer: TfCore.Optimizer;
  private iteration = 0;

  constructor(private readonly tf: Tf, samples: Float32Array, private readonly options: MlpEnergyOptions) {
    const { hidden, seed } = options;
    this.samples = tf.tensor2d(samples, [samples.length / 2, 2], 'float32');
    this.grid = tf.tensor2d(gridPoints(options.grid), [options.grid.cells ** 2, 2], 'float32');
    const init = (offset: number, shape: [number, number] | [number], fanIn: number) =>
      tf.variable(tf.tensor(gaussianSamples(seed * 7 + offset, shape.reduce((a, b) => a * b, 1), 0, 1 / Math.sqrt(fanIn)), shape, 'float32'));
    this.weights = tf.tidy(() => [
      init(1, [2, hidden], 2),
      tf.variable(tf.zeros([hidden])),
      init(2, [hidden, hidden], hidden),
      tf.variable(tf.zeros([hidden])),
      init(3, [hidden, 1], hidden),
    ] as const);
    this.optimizer = tf.train.adam(options.rate);
  }

  /** Runs `steps` Adam steps, then reads back J^ and the energy on the grid once. */
  async step(steps: number): Promise<MlpEnergyState> {
    const { tf, options } = this;
    for (let i = 0; i < steps; i += 1) {
      tf.tidy(() => {
        this.optimizer.minimize(() => mlpIsmObjective(tf, this.weights, options.confinement, this.samples, options.penalty), false, [...this.weights]);
      });
    }
    this.iteration += steps;
    const packed = tf.tidy(() => tf.concat([
      tf.reshape(mlpIsmObjective(tf, this.weights, options.confinement, this.samples), [1]),
      mlpEnergy(tf, this.weights, options.confinement, this.grid),
    ]));
    const flat = await packed.data();
    packed.dispose();
    return { iteration: this.iteration, objective: flat[0]!, energies: Float32Array.from(flat.subarray(1)) };
  }

  dispose(): void {
    this.samples.dispose();
    this.grid.dispose();
    this.weights.forEach((w) => w.dispose());
    this.optimizer.dispose();
  }
}
