/**
 * Implicit score matching for the polynomial energy ln q~(z) = sum_k theta_k z^k on tensors, with
 * every derivative by tfjs autodiff: s = d/dz ln q~ (tf.grad), s' (tf.grad of tf.grad), and the
 * gradient of J^ = mean_i [s(z_i)^2 / 2 + s'(z_i)] with respect to theta (one more pass). The
 * closed form (src/math/polynomial-energy.ts) solves A theta = -b; this module checks it and
 * reaches it by gradient descent (Adam), on standardised data z = (x - xbar) / s_x.
 */
import type * as TfCore from '../tensor/tf';
import { scoreDerivative1d, scoreOf } from '../tensor/score';
import type { LogDensity } from '../tensor/score';
import type { Scalar, Tensor, Tf } from '../tensor/tf';

/** ln q~(z) = sum_k theta_k z^k by Horner's rule; theta has shape [K], z shape [n]. */
export function polynomialLogDensity(tf: Tf, theta: Tensor): LogDensity {
  return (z: Tensor) => {
    const coefficients = tf.unstack(theta);
    let value: Tensor = tf.zerosLike(z);
    for (let k = coefficients.length; k >= 1; k -= 1) value = tf.mul(tf.add(value, coefficients[k - 1]!), z);
    return value;
  };
}

/** J^(theta) = mean_i [s(z_i)^2 / 2 + s'(z_i)], s and s' by first and second autodiff of ln q~ in z. */
export function ismObjectiveByAutodiff(tf: Tf, samples: Tensor, theta: Tensor): Scalar {
  const logDensity = polynomialLogDensity(tf, theta);
  const score = scoreOf(tf, logDensity, samples);
  return tf.mean(tf.add(tf.mul(0.5, tf.square(score)), scoreDerivative1d(tf, logDensity, samples))) as Scalar;
}

/** J^ and its gradient in theta, both by autodiff, read back once. */
export interface AutodiffCheck {
  readonly objective: number;
  readonly gradient: number[];
}

/** J^(theta) and grad_theta J^ at `theta` on standardised `samples` (one readback, all tensors freed). */
export async function ismAutodiffCheck(tf: Tf, samples: Float32Array, theta: readonly number[]): Promise<AutodiffCheck> {
  const packed = tf.tidy(() => {
    const z = tf.tensor1d(samples, 'float32');
    const { value, grad } = tf.valueAndGrad((t: Tensor) => ismObjectiveByAutodiff(tf, z, t))(tf.tensor1d([...theta], 'float32'));
    return tf.concat([tf.reshape(value, [1]), grad]);
  });
  const flat = await packed.data();
  packed.dispose();
  return { objective: flat[0]!, gradient: Array.from(flat.subarray(1)) };
}

/** Where gradient descent stands: theta in standardised coordinates and J^ there. */
export interface IsmDescentState {
  readonly iteration: number;
  readonly theta: number[];
  readonly objective: number;
}

/** Adam on J^(theta) with autodiff gradients; owns its tensors until `dispose` (a useStepper stepper). */
export class PolynomialIsmDescent {
  private readonly samples: TfCore.Tensor1D;
  private readonly theta: TfCore.Variable;
  private readonly optimizer: TfCore.Optimizer;
  private iteration = 0;

  constructor(private readonly tf: Tf, samples: Float32Array, start: readonly number[], learningRate: number) {
    this.samples = tf.tensor1d(samples, 'float32');
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d([...start], 'float32')));
    this.optimizer = tf.train.adam(learningRate);
  }

  /** Runs `steps` Adam steps and reads theta and J^ back once. */
  async step(steps: number): Promise<IsmDescentState> {
    const { tf } = this;
    for (let i = 0; i < steps; i += 1) {
      tf.tidy(() => {
        this.optimizer.minimize(() => ismObjectiveByAutodiff(tf, this.samples, this.theta));
      });
    }
    this.iteration += steps;
    const packed = tf.tidy(() => tf.concat([this.theta, tf.reshape(ismObjectiveByAutodiff(tf, this.samples, this.theta), [1])]));
    const flat = await packed.data();
    packed.dispose();
    return { iteration: this.iteration, theta: Array.from(flat.subarray(0, flat.length - 1)), objective: flat[flat.length - 1]! };
  }

  dispose(): void {
    this.samples.dispose();
    this.theta.dispose();
    this.optimizer.dispose();
  }
}
