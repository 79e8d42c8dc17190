import { useMemo, useRef } from 'preact/hooks';
import { concreteObjective, fitConcreteScore, frequencies, totalVariation, unboundedReason } from '../../src/math/concrete-fit';
import { sampleDiscrete, twoBumpDistribution } from '../../src/math/concrete-score';
import { concreteFitPlot, concreteTracePlot } from '../../src/charts/concrete-fit';
import type { ParamSpec } from '../../src/derivations/types';
import { LegacyIslandFrame as IslandFrame, LegacyParamSliders as ParamSliders } from '../shared/LegacyIslandFrame';
import { useHydrated } from '../shared/use-hydrated';
import { JavaScriptBadge } from '../shared/BackendBadge';
import { PlotFigure } from '../shared/PlotFigure';
import { useUrlState } from '../shared/use-url-state';
import { formatValue } from '../derivation/StepResultView';

const K = 16;
const PARAMS: readonly ParamSpec[] = [
  { name: 'w', label: 'weight of the left bump of p', tex: 'w', min: 0.1, max: 0.9, step: 0.05, default: 0.6 },
  { name: 'n', label: 'sample size n', min: 20, max: 20000, step: 20, default: 1000 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];

/** A free distribution on 16 states fitted from samples by concrete score matching (float64, Adam). */
export default function ConcreteFitIsland() {
  // Exact JavaScript: the server-rendered HTML already has numbers, but the sliders work only once hydrated.
  const hydrated = useHydrated();
  const ref = useRef<HTMLDivElement>(null);
  const state = useUrlState('concrete-fit', PARAMS);
  const { w, n, seed } = state.params;
  const p = useMemo(() => twoBumpDistribution(K, w), [w]);
  const f = useMemo(() => frequencies(sampleDiscrete(p, n, seed), K), [p, n, seed]);
  const refusal = unboundedReason(f);
  const fit = useMemo(() => (refusal ? undefined : fitConcreteScore(f)), [f, refusal]);
  // The minimum is at q = f; its value is the dashed line of the trace.
  const minimum = fit ? concreteObjective(f.map(Math.log), f).value : undefined;
  const barOptions = useMemo(() => concreteFitPlot(p, f, fit?.q), [p, f, fit]);
  const traceOptions = useMemo(() => (fit && minimum !== undefined ? concreteTracePlot(fit.trace, minimum) : undefined), [fit, minimum]);
  return (
    <IslandFrame
      name="concrete-fit"
      frameRef={ref}
      ready={hydrated}
      messages={state.messages}
      onReset={state.reset}
      badge={<JavaScriptBadge detail={`16 logits, Adam until every |∂L/∂θ| < 1e-9${fit ? ` (${fit.iterations} steps)` : ''}`} />}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>TV(fitted q, frequencies)</dt><dd data-testid="concrete-tv-fit">{fit ? formatValue(totalVariation(fit.q, f)) : 'no fit'}</dd></div>
        <div><dt>TV(fitted q, true p)</dt><dd data-testid="concrete-tv-truth">{fit ? formatValue(totalVariation(fit.q, p)) : 'no fit'}</dd></div>
        <div><dt>TV(frequencies, true p)</dt><dd data-testid="concrete-tv-sample">{formatValue(totalVariation(f, p))}</dd></div>
        <div><dt>largest |∂L/∂θ| at the end</dt><dd data-testid="concrete-gradient">{fit ? formatValue(fit.gradientNorm) : 'no fit'}</dd></div>
      </dl>
      {refusal ? <p class="ld-note" role="status" data-testid="concrete-empty">{refusal}</p> : null}
      <PlotFigure
        options={barOptions}
        description={`True distribution p on 16 states with the frequencies of ${n} draws${fit ? ` and the distribution fitted by concrete score matching, at total variation ${formatValue(totalVariation(fit.q, f))} from the frequencies and ${formatValue(totalVariation(fit.q, p))} from p` : '; no fit, because a state was never drawn'}.`}
        caption={fit
          ? 'Bars: the true p. Circles: how often each state was drawn. Crosses: q fitted from the draws alone, by minimising the sample form of the objective. They sit on the circles: with a free model, concrete score matching recovers the empirical distribution, as maximum likelihood would.'
          : 'Bars: the true p. Circles: how often each state was drawn. No fit: some states were never drawn.'}
      />
      {fit ? (
        <PlotFigure
          options={traceOptions}
          description={`The sample objective during ${fit.iterations} Adam iterations, falling to ${formatValue(fit.objective)}, its minimum being ${formatValue(minimum ?? fit.objective)}.`}
          caption="How far the sample objective is above its minimum (the value at q = the frequencies), per Adam iteration, on a log scale."
        />
      ) : null}
      <ParamSliders specs={PARAMS} values={state.params} idPrefix="concrete-fit" onInput={state.setParam} />
    </IslandFrame>
  );
}
