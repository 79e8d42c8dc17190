/**
 * The cost of score matching as the dimension D grows (Song, Garg, Shi & Ermon 2019, sec. 3-4).
 * The model is an energy network on R^D: a Gaussian base plus a two-hidden-layer MLP,
 *   E_theta(x) = |x|^2 / 2 + w3^T phi(W2^T phi(W1^T x + b1) + b2),  phi(a) = a / sqrt(1 + a^2),
 * with score s_theta = -grad_x E_theta and grad_x s_theta = -hess_x E_theta, a D x D matrix with no
 * shortcut to its trace. One training step evaluates an objective and its gradient with respect to
 * theta = (W1, b1, W2, b2, w3):
 * - exact ISM, loop: tr grad_x s by D nested backward passes, one Hessian-vector product with each
 *   coordinate direction e_d (src/tensor/score.ts, scoreDivergence);
 * - exact ISM, batched: the same D Hessian-vector products in one pass over D tiled copies of the
 *   batch, sum_d e_d^T H e_d = tr H (D times the memory, one pass);
 * - SSM: one Hessian-vector product with one Rademacher direction v per point.
 * Everything is float32 tfjs, so the same code is timed on webgpu, webgl and cpu.
 */
import { createRng, standardNormals } from '../math/random';
import { scoreDivergence, scoreOf } from '../tensor/score';
import type { LogDensity } from '../tensor/score';
import type { Scalar, Tensor, Tf } from '../tensor/tf';

/** Shapes of the energy network: input dimension D and hidden width H. */
export interface EnergyShape {
  readonly dims: number;
  readonly hidden: number;
}

/** theta as host arrays: W1 [D, H], b1 [H], W2 [H, H], b2 [H], w3 [H, 1], row-major. */
export type EnergyWeights = readonly [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];

/** Seeded weights, entries N(0, 1/fan_in) for the matrices and N(0, 0.01) for the biases. */
export function initialEnergyWeights({ dims, hidden }: EnergyShape, seed: number): EnergyWeights {
  const rng = createRng(seed);
  const scaled = (count: number, stdDev: number) => standardNormals(rng, count).map((z) => z * stdDev);
  return [
    scaled(dims * hidden, 1 / Math.sqrt(dims)),
    scaled(hidden, 0.1),
    scaled(hidden * hidden, 1 / Math.sqrt(hidden)),
    scaled(hidden, 0.1),
    scaled(hidden, 1 / Math.sqrt(hidden)),
  ];
}

/** Uploads weights as float32 tensors of the shapes listed in EnergyWeights. */
export function energyWeightTensors(tf: Tf, { dims, hidden }: EnergyShape, weights: EnergyWeights): Tensor[] {
  const shapes = [[dims, hidden], [hidden], [hidden, hidden], [hidden], [hidden, 1]];
  return weights.map((values, k) => tf.tensor(values, shapes[k], 'float32'));
}

/**
 * phi(a) = a / sqrt(1 + a^2), a smooth tanh-like squashing (the "inverse square root unit").
 * Not tf.tanh: tfjs 4.22 saves tanh's (and exp's, sigmoid's) output for its gradient in a clone
 * recorded on the tape before the op itself, so a gradient of a gradient cannot reach the
 * weights through it and third derivatives come out wrong or missing. div, sqrt and square save
 * their inputs, which nests correctly (checked against finite differences in ssm-cost.test.ts).
 */
export function squash(tf: Tf, a: Tensor): Tensor {
  return tf.div(a, tf.sqrt(tf.add(1, tf.square(a))));
}

/** ln q~(x) = -E_theta(x) for rows x of shape [n, D], as a function of the weight tensors. */
export function energyLogDensity(tf: Tf, weights: readonly Tensor[]): LogDensity {
  const [w1, b1, w2, b2, w3] = weights;
  return (x) => {
    const hidden = squash(tf, tf.add(tf.matMul(squash(tf, tf.add(tf.matMul(x, w1), b1)), w2), b2));
    const energy = tf.add(tf.mul(0.5, tf.sum(tf.square(x), 1)), tf.reshape(tf.matMul(hidden, w3), [-1]));
    return tf.neg(energy);
  };
}

/** Per-row ISM integrand |s(x)|^2 / 2 + tr grad_x s(x), trace by D nested backward passes; shape [n]. */
export function ismIntegrandLoop(tf: Tf, logDensity: LogDensity, x: Tensor): Tensor {
  const halfSquared = tf.mul(0.5, tf.sum(tf.square(scoreOf(tf, logDensity, x)), 1));
  return tf.add(halfSquared, scoreDivergence(tf, logDensity, x));
}

