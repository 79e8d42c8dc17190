import { useMemo, useRef, useState } from 'preact/hooks';
import type { AscentState } from '../../src/training/elbo-ascent';
import { conjugateData } from '../../src/derivations/conjugate-elbo';
import { conjugatePosterior, exactElbo, logEvidence, summarize } from '../../src/math/conjugate-gaussian';
import { reparamGradientMoments } from '../../src/math/reparam-gradient';
import { elboTracePlot, qPosteriorPlot } from '../../src/charts/elbo-trace';
import type { ElboRow } from '../../src/charts/elbo-trace';
import type { ParamSpec, SampleSpec } from '../../src/derivations/types';
import { BackendBadge } from '../shared/BackendBadge';
import { Notices } from '../shared/Notices';
import { PlotFigure } from '../shared/PlotFigure';
import { Slider } from '../shared/Slider';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { useStepper } from '../shared/use-stepper';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.005, max: 0.2, step: 0.005, default: 0.05 },
  { name: 'draws', label: 'draws of ε per step', tex: 'M', min: 1, max: 64, step: 1, default: 8 },
];
const SAMPLE: SampleSpec = { defaultN: 20, minN: 1, maxN: 10_000, defaultSeed: 3 };
/** The prior and noise of the chapter's default model; q starts far from the posterior. */
const PRIOR = { noiseSd: 1, priorMean: 0, priorSd: 1 };
const INIT = { mean: -2, stdDev: 1 };
const STEPS_PER_FRAME = 5;
const MAX_ITERATIONS = 3000;

