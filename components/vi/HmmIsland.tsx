import { useMemo, useState } from 'preact/hooks';
import { forwardBackward, runMeanFieldCavi, sampleHmm, symmetricHmm } from '../../src/math/hmm';
import { caviTracePlot, hmmMarginalsPlot } from '../../src/charts/hmm-plot';
import type { MarginalRow } from '../../src/charts/hmm-plot';
import { MAX_SYMBOLS, MIN_SYMBOLS, parseSymbolSequence } from '../../src/state/parse-symbols';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useHydrated } from '../shared/use-hydrated';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const PARAMS = [
  { name: 'K', label: 'hidden states K', min: 2, max: 3, step: 1, default: 2 },
  { name: 'M', label: 'observed symbols M', min: 2, max: 4, step: 1, default: 2 },
  { name: 'stay', label: 'stay probability A_kk', min: 0.05, max: 0.99, step: 0.01, default: 0.9 },
  { name: 'accuracy', label: 'emission accuracy B_k,k', min: 0.05, max: 0.99, step: 0.01, default: 0.75 },
  { name: 'T', label: 'sequence length T', min: 5, max: 40, step: 1, default: 24 },
  { name: 'seed', label: 'seed of the sampled sequence', min: 1, max: 99, step: 1, default: 1 },
  { name: 'sweeps', label: 'CAVI sweeps from uniform q', min: 0, max: 30, step: 1, default: 12 },
];

const symbolText = (values: readonly number[]) => values.map((v) => v + 1).join('');

const SPEC = {
  id: 'hmm',
  params: PARAMS,
  // A typed sequence is part of the link (at most MAX_SYMBOLS digits); whether it fits M is checked below.
  texts: [{ name: 'x', pattern: new RegExp(`^[1-9]{${MIN_SYMBOLS},${MAX_SYMBOLS}}$`), expected: `${MIN_SYMBOLS} to ${MAX_SYMBOLS} digits 1 to 9`, default: '' }],
} as const satisfies IslandSpec;

