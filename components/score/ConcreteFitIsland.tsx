import { useMemo } from 'preact/hooks';
import { concreteObjective, fitConcreteScore, frequencies, totalVariation, unboundedReason } from '../../src/math/concrete-fit';
import { sampleDiscrete, twoBumpDistribution } from '../../src/math/concrete-score';
import { concreteFitPlot, concreteTracePlot } from '../../src/charts/concrete-fit';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { useHydrated } from '../shared/use-hydrated';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const K = 16;
const PARAMS = [
  { name: 'w', label: 'weight of the left bump of p', tex: 'w', min: 0.1, max: 0.9, step: 0.05, default: 0.6 },
  { name: 'n', label: 'sample size n', min: 20, max: 20000, step: 20, default: 1000 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];

const SPEC = { id: 'concrete-fit', params: PARAMS } as const satisfies IslandSpec;

/** A free distribution on 16 states fitted from samples by concrete score matching (float64, Adam). */
export default function ConcreteFitIsland() {
  // Exact JavaScript: the server-rendered HTML already has numbers, but the sliders work only once hydrated.
  const hydrated = useHydrated();
  const island = useIsland(SPEC);
  const { w, n, seed } = island.params;
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
      island={island}
      ready={hydrated}
      badgeDetail={`16 logits, Adam until every |∂L/∂θ| < 1e-9${fit ? ` (${fit.iterations} steps)` : ''}`}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>TV(fitted q, frequencies)</dt><dd data-testid={island.testId('tv-fit')}>{fit ? formatValue(totalVariation(fit.q, f)) : 'no fit'}</dd></div>
        <div><dt>TV(fitted q, true p)</dt><dd data-testid={island.testId('tv-truth')}>{fit ? formatValue(totalVariation(fit.q, p)) : 'no fit'}</dd></div>
        <div><dt>TV(frequencies, true p)</dt><dd data-testid={island.testId('tv-sample')}>{formatValue(totalVariation(f, p))}</dd></div>
        <div><dt>largest |∂L/∂θ| at the end</dt><dd data-testid={island.testId('gradient')}>{fit ? formatValue(fit.gradientNorm) : 'no fit'}</dd></div>
      </dl>
      {refusal ? <p class="ld-note" role="status" data-testid={island.testId('empty')}>{refusal}</p> : null}
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
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