/** Stochastic gradient ascent on the ELBO with reparameterised draws, in tfjs, against ln p(X). */
export default function ElboAscentIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('ascent', PARAMS, SAMPLE);
  const sample = state.sample ?? { n: SAMPLE.defaultN, seed: SAMPLE.defaultSeed };
  const { rate, draws } = state.params;
  const [running, setRunning] = useState(false);
  const [rows, setRows] = useState<ElboRow[]>([]);
  const [current, setCurrent] = useState<AscentState | undefined>();
  const [restart, setRestart] = useState(0);
  /** Set by Step: run one frame of STEPS_PER_FRAME iterations, then pause. */
  const singleStep = useRef(false);

  const data = useMemo(() => summarize(conjugateData(sample.seed, sample.n, PRIOR.noiseSd)), [sample.seed, sample.n]);
  const evidence = useMemo(() => logEvidence(data, PRIOR), [data]);
  const posterior = useMemo(() => conjugatePosterior(data, PRIOR), [data]);
  const rowOf = (s: AscentState): ElboRow => ({ iteration: s.iteration, estimate: s.elboEstimate, exact: exactElbo({ mean: s.mean, stdDev: s.stdDev }, data, PRIOR) });

  // New data, rate or number of draws start a new ascent from the same q.
  useStepper<AscentState>({
    create: () => (runtimeState.status === 'ready'
      ? runtimeState.runtime.trainer<AscentState>('elbo-ascent', data, PRIOR, { init: INIT, learningRate: rate, draws, seed: sample.seed + 101 })
      : undefined),
    deps: [runtimeState, data, rate, draws, restart],
    initialSteps: 1,
    active: running && visible,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s, initial) => {
      setCurrent(s);
      setRows((old) => (initial ? [rowOf(s)] : [...old, rowOf(s)].slice(-600)));
      const stepDone = !initial && singleStep.current;
      if (stepDone) singleStep.current = false;
      if (s.iteration >= MAX_ITERATIONS || stepDone) setRunning(false);
      return s.iteration < MAX_ITERATIONS && !stepDone;
    },
  });

  const options = useMemo(() => (rows.length > 1 ? elboTracePlot(rows, evidence) : undefined), [rows, evidence]);
  const densityOptions = useMemo(() => (current ? qPosteriorPlot(current, posterior, INIT) : undefined), [current, posterior]);
  // The closed form at the current q, beside the spread measured from 256 independent M-draw estimates.
  const exactSpread = current ? reparamGradientMoments(current, data, PRIOR, current.draws).stdDev : undefined;
  const last = rows[rows.length - 1];
  return (
    <div ref={ref} class="ld-island" data-island="elbo-ascent" data-ready={String(current !== undefined)} data-backend={runtimeState.status === 'ready' ? runtimeState.runtime.backendFor('train') : undefined}>
      <Notices messages={state.messages} />
      <dl class="ld-readout" aria-live="off">
        <div><dt>iteration</dt><dd data-testid="ascent-iteration">{current ? current.iteration : '…'}</dd></div>
        <div><dt>m<sub>q</sub> (posterior m<sub>N</sub>)</dt><dd data-testid="ascent-mean">{current ? `${formatValue(current.mean)} (${formatValue(posterior.mean)})` : '…'}</dd></div>
        <div><dt>s<sub>q</sub> (posterior s<sub>N</sub>)</dt><dd data-testid="ascent-sd">{current ? `${formatValue(current.stdDev)} (${formatValue(posterior.stdDev)})` : '…'}</dd></div>
        <div><dt>exact ELBO (ln p(X))</dt><dd data-testid="ascent-elbo">{last ? `${formatValue(last.exact)} (${formatValue(evidence)})` : '…'}</dd></div>
        <div><dt>sd of the ∂/∂m estimate{current ? `, M = ${current.draws}` : ''} (exact)</dt><dd data-testid="ascent-grad-sd-mean">{current && exactSpread ? `${formatValue(current.gradientSd[0])} (${formatValue(exactSpread[0])})` : '…'}</dd></div>
        <div><dt>sd of the ∂/∂ln s estimate (exact)</dt><dd data-testid="ascent-grad-sd-logsd">{current && exactSpread ? `${formatValue(current.gradientSd[1])} (${formatValue(exactSpread[1])})` : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={densityOptions}
        description={current
          ? `The density of q = N(${formatValue(current.mean)}, ${formatValue(current.stdDev)}²) after ${current.iteration} iterations, against the exact posterior N(${formatValue(posterior.mean)}, ${formatValue(posterior.stdDev)}²).`
          : 'The density of q against the exact posterior appears once the island has computed.'}
        caption="q (orange, filled) moving onto the exact posterior p(z|X) (dashed)."
      />
      {rows.length <= 1 ? <p class="ld-plot-empty">Press Start: the ascent begins at m = −2, s = 1 and the curves appear here.</p> : null}
      <PlotFigure
        options={options}
        description={last
          ? `ELBO over ${last.iteration} iterations of stochastic gradient ascent: the exact ELBO of the current q is ${formatValue(last.exact)} nats, below ln p(X) = ${formatValue(evidence)}.`
          : 'Press Start to run gradient ascent; the plot shows the ELBO per iteration.'}
        caption="The gap below ln p(X) (symlog scale). Blue: the exact gap, KL(q‖p(z|X)), never negative. Orange: the noisy estimate each step climbs on, which can overshoot. Dashed: 0, reached only at q = p(z|X)."
      />
      <div class="ld-controls">
        {PARAMS.map((spec) => (
          <Slider key={spec.name} spec={spec} value={state.params[spec.name]} idPrefix="ascent" onInput={(v) => state.setParam(spec.name, v)} />
        ))}
      </div>
      <div class="ld-footer">
        <span>
          <button type="button" onClick={() => setRunning(!running)} disabled={runtimeState.status !== 'ready'} data-testid="ascent-toggle">{running ? 'Pause' : 'Start'}</button>{' '}
          <button type="button" onClick={() => { singleStep.current = true; setRunning(true); }} disabled={runtimeState.status !== 'ready' || running} data-testid="ascent-step">Step ({STEPS_PER_FRAME} iterations)</button>
          <button type="button" onClick={() => { setRunning(false); state.reset(); setRestart((r) => r + 1); }}>Reset</button>
        </span>
        <span>n = {sample.n.toLocaleString('en-US')}, seed {sample.seed}</span>
        <BackendBadge state={runtimeState} work="train" />
      </div>
    </div>
  );
}
