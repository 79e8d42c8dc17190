/**
 * Helpers for model tests: declare steps as MDX would, and run a derivation at given (or random,
 * seeded) parameters on the Node cpu backend. Imported only by *.test.ts files.
 */
import { evaluateDerivation } from './engine';
import { loadModel } from './registry';
import { createRng } from '../math/random';
import { defaultParams, snapToSpec } from '../state/params';
import type { DerivationResult, ParamSpec, ParamValues, StepSpec, Tf } from './types';

/** A step as <Step evaluator=… relation=…> declares it (id = evaluator). */
export const step = (evaluator: string, relation: StepSpec['relation'], extra: Partial<StepSpec> = {}): StepSpec =>
  ({ id: evaluator, evaluator, relation, ...extra });

/** Evaluates `steps` of model `modelId` at its defaults overridden by `params`, with its default seed and n. */
export async function runDerivation(
  tf: Tf,
  modelId: string,
  steps: readonly StepSpec[],
  params: Partial<Record<string, number>> = {},
  sample: Partial<{ seed: number; n: number }> = {},
): Promise<DerivationResult> {
  const model = await loadModel(modelId);
  const values = { ...defaultParams(model.params), ...params } as ParamValues;
  const settings = { seed: sample.seed ?? model.sample?.defaultSeed ?? 0, n: sample.n ?? model.sample?.defaultN ?? 0 };
  return evaluateDerivation(tf, model, steps, values, settings);
}

/** `count` parameter settings drawn uniformly in each slider's range and snapped to its step, as verify.mjs does. */
export function randomSettings(specs: readonly ParamSpec[], count: number, seed = 7): ParamValues[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () =>
    Object.fromEntries(specs.map((spec) => [spec.name, snapToSpec(spec.min + (spec.max - spec.min) * rng(), spec)])));
}