/**
 * v^T grad_x (v^T s(x)) per row for x, v of shape [n, D]: one Hessian-vector product for all rows
 * (the row sums use tf.sum: D may be large here, unlike the 2-D models that use rowSum).
 */
export function hessianQuadraticForm(tf: Tf, logDensity: LogDensity, x: Tensor, v: Tensor): Tensor {
  const gradient = tf.grad((input: Tensor) => tf.sum(tf.mul(scoreOf(tf, logDensity, input), v)) as Scalar)(x);
  return tf.sum(tf.mul(gradient, v), 1);
}

/** The D x D identity rows repeated: row d * n + i is e_d, shape [D n, D] (the coordinate directions). */
export function coordinateDirections(tf: Tf, n: number, dims: number): Tensor {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: dims * n }, (_, row) => Math.floor(row / n)), 'int32'), dims), 'float32'));
}

/**
 * Per-row ISM integrand with the trace as sum_d e_d^T grad_x s e_d, all D Hessian-vector products
 * in one pass over the batch tiled D times; shape [n]. `directions` from coordinateDirections.
 */
export function ismIntegrandBatched(tf: Tf, logDensity: LogDensity, x: Tensor, directions: Tensor): Tensor {
  const [n, dims] = x.shape;
  const halfSquared = tf.mul(0.5, tf.sum(tf.square(scoreOf(tf, logDensity, x)), 1));
  const diagonal = hessianQuadraticForm(tf, logDensity, tf.tile(x, [dims, 1]), directions);
  return tf.add(halfSquared, tf.sum(tf.reshape(diagonal, [dims, n]), 0));
}

/** Per-row sliced integrand v^T grad_x (v^T s) + (v^T s)^2 / 2 (Song et al. 2019, eq. 8); shape [n]. */
export function ssmIntegrand(tf: Tf, logDensity: LogDensity, x: Tensor, v: Tensor): Tensor {
  const projected = tf.sum(tf.mul(scoreOf(tf, logDensity, x), v), 1);
  return tf.add(hessianQuadraticForm(tf, logDensity, x, v), tf.mul(0.5, tf.square(projected)));
}

/** The three ways of taking a training step that this benchmark times. */
export type CostMethod = 'ism-loop' | 'ism-batched' | 'ssm';

export const COST_METHODS: readonly CostMethod[] = ['ism-loop', 'ism-batched', 'ssm'];

export const COST_METHOD_LABELS: Readonly<Record<CostMethod, string>> = {
  'ism-loop': 'exact ISM, d passes',
  'ism-batched': 'exact ISM, d HVPs batched',
  ssm: 'SSM, 1 projection',
};

/** n Rademacher directions in R^D (float32 +-1), row-major [n, D]. */
export function rademacherDirections(rng: () => number, n: number, dims: number): Float32Array {
  return Float32Array.from({ length: n * dims }, () => (rng() < 0.5 ? -1 : 1));
}

/**
 * One SGD step on theta for `method`: the objective J^ = mean_i integrand(x_i) and its gradient
 * with respect to every weight by tf.valueAndGrads (a third derivative of E for the trace terms).
 * Returns the new weights and J^ before the step; the caller disposes the old weights.
 */
export function scoreMatchingStep(
  tf: Tf,
  method: CostMethod,
  weights: readonly Tensor[],
  x: Tensor,
  extra: { readonly projections?: Tensor; readonly directions?: Tensor },
  rate: number,
): { weights: Tensor[]; loss: Scalar } {
  return tf.tidy(() => {
    const objective = (...theta: Tensor[]) => {
      const logDensity = energyLogDensity(tf, theta);
      if (method === 'ism-loop') return tf.mean(ismIntegrandLoop(tf, logDensity, x)) as Scalar;
      if (method === 'ism-batched') return tf.mean(ismIntegrandBatched(tf, logDensity, x, extra.directions!)) as Scalar;
      return tf.mean(ssmIntegrand(tf, logDensity, x, extra.projections!)) as Scalar;
    };
    const { value, grads } = tf.valueAndGrads(objective)([...weights]);
    return { weights: weights.map((w, k) => tf.sub(w, tf.mul(rate, grads[k]))), loss: value };
  });
}

/** Settings of one timing: the model, the batch and how many steps each timed block runs. */
export interface CostSettings extends EnergyShape {
  readonly batch: number;
  readonly stepsPerBlock: number;
  readonly seed: number;
  /** SGD step size; small, so that the objective stays finite over many blocks. */
  readonly rate?: number;
}

/**
 * A training run of one method on x ~ N(0, I_D) (batch fixed), owning its tensors. `block()` takes
 * `stepsPerBlock` steps and reads back once (await data()), returning the last objective value.
 */
