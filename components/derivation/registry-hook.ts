import type { EvaluateOptions } from '../../src/derivations/engine';
import type { DerivationModel, DerivationResult, ParamValues, SampleSettings, StepSpec } from '../../src/derivations/types';

/** What `npm run verify` and the e2e tests see of a hydrated derivation (window.__liveDerivations). */
export interface RegisteredDerivation {
  readonly id: string;
  readonly modelId: string;
  readonly params: DerivationModel['params'];
  readonly sample?: DerivationModel['sample'];
  readonly steps: readonly StepSpec[];
  /** `options.mutation` plants a deliberate mistake (npm run verify -- --mutate). */
  readonly evaluate: (params: ParamValues, sample?: SampleSettings, options?: EvaluateOptions) => Promise<DerivationResult>;
}

declare global {
  interface Window {
    __liveDerivations?: Record<string, RegisteredDerivation>;
  }
}

/** Publishes a derivation for automated checks; returns the unregister function. */
export function registerDerivation(
  id: string,
  entry: { model: DerivationModel<unknown>; steps: readonly StepSpec[]; evaluate: RegisteredDerivation['evaluate'] },
): () => void {
  const registry = (window.__liveDerivations ??= {});
  registry[id] = { id, modelId: entry.model.id, params: entry.model.params, sample: entry.model.sample, steps: entry.steps, evaluate: entry.evaluate };
  return () => {
    if (registry[id]?.evaluate === entry.evaluate) delete registry[id];
  };
}
