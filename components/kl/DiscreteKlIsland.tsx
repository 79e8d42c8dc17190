import { useMemo } from 'preact/hooks';
import type { DiscreteSummary } from '../../src/derivations/discrete-kl';
import { infiniteKlSupport, normalizeWeights, toUnit } from '../../src/math/discrete';
type InformationUnit = Parameters<typeof toUnit>[1];
import { discreteBarsPlot } from '../../src/charts/discrete-bars';
import type { IslandSpec } from '../../src/state/params';
import { ChoiceField, IslandFrame } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { Slider } from '../shared/Slider';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTensorComputation } from '../shared/use-tensor-computation';
import { formatValue } from '../derivation/StepResultView';

/** The source's example (seed 004): KL(p||q) = 0.0305 nats. */
const WEIGHTS = { min: 0, max: 1, step: 0.01 } as const;
const UNIT = { name: 'unit', label: 'unit', options: [{ value: 'nats', label: 'nats' }, { value: 'bits', label: 'bits' }], default: 'nats' } as const;
const SPEC = {
  id: 'discrete-kl',
  // Links from before the island contract wrote p=…&q=…&unit=… without a prefix.
  aliases: [''],
  lists: [{ name: 'p', label: 'the weights of p', ...WEIGHTS, default: [0.2, 0.5, 0.3] }, { name: 'q', label: 'the weights of q', ...WEIGHTS, default: [0.3, 0.4, 0.3] }],
  choices: [UNIT],
} as const satisfies IslandSpec;
const OUTCOMES = ['1', '2', '3'];

function explainInfinity(from: string, to: string, indices: number[], weights: readonly number[]): string {
  const which = indices.map((i) => `outcome ${i + 1} (${from} = ${weights[i].toFixed(2)})`).join(' and ');
  return `KL(${from}‖${to}) = +∞: ${to} gives probability 0 to ${which}, which ${from} can produce. ln(${from}/0) is infinite, so the divergence is too.`;
}

/** Discrete KL explorer: sliders for p and q over three outcomes, both directions, zeros handled exactly. */
export default function DiscreteKlIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const pWeights = island.lists.p;
  const qWeights = island.lists.q;
  const unit = island.choices.unit as InformationUnit;
  const update = (p: readonly number[], q: readonly number[]) => {
    island.setList('p', p);
    island.setList('q', q);
  };

  const pNorm = normalizeWeights(pWeights);
  const qNorm = normalizeWeights(qWeights);
  const invalid = [!pNorm.ok ? `p: ${pNorm.error}` : '', !qNorm.ok ? `q: ${qNorm.error}` : ''].filter(Boolean);
  const input = useMemo(() => (pNorm.ok && qNorm.ok ? { p: pNorm.probabilities, q: qNorm.probabilities } : undefined), [pWeights, qWeights]);
  const live = useTensorComputation(island, runtimeState, input, async (runtime, { p, q }) => runtime.call<DiscreteSummary>('discreteSummary', p, q));
  const result = input ? live.result : undefined;

  const show = (nats: number) => formatValue(toUnit(nats, unit));
  const infinities: string[] = [];
  if (pNorm.ok && qNorm.ok) {
    const pq = infiniteKlSupport(pNorm.probabilities, qNorm.probabilities);
    const qp = infiniteKlSupport(qNorm.probabilities, pNorm.probabilities);
    if (pq.length > 0) infinities.push(explainInfinity('p', 'q', pq, pNorm.probabilities));
    if (qp.length > 0) infinities.push(explainInfinity('q', 'p', qp, qNorm.probabilities));
  }
  const plotOptions = useMemo(
    () => (pNorm.ok && qNorm.ok ? discreteBarsPlot(pNorm.probabilities, qNorm.probabilities, OUTCOMES) : undefined),
    [pWeights, qWeights],
  );
  const sliders = (name: 'p' | 'q', weights: readonly number[], set: (w: number[]) => void) =>
    weights.map((w, i) => (
      <Slider
        key={`${name}${i}`}
        spec={{ name: `${name}${i + 1}`, label: `weight of outcome ${i + 1} under ${name}`, ...WEIGHTS }}
        value={w}
        idPrefix={island.id}
        onInput={(value) => set(weights.map((old, j) => (j === i ? value : old)))}
      />
    ));

  return (
    <IslandFrame
      island={island}
      runtimeState={runtimeState}
      ready={result !== undefined}
      messages={[...invalid, ...live.messages]}
      actions={(
        <>
          <ChoiceField island={island} spec={UNIT} />
          <button type="button" onClick={() => update(qWeights, pWeights)}>Swap p and q</button>
          <button type="button" onClick={() => update(pWeights, [...pWeights])}>Set q = p</button>
        </>
      )}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>KL(p‖q)</dt><dd data-testid="kl-pq">{result ? show(result.klPQ) : '…'}</dd></div>
        <div><dt>KL(q‖p)</dt><dd data-testid="kl-qp">{result ? show(result.klQP) : '…'}</dd></div>
        <div><dt>cross-entropy H(p,q)</dt><dd data-testid="cross-pq">{result ? show(result.crossPQ) : '…'}</dd></div>
        <div><dt>entropy H(p)</dt><dd data-testid="entropy-p">{result ? show(result.entropyP) : '…'}</dd></div>
      </dl>
      <p class="ld-unit-note">
        in {unit}{result && Number.isFinite(result.klPQ) ? ` · check: H(p,q) − H(p) = ${show(result.crossPQ - result.entropyP)}` : ''}
      </p>
      {pNorm.ok && pNorm.probabilities.filter((v) => v > 0).length === 1 ? (
        <p class="ld-note" data-testid="point-mass-note">
          p puts all its mass on one outcome, so H(p) = 0: here the source's H(p) + H(p,q) coincides with KL = H(p,q) − H(p), and its
          sign error cannot show. Give a second outcome some weight and the two differ by 2H(p).
        </p>
      ) : null}
      {infinities.map((text) => <p class="ld-infinity" key={text} data-testid="infinity-explanation">{text}</p>)}
      <PlotFigure
        options={plotOptions}
        description={pNorm.ok && qNorm.ok ? `Bar chart of p = (${pNorm.probabilities.map((v) => v.toFixed(2)).join(', ')}) and q = (${qNorm.probabilities.map((v) => v.toFixed(2)).join(', ')}) over outcomes 1 to 3.` : 'No chart: the weights are invalid.'}
      />
      <div class="ld-controls ld-controls-two">
        <fieldset><legend>p (renormalised)</legend>{sliders('p', pWeights, (w) => island.setList('p', w))}</fieldset>
        <fieldset><legend>q (renormalised)</legend>{sliders('q', qWeights, (w) => island.setList('q', w))}</fieldset>
      </div>
    </IslandFrame>
  );
}
