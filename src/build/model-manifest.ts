/**
 * What the build-time check of MDX needs to know about every registered derivation model: its
 * evaluator names and parameter names. Read from the model objects themselves, so it cannot drift
 * from them. Loaded in Node by check-derivations.ts through Vite's module runner: the model modules
 * import no tfjs at run time (types only), and they are imported statically here (an eager glob)
 * because the runner closes once this module has loaded.
 */
import { MODEL_IDS } from '../derivations/registry';
import type { DerivationModel } from '../derivations/types';

export interface ModelFacts {
  readonly evaluators: readonly string[];
  readonly params: readonly string[];
}

export type ModelManifest = Readonly<Record<string, ModelFacts>>;

const isModel = (x: unknown): x is DerivationModel =>
  typeof x === 'object' && x !== null && typeof (x as DerivationModel).id === 'string' &&
  typeof (x as DerivationModel).evaluators === 'object' && Array.isArray((x as DerivationModel).params) &&
  typeof (x as DerivationModel).prepare === 'function';

/** The facts of each registered id, from the exported models of `modules` (module exports by path). */
export function manifestOf(modules: Readonly<Record<string, Record<string, unknown>>>, ids: readonly string[]): ModelManifest {
  const byId = new Map<string, DerivationModel>();
  for (const exports of Object.values(modules)) {
    for (const value of Object.values(exports)) if (isModel(value)) byId.set(value.id, value);
  }
  return Object.fromEntries(ids.map((id) => {
    const model = byId.get(id);
    if (!model) throw new Error(`registry.ts registers "${id}" but no module in src/derivations exports a model with that id`);
    return [id, { evaluators: Object.keys(model.evaluators), params: model.params.map((p) => p.name) }];
  }));
}

const MODULES = import.meta.glob<Record<string, unknown>>(
  ['../derivations/*.ts', '!../derivations/*.test.ts', '!../derivations/test-support.ts'],
  { eager: true },
);

export const MODEL_MANIFEST: ModelManifest = manifestOf(MODULES, MODEL_IDS);
