import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useHydrated } from '../shared/use-hydrated';
import { eStep, initialTheta, mixtureElbo, mixtureLogLikelihood, mStep } from '../../src/math/gmm-em';
import type { MixtureTheta } from '../../src/math/gmm-em';
import { sampleMixture } from '../../src/math/mixture';
import { densityHistogram, emTracePlot, mixtureFitPlot } from '../../src/charts/em-plot';
import type { EmTraceRow } from '../../src/charts/em-plot';
import { gaussianLogPdf } from '../../src/math/gaussian';
import type { ParamSpec, SampleSpec } from '../../src/derivations/types';
import { Notices } from '../shared/Notices';
import { PasteData, usePastedData } from '../shared/PasteData';
import { PlotFigure } from '../shared/PlotFigure';
import { SampleControls } from '../shared/SampleControls';
import { Slider } from '../shared/Slider';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  { name: 'K', label: 'number of components K', tex: 'K', min: 2, max: 5, step: 1, default: 3 },
];
const SAMPLE: SampleSpec = { defaultN: 300, minN: 20, maxN: 5000, defaultSeed: 11 };
/** The mixture that generates the seeded data (three clusters of different widths). */
const GENERATOR = { weights: [0.3, 0.5, 0.2], means: [-3, 0.5, 4], stdDevs: [0.7, 1, 0.5] };
const MAX_ITERATIONS = 500;
/** Milliseconds between half-steps while playing: slow enough to see E and M apart. */
const PLAY_INTERVAL_MS = 300;
/** Playing stops once an iteration raises l by less than this (nats). */
const CONVERGED = 1e-6;

/** Where EM stands: theta_t, and the responsibilities q_t once the E-step of iteration t has run. */
interface EmState {
  readonly iteration: number;
  readonly theta: MixtureTheta;
  readonly responsibilities?: number[][];
  readonly rows: EmTraceRow[];
  readonly decreased: number;
}

function startState(data: readonly number[], K: number): EmState {
  const theta = initialTheta(data, K);
  return { iteration: 0, theta, rows: [{ step: 0, value: mixtureLogLikelihood(data, theta), curve: 'log-likelihood ℓ(θ)' }], decreased: 0 };
}

/** Half a step of EM: the E-step if q is stale, otherwise the M-step (and l at the new theta). */
function advance(data: readonly number[], state: EmState): EmState {
  if (!state.responsibilities) {
    const responsibilities = eStep(data, state.theta);
    const row: EmTraceRow = { step: state.iteration, value: mixtureElbo(data, responsibilities, state.theta), curve: 'ELBO F(q, θ)' };
    return { ...state, responsibilities, rows: [...state.rows, row] };
  }
  const theta = mStep(data, state.responsibilities, state.theta);
  const previous = mixtureLogLikelihood(data, state.theta);
  const logLikelihood = mixtureLogLikelihood(data, theta);
  // EM never lowers l (MATH_NOTES B2.4); rounding aside, a drop here would be a bug worth showing.
  const drop = logLikelihood < previous - 1e-9 * Math.max(1, Math.abs(previous));
  const t = state.iteration + 1;
  const rows: EmTraceRow[] = [
    ...state.rows,
    { step: t, value: mixtureElbo(data, state.responsibilities, theta), curve: 'ELBO F(q, θ)' },
    { step: t, value: logLikelihood, curve: 'log-likelihood ℓ(θ)', decrease: drop },
  ];
  return { iteration: t, theta, rows: rows.slice(-600), decreased: state.decreased + (drop ? 1 : 0) };
}

