/**
 * The contract between a chapter's MDX, the live-derivation island and a derivation model.
 *
 * A derivation is a list of steps; each step names an evaluator of its model and a relation to
 * the step before it. The island evaluates every step on the current parameters and sample, and
 * `check.ts` decides whether each relation holds. Nothing here touches the DOM or imports tfjs at
 * run time (types only), so models are unit-tested in Node on tfjs's cpu backend.
 */
import type { PlotOptions } from '@observablehq/plot';
import type { Tensor, Tf } from '../tensor/tf';

// The tfjs types live in src/tensor/tf.ts; re-exported here so existing model imports keep working.
export type { Scalar, Tensor, Tf } from '../tensor/tf';

// The parameter table (sliders, sample settings) is owned by src/state/params.ts; re-exported
// here because every derivation model declares one.
import type { ParamSpec, ParamValues, SampleSettings, SampleSpec } from '../state/params';
export type { ParamSpec, ParamValues, SampleSettings, SampleSpec };

/**
 * How the chain continues from the previous step, read left to right as `previous REL this`,
 * exactly as the equations read on the page (`A = B >= 0`).
 * - `given`: first step, nothing to check;
 * - `eq`: previous = this, within float32 tolerance, or within k standard errors for Monte-Carlo values;
 * - `eq-const`: equal up to an additive constant that does not depend on the parameters
 *   (checked at several parameter settings);
 * - `le` / `ge`: previous <= this / previous >= this.
 */
export type Relation = 'given' | 'eq' | 'eq-const' | 'le' | 'ge';

/** Every relation, for the checks that read steps from MDX (build time) and from the DOM (island). */
export const RELATIONS: readonly Relation[] = ['given', 'eq', 'eq-const', 'le', 'ge'];

/** A number with an optional Monte-Carlo standard error. `value` may be +-Infinity, never NaN. */
export interface Estimate {
  readonly value: number;
  readonly stdErr?: number;
}

/**
 * What an evaluator returns: numbers (exact, computed in JS) or single-element tensors (read back
 * once by the engine). `stdErr` marks a Monte-Carlo estimate.
 */
export type EvaluatorOutput =
  | number
  | Estimate
  | Tensor
  | {
    readonly value: Tensor | number;
    readonly stdErr?: Tensor | number;
    /**
     * The per-draw terms whose mean is `value` (a 1-D tensor). When the previous step returns terms
     * of the same length, over the same draws, the check uses the standard error of the paired
     * differences instead of combining the two standard errors as if they were independent.
     */
    readonly terms?: Tensor;
  };

/**
 * One evaluator: runs synchronously inside the engine's `tf.tidy`, so it may create tensors freely;
 * the engine reads every step back in one `await data()` and disposes everything.
 */
export type Evaluator<D> = (tf: Tf, data: D, params: ParamValues) => EvaluatorOutput;

/** One derivation model: parameters, sample data and one evaluator per step, found by `id`. */
export interface DerivationModel<D = unknown> {
  readonly id: string;
  readonly params: readonly ParamSpec[];
  /** Present when the model draws a seeded sample; absent for exact (sample-free) models. */
  readonly sample?: SampleSpec;
  /** A reader-facing message when the parameters make no sense (e.g. all weights zero): nothing is computed. */
  validate?(params: ParamValues): string | undefined;
  /** A reader-facing note on valid but extreme parameters (why a value is huge, say): shown, and everything still computed. */
  advise?(params: ParamValues): string | undefined;
  /**
   * Why a known-mistake evaluator equals the truth at these parameters (the source's H(p) + H(p,q)
   * when p is a point mass, say), or undefined where it does not: such a mistake cannot be caught there.
   */
  coincides?(evaluator: string, params: ParamValues): string | undefined;
  /** Builds the data the evaluators share (seeded sample as tensors, constants); inside tf.tidy. */
  prepare(tf: Tf, params: ParamValues, sample: SampleSettings): D;
  readonly evaluators: Readonly<Record<string, Evaluator<D>>>;
  /**
   * An optional picture of the step values, drawn under the derivation: given the estimates by
   * evaluator name (only the steps this derivation declares), Plot options or undefined to draw none.
   */
  figure?(values: Readonly<Record<string, Estimate>>, params: ParamValues): DerivationFigure | undefined;
}

/** A chart of a derivation's values: Plot options (from src/charts) and their text alternative. */
export interface DerivationFigure {
  readonly options: PlotOptions;
  readonly description: string;
  readonly caption?: string;
}

/** A step as declared in MDX (serialisable). */
export interface StepSpec {
  readonly id: string;
  readonly evaluator: string;
  readonly relation: Relation;
  /** A deliberately wrong step: the check is expected to FAIL, and passing is the error. */
  readonly knownMistake?: boolean;
  /** For `eq-const`: the parameters the constant must not depend on (default: all). */
  readonly constantIn?: readonly string[];
}

/** The verdict on one step. */
export interface StepCheck {
  readonly holds: boolean | null; // null for `given`
  /** True when the verdict is what the author expects (holds, or fails for a known mistake). */
  readonly asExpected: boolean;
  /** Human-readable reason, e.g. "|a - b| = 3.1e-7 <= 1.0e-5" or "differs by 0.12 at mu=1.5". */
  readonly detail: string;
  /**
   * Set on a known mistake that holds because, at these parameters, it coincides with the truth
   * (the model's `coincides` says why): as expected, and shown as such rather than as a miss.
   */
  readonly coincident?: string;
}

export interface StepResult {
  readonly step: StepSpec;
  readonly estimate: Estimate;
  readonly check: StepCheck;
}

export interface DerivationResult {
  readonly modelId: string;
  readonly params: ParamValues;
  readonly sample: SampleSettings;
  /** The tfjs backend that computed the tensor-valued steps, or 'javascript' when none were. */
  readonly backend: string;
  readonly steps: readonly StepResult[];
}
