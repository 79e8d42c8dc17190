/**
 * The live-derivation engine: evaluates every step of a derivation on one parameter setting and
 * sample, reads all values back in a single `await data()`, and checks each relation.
 * Framework-free; the caller passes the tfjs namespace (browser runtime or Node cpu in tests).
 */
import { checkConstantDifference, checkPair, constantProbeSettings } from './check';
import type {
  DerivationModel,
  DerivationResult,
  Estimate,
  EvaluatorOutput,
  ParamValues,
  SampleSettings,
  Scalar,
  StepCheck,
  Tensor,
  StepResult,
  StepSpec,
  Tf,
} from './types';

/** A slot in the flat readback: a tensor index or a plain number. */
type Slot = { tensor: number } | { number: number };
interface PendingEstimate {
  readonly value: Slot;
  readonly stdErr?: Slot;
  /** Per-draw terms (alive until the end of the tidy), for paired standard errors. */
  readonly terms?: Tensor;
}

function isTensor(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && 'dataId' in value && 'shape' in value;
}

/** Throws a clear error when the MDX names an evaluator the model does not have. */
export function validateSteps(model: DerivationModel, steps: readonly StepSpec[]): void {
  if (steps.length === 0) throw new Error(`derivation of model "${model.id}" has no steps`);
  steps.forEach((step, index) => {
    if (!(step.evaluator in model.evaluators)) {
      const known = Object.keys(model.evaluators).join(', ');
      throw new Error(`step ${index + 1}: model "${model.id}" has no evaluator "${step.evaluator}" (it has: ${known})`);
    }
    if (index === 0 && step.relation !== 'given') throw new Error(`step 1 must be "given", not "${step.relation}"`);
    if (index > 0 && step.relation === 'given') throw new Error(`step ${index + 1}: only the first step can be "given"`);
  });
}

/**
 * A deliberate mistake in one evaluator, for measuring check power (`npm run verify -- --mutate`):
 * its value becomes scale * value + shift at every parameter setting, its standard error
 * |scale| * stdErr, and its per-draw terms scale * term + shift (a mistake in the integrand).
 */
export interface Mutation {
  readonly evaluator: string;
  readonly scale: number;
  readonly shift: number;
}

/** Options of {@link evaluateDerivation}. */
export interface EvaluateOptions {
  readonly mutation?: Mutation;
}

