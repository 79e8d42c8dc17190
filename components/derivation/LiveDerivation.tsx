import { useCallback, useEffect, useMemo, useRef } from 'preact/hooks';
import { createPortal } from 'preact/compat';
import type { EvaluateOptions } from '../../src/derivations/engine';
import type { DerivationModel, DerivationResult, ParamValues, SampleSettings, StepSpec } from '../../src/derivations/types';
import { BackendBadge, JavaScriptBadge } from '../shared/BackendBadge';
import { Notices } from '../shared/Notices';
import { PlotFigure } from '../shared/PlotFigure';
import { SampleControls } from '../shared/SampleControls';
import { Slider } from '../shared/Slider';
import { useLiveComputation } from '../shared/use-live-computation';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { registerDerivation } from './registry-hook';
import { StepResultView, formatValue } from './StepResultView';

interface LiveDerivationProps {
  readonly derivationId: string;
  readonly model: DerivationModel<unknown>;
  readonly steps: readonly StepSpec[];
  readonly slots: readonly Element[];
}

interface Input {
  readonly params: ParamValues;
  readonly sample: SampleSettings;
}

const NO_SAMPLE: SampleSettings = { seed: 0, n: 0 };

function summarise(result: DerivationResult): string {
  const failing = result.steps.filter((s) => !s.check.asExpected).length;
  const first = result.steps[0];
  const head = `${result.steps.length} steps checked on ${result.backend}; first step ${formatValue(first.estimate.value)}.`;
  return failing === 0 ? `${head} Every step behaves as the derivation says.` : `${head} ${failing} step(s) do not hold.`;
}

/** Sliders, sample controls and badge below the derivation; values portalled beside each equation. */
export function LiveDerivation({ derivationId, model, steps, slots }: LiveDerivationProps) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState(derivationId, model.params, model.sample);
  const invalid = model.validate?.(state.params);

  const compute = useCallback(async (input: Input, options?: EvaluateOptions) => {
    if (runtimeState.status !== 'ready') throw new Error('compute runtime not ready');
    // One evaluation and one readback in the compute worker; the model is loaded there by id.
    return runtimeState.runtime.evaluate(model.id, steps, input.params, input.sample, options);
  }, [runtimeState, model, steps]);

  useEffect(() => {
    if (runtimeState.status !== 'ready') return undefined;
    return registerDerivation(derivationId, { model, steps, evaluate: (params, sample, options) => compute({ params, sample: sample ?? state.sample ?? NO_SAMPLE }, options) });
  }, [runtimeState, derivationId, model, steps, compute]);

  // Memoised: a new object each render would look like a new input and recompute forever.
  const input = useMemo(
    () => (runtimeState.status === 'ready' && !invalid ? { params: state.params, sample: state.sample ?? NO_SAMPLE } : undefined),
    [runtimeState, invalid, state.params, state.sample],
  );
  const live = useLiveComputation(input, compute, visible);
  const result = live.result;
  const ready = result !== undefined && !invalid && runtimeState.status === 'ready';
  const figure = useMemo(() => {
    if (!result || invalid || !model.figure) return undefined;
    const values = Object.fromEntries(result.steps.map((s) => [s.step.evaluator, s.estimate]));
    return model.figure(values, result.params);
  }, [result, invalid, model]);
  const messages = [
    ...state.messages,
    ...(runtimeState.status === 'ready' && runtimeState.runtime.notice ? [runtimeState.runtime.notice] : []),
    ...(invalid ? [invalid] : []),
    ...(!invalid && model.advise?.(state.params) ? [model.advise(state.params)!] : []),
    ...(live.error ? [`The computation failed: ${live.error}`] : []),
  ];
  return (
    <div ref={ref} class="ld-live" data-ready={String(ready)} data-backend={result?.backend}>
      {steps.map((step, index) => createPortal(
        <StepResultView result={invalid ? undefined : result?.steps[index]} stale={live.stale} />,
        slots[index],
      ))}
      <Notices messages={messages} />
      {figure ? <PlotFigure options={figure.options} description={figure.description} caption={figure.caption} /> : null}
      <div class="ld-controls">
        {model.params.map((spec) => (
          <Slider key={spec.name} spec={spec} value={state.params[spec.name]} idPrefix={derivationId} onInput={(v) => state.setParam(spec.name, v)} />
        ))}
        {model.sample && state.sample ? (
          <SampleControls spec={model.sample} sample={state.sample} idPrefix={derivationId} onChange={state.setSample} />
        ) : null}
      </div>
      <div class="ld-footer">
        {result?.backend === 'javascript'
          ? <JavaScriptBadge />
          : <BackendBadge state={runtimeState} />}
        <button type="button" class="ld-reset" onClick={state.reset}>Reset to defaults</button>
      </div>
      <p class="sr-only" aria-live="polite" data-testid="live-summary">{result && !live.stale ? summarise(result) : ''}</p>
    </div>
  );
}