export class ScoreMatchingTrainer {
  private weights: Tensor[];
  private readonly x: Tensor;
  private readonly directions?: Tensor;
  private readonly rng: () => number;

  constructor(private readonly tf: Tf, readonly method: CostMethod, private readonly settings: CostSettings) {
    const { dims, batch, seed } = settings;
    this.weights = energyWeightTensors(tf, settings, initialEnergyWeights(settings, seed));
    this.x = tf.tensor2d(standardNormals(createRng(seed + 1), batch * dims), [batch, dims], 'float32');
    this.directions = method === 'ism-batched' ? coordinateDirections(tf, batch, dims) : undefined;
    this.rng = createRng(seed + 2);
  }

  async block(): Promise<number> {
    const { tf, settings } = this;
    let loss: Scalar | undefined;
    for (let i = 0; i < settings.stepsPerBlock; i += 1) {
      const projections = this.method === 'ssm'
        ? tf.tensor2d(rademacherDirections(this.rng, settings.batch, settings.dims), [settings.batch, settings.dims], 'float32')
        : undefined;
      const next = scoreMatchingStep(tf, this.method, this.weights, this.x, { projections, directions: this.directions }, settings.rate ?? 1e-3);
      projections?.dispose();
      this.weights.forEach((w) => w.dispose());
      this.weights = next.weights;
      loss?.dispose();
      loss = next.loss;
    }
    const value = loss ? (await loss.data())[0] : Number.NaN;
    loss?.dispose();
    return value;
  }

  dispose(): void {
    this.weights.forEach((w) => w.dispose());
    this.x.dispose();
    this.directions?.dispose();
  }
}

/** Median of a non-empty list. */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One measured cell of the cost table. */
export interface CostTiming {
  readonly method: CostMethod;
  readonly dims: number;
  /** The first (warm-up) block, per step: includes shader compilation and allocation; not in the median. */
  readonly firstMsPerStep: number;
  /** Median over the timed blocks of (block wall time / steps per block). */
  readonly msPerStep: number;
  readonly repeats: number;
  /** The objective after the last block (a number, so rows can be compared across backends). */
  readonly loss: number;
}

/** Progress of a sweep, reported after every block. */
export interface CostProgress {
  readonly method: CostMethod;
  readonly dims: number;
  /** 0 for the warm-up block, then 1..repeats. */
  readonly block: number;
  readonly blocksDone: number;
  readonly blocksTotal: number;
  /** Every cell finished so far. */
  readonly timings: readonly CostTiming[];
}

/** The setting the island and the benchmark share: batch 64, width 32, one step per timed block. */
export const COST_DEFAULTS = { batch: 64, hidden: 32, stepsPerBlock: 1, seed: 1 } as const;

/** D = 2, 4, 8, ... up to `largest`. */
export function powersOfTwo(largest: number): number[] {
  const out: number[] = [];
  for (let d = 2; d <= largest; d *= 2) out.push(d);
  return out;
}

export interface SweepSettings {
  readonly dimensions: readonly number[];
  readonly methods: readonly CostMethod[];
  readonly batch: number;
  readonly hidden: number;
  readonly stepsPerBlock: number;
  readonly repeats: number;
  readonly seed: number;
}

/**
 * Times every method at every D: a warm-up block (excluded), then `repeats` timed blocks, each
 * ending in one readback; yields after every block so a caller can show progress, pause or stop
 * (breaking out of the loop disposes the run in progress). `now` is the clock (performance.now).
 */
export async function* costSweep(tf: Tf, settings: SweepSettings, now: () => number = () => performance.now()): AsyncGenerator<CostProgress> {
  const timings: CostTiming[] = [];
  const blocksTotal = settings.dimensions.length * settings.methods.length * (settings.repeats + 1);
  let blocksDone = 0;
  for (const dims of settings.dimensions) {
    for (const method of settings.methods) {
      const trainer = new ScoreMatchingTrainer(tf, method, { ...settings, dims });
      try {
        const perStep: number[] = [];
        let firstMsPerStep = 0;
        let loss = Number.NaN;
        for (let block = 0; block <= settings.repeats; block += 1) {
          const start = now();
          loss = await trainer.block();
          const ms = (now() - start) / settings.stepsPerBlock;
          if (block === 0) firstMsPerStep = ms;
          else perStep.push(ms);
          blocksDone += 1;
          if (block === settings.repeats) {
            timings.push({ method, dims, firstMsPerStep, msPerStep: medianOf(perStep), repeats: settings.repeats, loss });
          }
          yield { method, dims, block, blocksDone, blocksTotal, timings: [...timings] };
        }
      } finally {
        trainer.dispose();
      }
    }
  }
}
