import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { discreteSummary } from '../../src/derivations/discrete-kl';
import type { DiscreteSummary } from '../../src/derivations/discrete-kl';
import { infiniteKlSupport, normalizeWeights, toUnit } from '../../src/math/discrete';
import { discreteBarsPlot } from '../../src/charts/discrete-bars';
import { formatWeights, parseDiscreteState } from '../../src/state/distribution-param';
import type { InformationUnit } from '../../src/state/distribution-param';
import { IslandFrame } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { replaceQuery } from '../shared/replace-query';
import { Slider } from '../shared/Slider';
import { useLiveComputation } from '../shared/use-live-computation';
import { useRuntime } from '../shared/use-runtime';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';

/** The source's example (seed 004): KL(p||q) = 0.0305 nats. */
const DEFAULTS = { p: [0.2, 0.5, 0.3], q: [0.3, 0.4, 0.3] } as const;
const OUTCOMES = ['1', '2', '3'];

function explainInfinity(from: string, to: string, indices: number[], weights: readonly number[]): string {
  const which = indices.map((i) => `outcome ${i + 1} (${from} = ${weights[i].toFixed(2)})`).join(' and ');
  return `KL(${from}‖${to}) = +∞: ${to} gives probability 0 to ${which}, which ${from} can produce. ln(${from}/0) is infinite, so the divergence is too.`;
}

/** Discrete KL explorer: sliders for p and q over three outcomes, both directions, zeros handled exactly. */
export default function DiscreteKlIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useRuntime();
  const initial = useMemo(() => parseDiscreteState(typeof location === 'undefined' ? '' : location.search, DEFAULTS), []);
  const [pWeights, setP] = useState<number[]>(initial.p);
  const [qWeights, setQ] = useState<number[]>(initial.q);
  const [unit, setUnit] = useState<InformationUnit>(initial.unit);
  const [messages, setMessages] = useState<string[]>(initial.messages);

  const update = (p: number[], q: number[], u: InformationUnit) => {
    setP(p);
    setQ(q);
    setUnit(u);
    replaceQuery('discrete-kl', (search) => {
      const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v === b[i]);
      if (same(p, DEFAULTS.p)) search.delete('p'); else search.set('p', formatWeights(p));
      if (same(q, DEFAULTS.q)) search.delete('q'); else search.set('q', formatWeights(q));
      if (u === 'nats') search.delete('unit'); else search.set('unit', u);
    });
  };

  const pNorm = normalizeWeights(pWeights);
  const qNorm = normalizeWeights(qWeights);
  const invalid = [!pNorm.ok ? `p: ${pNorm.error}` : '', !qNorm.ok ? `q: ${qNorm.error}` : ''].filter(Boolean);
  const input = useMemo(
    () => (pNorm.ok && qNorm.ok && runtimeState.status === 'ready' ? { p: pNorm.probabilities, q: qNorm.probabilities } : undefined),
    [pWeights, qWeights, runtimeState],
  );
  const compute = useCallback(async ({ p, q }: { p: number[]; q: number[] }): Promise<DiscreteSummary> => {
    if (runtimeState.status !== 'ready') throw new Error('compute runtime not ready');
    return discreteSummary(runtimeState.runtime.tf, p, q);
  }, [runtimeState]);
  const live = useLiveComputation(input, compute, visible);
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
  const sliders = (name: 'p' | 'q', weights: number[], set: (w: number[]) => void) =>
    weights.map((w, i) => (
      <Slider
        key={`${name}${i}`}
        spec={{ name: `${name}${i + 1}`, label: `weight of outcome ${i + 1} under ${name}`, min: 0, max: 1, step: 0.01 }}
        value={w}
        idPrefix="discrete-kl"
        onInput={(value) => set(weights.map((old, j) => (j === i ? value : old)))}
      />
    ));

  return (
    <IslandFrame
      name="discrete-kl"
      frameRef={ref}
      runtimeState={runtimeState}
      ready={result !== undefined}
      messages={[...messages, ...invalid, ...(live.error ? [`The computation failed: ${live.error}`] : [])]}
      onReset={() => { setMessages([]); update([...DEFAULTS.p], [...DEFAULTS.q], 'nats'); }}
      actions={(
        <>
          <fieldset class="ld-unit-switch">
            <legend class="sr-only">unit</legend>
            {(['nats', 'bits'] as const).map((u) => (
              <label key={u}><input type="radio" name="discrete-kl-unit" value={u} checked={unit === u} onChange={() => update(pWeights, qWeights, u)} /> {u}</label>
            ))}
          </fieldset>
          <button type="button" onClick={() => update(qWeights, pWeights, unit)}>Swap p and q</button>
          <button type="button" onClick={() => update(pWeights, [...pWeights], unit)}>Set q = p</button>
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
        <fieldset><legend>p (renormalised)</legend>{sliders('p', pWeights, (w) => update(w, qWeights, unit))}</fieldset>
        <fieldset><legend>q (renormalised)</legend>{sliders('q', qWeights, (w) => update(pWeights, w, unit))}</fieldset>
      </div>
    </IslandFrame>
  );
}
