import { useEffect, useRef, useState } from 'preact/hooks';
import { loadModel } from '../../src/derivations/registry';
import { validateSteps } from '../../src/derivations/engine';
import type { DerivationModel, ParamSpec, StepSpec } from '../../src/derivations/types';
import { LiveDerivation } from './LiveDerivation';
import { readStepsFromDom } from './read-steps';

interface DerivationIslandProps {
  readonly derivationId: string;
  readonly modelId: string;
  /** Slider declarations from MDX; they override the model's (names must match). */
  readonly params?: readonly ParamSpec[];
}

type Setup =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'ready'; readonly model: DerivationModel<unknown>; readonly steps: StepSpec[]; readonly slots: Element[] };

/** Merges MDX parameter declarations into the model's, refusing names the model does not know. */
function withDeclaredParams(model: DerivationModel<unknown>, declared?: readonly ParamSpec[]): DerivationModel<unknown> {
  if (!declared) return model;
  for (const spec of declared) {
    if (!model.params.some((p) => p.name === spec.name)) throw new Error(`model "${model.id}" has no parameter "${spec.name}"`);
  }
  return { ...model, params: model.params.map((p) => declared.find((d) => d.name === p.name) ?? p) };
}

/** Finds its derivation's steps in the page, loads the model, then hands over to LiveDerivation. */
export default function DerivationIsland({ derivationId, modelId, params }: DerivationIslandProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<Setup>({ status: 'loading' });
  useEffect(() => {
    const section = ref.current?.closest('[data-derivation-id]');
    if (!section) {
      setSetup({ status: 'failed', error: 'the island is not inside a <Derivation> section' });
      return;
    }
    loadModel(modelId)
      .then((loaded) => {
        const model = withDeclaredParams(loaded, params);
        const { steps, slots } = readStepsFromDom(section);
        validateSteps(model, steps);
        setSetup({ status: 'ready', model, steps, slots });
      })
      .catch((error: unknown) => setSetup({ status: 'failed', error: error instanceof Error ? error.message : String(error) }));
  }, [modelId, params]);
  return (
    <div ref={ref} class="ld-derivation-controls" data-island="derivation" data-island-id={derivationId}>
      {setup.status === 'loading' ? <p class="ld-loading">Loading the live check…</p> : null}
      {setup.status === 'failed' ? <p class="ld-error" role="alert">This derivation cannot run: {setup.error}</p> : null}
      {setup.status === 'ready' ? <LiveDerivation derivationId={derivationId} model={setup.model} steps={setup.steps} slots={setup.slots} /> : null}
    </div>
  );
}