/** A discrete HMM: exact posterior marginals by forward-backward against mean field over time fitted by CAVI (float64 JS). */
export default function HmmIsland() {
  const hydrated = useHydrated();
  const island = useIsland(SPEC);
  const { K, M, stay, accuracy, T, seed, sweeps } = island.params;
  const [text, setText] = useState(island.texts.x);
  const typed = useMemo(() => (island.texts.x ? [...island.texts.x].map((c) => Number(c) - 1) : undefined), [island.texts.x]);
  const setTyped = (values: readonly number[] | undefined) => island.setText('x', values ? values.map((v) => v + 1).join('') : '');
  const [inputError, setInputError] = useState<string | undefined>();
  const hmm = useMemo(() => symmetricHmm({ states: K, symbols: M, stay, accuracy }), [K, M, stay, accuracy]);
  const seeded = useMemo(() => sampleHmm(hmm, T, seed), [hmm, T, seed]);
  // A typed sequence stays, but is set aside while M is too small for one of its symbols.
  const typedFits = typed !== undefined && typed.every((x) => x < M);
  const observations = typedFits ? typed : seeded.observations;
  const exact = useMemo(() => forwardBackward(hmm, observations), [hmm, observations]);
  const cavi = useMemo(() => runMeanFieldCavi(hmm, observations, sweeps), [hmm, observations, sweeps]);
  const q = cavi.factors[sweeps]!;
  const elbo = cavi.elbos[sweeps]!;
  // ln p(X) - ELBO = KL(q || p(Z|X)) >= 0; below float64 rounding of the two sums it is shown as 0.
  const rawGap = exact.logEvidence - elbo;
  const gap = rawGap < 1e-10 * Math.max(1, Math.abs(exact.logEvidence)) ? 0 : rawGap;
  const lastGain = sweeps > 0 ? elbo - cavi.elbos[sweeps - 1]! : undefined;
  const stateNames = useMemo(() => Array.from({ length: K }, (_, k) => `state ${k + 1}`), [K]);
  const rows = useMemo(() => observations.flatMap((_, t) => stateNames.map((name, k): MarginalRow => ({
    t: t + 1, state: name, exact: exact.marginals[t]![k]!, meanField: q[t]![k]!, truth: !typedFits && seeded.states[t] === k,
  }))), [exact, q, stateNames, typedFits, seeded]);
  const marginalsOptions = useMemo(() => hmmMarginalsPlot(rows, stateNames), [rows, stateNames]);
  const traceOptions = useMemo(() => caviTracePlot(cavi.elbos, exact.logEvidence), [cavi, exact]);
  const meanAbsDifference = rows.reduce((sum, r) => sum + Math.abs(r.exact - r.meanField), 0) / rows.length;

  const useTyped = () => {
    const parsed = parseSymbolSequence(text, M);
    if (!parsed.ok) {
      setInputError(parsed.error);
      return;
    }
    setInputError(undefined);
    setTyped(parsed.values);
  };
  const messages = [
    ...(inputError ? [`Your sequence was not used: ${inputError}`] : []),
    ...(typed && !typedFits ? [`Your sequence uses symbol ${Math.max(...typed) + 1}, but M = ${M}: showing the sampled sequence until M is large enough.`] : []),
  ];

  return (
    <IslandFrame
      island={island}
      ready={hydrated}
      messages={messages}
      onReset={() => { setInputError(undefined); setText(''); }}
    >
      <p class="ld-hmm-sequence" data-testid={island.testId('sequence')}>
        <span>observed x = <code>{symbolText(observations)}</code></span>
        {typedFits ? <span>(your sequence, T = {observations.length})</span> : <span>hidden z = <code>{symbolText(seeded.states)}</code></span>}
      </p>
      <dl class="ld-readout" aria-live="polite">
        <div><dt>ln p(X), forward–backward</dt><dd data-testid={island.testId('log-evidence')}>{formatValue(exact.logEvidence)}</dd></div>
        <div><dt>ELBO(q) after {sweeps} sweeps</dt><dd data-testid={island.testId('elbo')}>{formatValue(elbo)}</dd></div>
        <div><dt>gap = KL(q‖p(Z|X))</dt><dd data-testid={island.testId('gap')}>{formatValue(gap)}</dd></div>
        <div><dt>ELBO gain in the last sweep</dt><dd data-testid={island.testId('gain')}>{lastGain === undefined ? '—' : formatValue(lastGain)}</dd></div>
      </dl>
      <PlotFigure
        options={marginalsOptions}
        description={`Posterior marginals over ${observations.length} time steps for ${K} hidden states: exact by forward–backward and mean field after ${sweeps} CAVI sweeps; they differ by ${formatValue(meanAbsDifference)} on average.`}
        caption={`Each panel is one hidden state. Blue: the exact p(zₜ = k | X); orange: the mean-field factor qₜ(k).${typedFits ? '' : ' Rings: the state the chain was really in when the sequence was drawn.'}`}
      />
      <PlotFigure
        options={traceOptions}
        description={`ELBO after each of ${sweeps} CAVI sweeps, rising to ${formatValue(elbo)} nats and staying below ln p(X) = ${formatValue(exact.logEvidence)}.`}
        caption="The ELBO never decreases from one sweep to the next and never reaches ln p(X): the gap left is the KL divergence from q to the exact posterior."
      />
      <details class="ld-paste">
        <summary>Type your own sequence</summary>
        <label for="hmm-sequence">Symbols 1 to {M}, one digit per time step (2 to 60), for example 1121222112</label>
        <textarea id="hmm-sequence" rows={2} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
        <button type="button" onClick={useTyped} data-testid={island.testId('use-sequence')}>Use this sequence</button>{' '}
        {typed ? <button type="button" onClick={() => { setTyped(undefined); setInputError(undefined); }}>Back to the sampled sequence</button> : null}
      </details>
      <details class="ld-hmm-table">
        <summary>The marginals as a table</summary>
        <div class="ld-hmm-table-scroll" tabindex={0} role="region" aria-label="Posterior marginals per time step">
          <table data-testid={island.testId('table')}>
            <thead>
              <tr>
                <th scope="col">t</th><th scope="col">xₜ</th>
                {stateNames.map((_, k) => <th key={`p${k}`} scope="col">p(zₜ={k + 1}|X)</th>)}
                {stateNames.map((_, k) => <th key={`q${k}`} scope="col">qₜ({k + 1})</th>)}
              </tr>
            </thead>
            <tbody>
              {observations.map((x, t) => (
                <tr key={t}>
                  <th scope="row">{t + 1}</th><td>{x + 1}</td>
                  {exact.marginals[t]!.map((p, k) => <td key={`p${k}`} data-kind="exact">{p.toFixed(3)}</td>)}
                  {q[t]!.map((p, k) => <td key={`q${k}`} data-kind="mean-field">{p.toFixed(3)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