/** Evaluates and checks every step at `params`; all tensors are disposed before returning. */
export async function evaluateDerivation(
  tf: Tf,
  model: DerivationModel,
  steps: readonly StepSpec[],
  params: ParamValues,
  sample: SampleSettings,
  options: EvaluateOptions = {},
): Promise<DerivationResult> {
  const { mutation } = options;
  const constSteps = steps
    .map((step, index) => ({ step, index }))
    .filter(({ step }) => step.relation === 'eq-const');
  const probeSettings = constSteps.length === 0
    ? []
    : constantProbeSettings(
      params,
      model.params,
      Array.from(new Set(constSteps.flatMap(({ step }) => step.constantIn ?? model.params.map((p) => p.name)))),
    );
  const probeEvaluators = new Set(constSteps.flatMap(({ index }) => [steps[index - 1].evaluator, steps[index].evaluator]));

  const tensors: Scalar[] = [];
  const pairedSlots = new Map<number, Slot>();
  const settings = [params, ...probeSettings];
  const pending: Map<string, PendingEstimate>[] = [];

  const toSlot = (output: Tensor | number): Slot => {
    if (isTensor(output)) {
      if (output.size !== 1) throw new Error(`an evaluator returned a tensor of shape [${output.shape}], expected one value`);
      tensors.push(tf.reshape(tf.cast(output, 'float32'), []) as Scalar);
      return { tensor: tensors.length - 1 };
    }
    return { number: output };
  };
  const toPending = (output: EvaluatorOutput): PendingEstimate => {
    if (typeof output === 'number' || isTensor(output)) return { value: toSlot(output) };
    const withError = output as { value: Tensor | number; stdErr?: Tensor | number; terms?: Tensor };
    return {
      value: toSlot(withError.value),
      stdErr: withError.stdErr === undefined ? undefined : toSlot(withError.stdErr),
      terms: withError.terms,
    };
  };

  const stacked = tf.tidy(() => {
    settings.forEach((setting, settingIndex) => {
      const data = model.prepare(tf, setting, sample);
      const outputs = new Map<string, PendingEstimate>();
      const needed = settingIndex === 0 ? new Set(steps.map((s) => s.evaluator)) : probeEvaluators;
      needed.forEach((name) => outputs.set(name, toPending(model.evaluators[name](tf, data, setting))));
      const mutated = mutation && outputs.get(mutation.evaluator);
      if (mutation && mutated?.terms) {
        outputs.set(mutation.evaluator, { ...mutated, terms: tf.add(tf.mul(mutated.terms, mutation.scale), mutation.shift) });
      }
      pending.push(outputs);
    });
    // Consecutive means over the same draws: the standard error of their per-draw differences.
    steps.forEach((step, index) => {
      if (index === 0) return;
      const a = pending[0].get(steps[index - 1].evaluator)?.terms;
      const b = pending[0].get(step.evaluator)?.terms;
      if (!a || !b || a.size !== b.size || a.size < 2) return;
      const difference = tf.sub(tf.reshape(b, [-1]), tf.reshape(a, [-1]));
      const centred = tf.sub(difference, tf.mean(difference));
      pairedSlots.set(index, toSlot(tf.sqrt(tf.div(tf.sum(tf.square(centred)), a.size * (a.size - 1)))));
    });
    // Always return a tensor so tidy keeps exactly one result alive (empty when all steps are exact).
    return tensors.length > 0 ? tf.stack(tensors) : tf.zeros([0]);
  });

  let flat: Float32Array | Int32Array | Uint8Array;
  try {
    flat = await stacked.data();
  } finally {
    stacked.dispose();
  }
  const read = (slot: Slot): number => ('tensor' in slot ? flat[slot.tensor] : slot.number);
  const estimates = pending.map((outputs) => {
    const result = new Map<string, Estimate>();
    outputs.forEach((p, name) => {
      let value = read(p.value);
      let stdErr = p.stdErr === undefined ? undefined : read(p.stdErr);
      if (mutation?.evaluator === name) {
        value = mutation.scale * value + mutation.shift;
        if (stdErr !== undefined) stdErr *= Math.abs(mutation.scale);
      }
      result.set(name, stdErr === undefined ? { value } : { value, stdErr });
    });
    return result;
  });

  const current = estimates[0];
  const results: StepResult[] = steps.map((step, index) => {
    const estimate = current.get(step.evaluator)!;
    let check: StepCheck;
    if (Number.isNaN(estimate.value) || (estimate.stdErr !== undefined && Number.isNaN(estimate.stdErr))) {
      check = { holds: false, asExpected: false, detail: `evaluator "${step.evaluator}" produced NaN` };
    } else if (step.relation === 'given') {
      check = { holds: null, asExpected: true, detail: 'the starting point' };
    } else {
      const previous = current.get(steps[index - 1].evaluator)!;
      if (step.relation === 'eq-const') {
        const probes = settings.map((setting, s) => ({
          params: setting,
          previous: estimates[s].get(steps[index - 1].evaluator)!,
          current: estimates[s].get(step.evaluator)!,
        }));
        check = checkConstantDifference(probes, step.knownMistake ?? false);
      } else {
        const paired = pairedSlots.get(index);
        check = checkPair(step.relation, previous, estimate, step.knownMistake ?? false, paired === undefined ? undefined : read(paired));
        check = checkAcrossMonteCarlo(steps, index, current, check);
      }
      if (step.knownMistake && check.holds) {
        const reason = model.coincides?.(step.evaluator, params);
        if (reason) check = { holds: true, asExpected: true, coincident: reason, detail: `${check.detail}; ${reason}` };
      }
    }
    return { step, estimate, check };
  });
  // A derivation whose evaluators all return plain numbers never touched the backend.
  return { modelId: model.id, params, sample, backend: tensors.length > 0 ? tf.getBackend() : 'javascript', steps: results };
}

/**
 * An exact step after a Monte-Carlo step that itself followed an exact step by "=" is also compared
 * with that exact step, within float32 tolerance: otherwise the two exact values would be checked
 * only through the Monte-Carlo tolerance, which can be wide enough to hide a wrong closed form.
 */
function checkAcrossMonteCarlo(steps: readonly StepSpec[], index: number, current: Map<string, Estimate>, check: StepCheck): StepCheck {
  if (index < 2 || steps[index].relation !== 'eq' || steps[index - 1].relation !== 'eq') return check;
  const here = current.get(steps[index].evaluator)!;
  const middle = current.get(steps[index - 1].evaluator)!;
  const before = current.get(steps[index - 2].evaluator)!;
  if (here.stdErr !== undefined || before.stdErr !== undefined || middle.stdErr === undefined) return check;
  const exact = checkPair('eq', before, here, steps[index].knownMistake ?? false);
  const holds = Boolean(check.holds) && Boolean(exact.holds);
  return {
    holds,
    asExpected: holds !== (steps[index].knownMistake ?? false),
    detail: `against the exact step two lines up: ${exact.detail}; against the Monte-Carlo line: ${check.detail}`,
  };
}