/** EM on a 1-D Gaussian mixture, one E- or M-step at a time, with l and F per iteration (float64 JS). */
export default function EmStepsIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const hydrated = useHydrated();
  const [playing, setPlaying] = useState(false);
  const state = useUrlState('em', PARAMS, SAMPLE);
  const sample = state.sample ?? { n: SAMPLE.defaultN, seed: SAMPLE.defaultSeed };
  const K = state.params.K;
  const paste = usePastedData();
  const pasted = paste.values;
  const seeded = useMemo(() => Array.from(sampleMixture(sample.seed, sample.n, GENERATOR)), [sample.seed, sample.n]);
  const data = pasted ?? seeded;
  const [em, setEm] = useState<{ key: string; state: EmState }>();
  const key = `${K}:${sample.seed}:${sample.n}:${pasted ? `pasted ${paste.version}` : 'seeded'}`;
  const current = em && em.key === key ? em.state : startState(data, K);
  const set = (next: EmState) => setEm({ key, state: next });
  const halfStep = () => set(advance(data, current));
  const iterate = (count: number) => {
    let s = current;
    // An iteration half done (E-step taken) is completed by its M-step and counts as one.
    for (let i = 0; i < count && s.iteration < MAX_ITERATIONS; i++) s = advance(data, s.responsibilities ? s : advance(data, s));
    set(s);
  };

  // Playing advances one half-step per tick, pauses off screen, and stops at convergence.
  useEffect(() => {
    if (!playing || !visible) return undefined;
    const timer = setTimeout(() => {
      const next = advance(data, current);
      const gain = next.iteration > current.iteration ? next.rows[next.rows.length - 1]!.value - mixtureLogLikelihood(data, current.theta) : Infinity;
      set(next);
      if (gain < CONVERGED || next.iteration >= MAX_ITERATIONS) setPlaying(false);
    }, PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, visible, current, data]);

  const lower = Math.min(...data);
  const upper = Math.max(...data);
  const pad = 0.1 * (upper - lower);
  const histogram = useMemo(() => densityHistogram(data, lower - pad, upper + pad, 40), [data]);
  const curve = useMemo(() => Array.from({ length: 201 }, (_, i) => {
    const x = lower - pad + ((upper - lower + 2 * pad) * i) / 200;
    const density = current.theta.means.reduce((sum, mean, k) => sum + current.theta.weights[k]! * Math.exp(gaussianLogPdf(x, mean, current.theta.stdDevs[k]!)), 0);
    return { x, density };
  }), [current.theta, data]);
  const lastL = [...current.rows].reverse().find((r) => r.curve === 'log-likelihood ℓ(θ)')!;
  const lastF = [...current.rows].reverse().find((r) => r.curve === 'ELBO F(q, θ)');
  const nextIsE = !current.responsibilities;


  return (
    <div ref={ref} class="ld-island" data-island="em-steps" data-ready={String(hydrated)} data-iteration={current.iteration}>
      <Notices messages={[
        ...state.messages,
        ...(paste.error ? [`Your data were not used: ${paste.error}`] : []),
        ...(current.decreased > 0 ? [`The log-likelihood decreased ${current.decreased} time(s): EM should never do this.`] : []),
      ]} />
      <dl class="ld-readout" aria-live="polite">
        <div><dt>iteration t</dt><dd data-testid="em-iteration">{current.iteration}</dd></div>
        <div><dt>ℓ(θ<sub>t</sub>)</dt><dd data-testid="em-loglik">{formatValue(lastL.value)}</dd></div>
        <div><dt>F(q, θ) after the last step</dt><dd data-testid="em-elbo">{lastF ? formatValue(lastF.value) : '—'}</dd></div>
        <div><dt>gap ℓ − F = KL(q‖p(Z|X,θ))</dt><dd data-testid="em-gap">{lastF ? formatValue(Math.max(0, lastL.value - lastF.value)) : '—'}</dd></div>
      </dl>
      <PlotFigure
        options={current.rows.length > 1 ? emTracePlot(current.rows) : undefined}
        description={`Log-likelihood and ELBO over ${current.iteration} EM iterations; the log-likelihood is now ${formatValue(lastL.value)} nats${current.decreased > 0 ? ', with a decrease marked in red' : ', never decreasing'}.`}
        caption="Blue: ℓ(θ) at each iteration. Orange: F(q, θ), which touches ℓ after every E-step and climbs after every M-step. A red ring would mark a decrease of ℓ."
      />
      {current.rows.length <= 1 ? <p class="ld-plot-empty">Press E-step: the curves appear here.</p> : null}
      <PlotFigure
        options={mixtureFitPlot(histogram, curve)}
        description={`Histogram of ${data.length} data points with the current ${K}-component mixture density: means ${current.theta.means.map((m) => m.toFixed(2)).join(', ')}.`}
      />
      <div class="ld-controls">
        {PARAMS.map((spec) => (
          <Slider key={spec.name} spec={spec} value={K} idPrefix="em" onInput={(v) => state.setParam(spec.name, v)} />
        ))}
        <SampleControls spec={SAMPLE} sample={sample} idPrefix="em" onChange={state.setSample} />
      </div>
      <PasteData idPrefix="em" data={paste} />
      <div class="ld-footer">
        <span>
          <button type="button" onClick={() => setPlaying(!playing)} data-testid="em-play">{playing ? 'Pause' : 'Play'}</button>{' '}
          <button type="button" onClick={halfStep} data-testid="em-half-step">{nextIsE ? 'E-step' : 'M-step'}</button>{' '}
          <button type="button" onClick={() => iterate(1)}>One iteration</button>{' '}
          <button type="button" onClick={() => iterate(20)}>20 iterations</button>{' '}
          <button type="button" onClick={() => { setPlaying(false); setEm(undefined); state.reset(); }}>Reset</button>
        </span>
        <span>{pasted ? `your ${pasted.length} values` : `N = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`}</span>
        <span class="ld-badge" data-testid="compute-badge">computed in JavaScript (float64)</span>
      </div>
    </div>
  );
}
