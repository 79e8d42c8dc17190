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

/** Evaluates and checks every step at `params`; all tensors are disposed before returning. */
export async function evaluateDerivation(
  tf: Tf,
  model: DerivationModel,
  steps: readonly StepSpec[],
  params: ParamValues,
  sample: SampleSettings,
): Promise<DerivationResult> {
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
    const withError = output as { value: Tensor | number; stdErr?: Tensor | number };
    return {
      value: toSlot(withError.value),
      stdErr: withError.stdErr === undefined ? undefined : toSlot(withError.stdErr),
    };
  };

  const stacked = tf.tidy(() => {
    settings.forEach((setting, settingIndex) => {
      const data = model.prepare(tf, setting, sample);
      const outputs = new Map<string, PendingEstimate>();
      const needed = settingIndex === 0 ? new Set(steps.map((s) => s.evaluator)) : probeEvaluators;
      needed.forEach((name) => outputs.set(name, toPending(model.evaluators[name](tf, data, setting))));
      pending.push(outputs);
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
      const stdErr = p.stdErr === undefined ? undefined : read(p.stdErr);
      result.set(name, stdErr === undefined ? { value: read(p.value) } : { value: read(p.value), stdErr });
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
        check = checkPair(step.relation, previous, estimate, step.knownMistake ?? false);
      }
    }
    return { step, estimate, check };
  });
  // A derivation whose evaluators all return plain numbers never touched the backend.
  return { modelId: model.id, params, sample, backend: tensors.length > 0 ? tf.getBackend() : 'javascript', steps: results };
}
