/**
 * Every derivation model, by the id that MDX names in `<Derivation model="...">`. Models load
 * lazily so an island ships only the model it uses.
 */
import type { DerivationModel } from './types';

type ModelLoader = () => Promise<DerivationModel<unknown>>;

// Each model's data type is private to it; the engine only passes it from prepare to evaluators.
const erase = <D>(model: DerivationModel<D>) => model as unknown as DerivationModel<unknown>;

const MODEL_LOADERS: Readonly<Record<string, ModelLoader>> = {
  'discrete-kl': () => (import('./discrete-kl')).then((m) => erase(m.discreteKlModel)),
  'gaussian-kl-mc': () => (import('./gaussian-kl-mc')).then((m) => erase(m.gaussianKlMcModel)),
  'mixture-nll': () => (import('./mixture-nll')).then((m) => erase(m.mixtureNllModel)),
  'conjugate-elbo': () => (import('./conjugate-elbo')).then((m) => erase(m.conjugateElboModel)),
  'gaussian-dsm': () => (import('./gaussian-dsm')).then((m) => erase(m.gaussianDsmModel)),
  'concrete-score': () => (import('./concrete-score')).then((m) => erase(m.concreteScoreModel)),
  'gaussian-esm-ism': () => (import('./gaussian-esm-ism')).then((m) => erase(m.gaussianEsmIsmModel)),
  'gaussian-esm-ism-sample': () => (import('./gaussian-esm-ism')).then((m) => erase(m.gaussianEsmIsmSampleModel)),
  'gaussian-ism-fit': () => (import('./gaussian-ism-fit')).then((m) => erase(m.gaussianIsmFitModel)),
  'gaussian-ssm': () => (import('./gaussian-ssm')).then((m) => erase(m.gaussianSsmModel)),
  'smoothing-kl': () => (import('./smoothing-kl')).then((m) => erase(m.smoothingKlModel)),
  'hmm-evidence': () => (import('./hmm-evidence')).then((m) => erase(m.hmmEvidenceModel)),
  'diffusion-forward': () => (import('./diffusion-forward')).then((m) => erase(m.diffusionForwardModel)),
  'diffusion-elbo': () => (import('./diffusion-elbo')).then((m) => erase(m.diffusionElboModel)),
  'diffusion-tweedie': () => (import('./diffusion-tweedie')).then((m) => erase(m.diffusionTweedieModel)),
  'diffusion-dsm': () => (import('./diffusion-dsm')).then((m) => erase(m.diffusionDsmModel)),
};

/** The model registered under `id`, or a clear error naming the known ids. */
export async function loadModel(id: string): Promise<DerivationModel<unknown>> {
  const loader = MODEL_LOADERS[id];
  if (!loader) throw new Error(`unknown derivation model "${id}" (known: ${Object.keys(MODEL_LOADERS).join(', ')})`);
  return loader();
}

/** The registered model ids, for tests and the build-time check of MDX. */
export const MODEL_IDS: readonly string[] = Object.keys(MODEL_LOADERS);
