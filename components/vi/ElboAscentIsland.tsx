import { useMemo, useState } from 'preact/hooks';
import type { AscentState } from '../../src/training/elbo-ascent';
import { conjugateData } from '../../src/derivations/conjugate-elbo';
import { conjugatePosterior, exactElbo, logEvidence, summarize } from '../../src/math/conjugate-gaussian';
import { reparamGradientMoments } from '../../src/math/reparam-gradient';
import { elboTracePlot, qPosteriorPlot } from '../../src/charts/elbo-trace';
import type { ElboRow } from '../../src/charts/elbo-trace';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { TrainingControls } from '../shared/TrainingControls';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTraining } from '../shared/use-training';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'elbo-ascent',
  aliases: ['ascent'],
  params: [
    { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.005, max: 0.2, step: 0.005, default: 0.05 },
    { name: 'draws', label: 'draws of ε per step', tex: 'M', min: 1, max: 64, step: 1, default: 8 },
  ],
  sample: { defaultN: 20, minN: 1, maxN: 10_000, defaultSeed: 3 },
} as const satisfies IslandSpec;
/** The prior and noise of the chapter's default model; q starts far from the posterior. */
const PRIOR = { noiseSd: 1, priorMean: 0, priorSd: 1 };
const INIT = { mean: -2, stdDev: 1 };
const STEPS_PER_FRAME = 5;
const MAX_ITERATIONS = 3000;

/** Stochastic gradient ascent on the ELBO with reparameterised draws, in tfjs, against ln p(X). */
export default function ElboAscentIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { sample } = island;
  const { rate, draws } = island.params;
  const [rows, setRows] = useState<ElboRow[]>([]);
  const [current, setCurrent] = useState<AscentState | undefined>();

  const data = useMemo(() => summarize(conjugateData(sample.seed, sample.n, PRIOR.noiseSd)), [sample.seed, sample.n]);
  const evidence = useMemo(() => logEvidence(data, PRIOR), [data]);
  const posterior = useMemo(() => conjugatePosterior(data, PRIOR), [data]);
  const rowOf = (s: AscentState): ElboRow => ({ iteration: s.iteration, estimate: s.elboEstimate, exact: exactElbo({ mean: s.mean, stdDev: s.stdDev }, data, PRIOR) });

  // New data, rate or number of draws start a new ascent from the same q.
  const training = useTraining<AscentState>(island, {
    create: () => (runtimeState.status === 'ready'
      ? runtimeState.runtime.trainer<AscentState>('elbo-ascent', data, PRIOR, { init: INIT, learningRate: rate, draws, seed: sample.seed + 101 })
      : undefined),
    deps: [runtimeState, data, rate, draws],
    initialSteps: 1,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s, initial) => {
      setCurrent(s);
      setRows((old) => (initial ? [rowOf(s)] : [...old, rowOf(s)].slice(-600)));
      return s.iteration < MAX_ITERATIONS;
    },
  });

  const options = useMemo(() => (rows.length > 1 ? elboTracePlot(rows, evidence) : undefined), [rows, evidence]);
  const densityOptions = useMemo(() => (current ? qPosteriorPlot(current, posterior, INIT) : undefined), [current, posterior]);
  // The closed form at the current q, beside the spread measured from 256 independent M-draw estimates.
  const exactSpread = current ? reparamGradientMoments(current, data, PRIOR, current.draws).stdDev : undefined;
  const last = rows[rows.length - 1];
  return (
    <IslandFrame work="train"
      island={island}
      runtimeState={runtimeState}
      ready={current !== undefined}
      onReset={training.resetRun}
      actions={<TrainingControls island={island} training={training} enabled={runtimeState.status === 'ready'} stepLabel={`Step (${STEPS_PER_FRAME} iterations)`} note={`n = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`} />}
    >
      <dl class="ld-readout" aria-live="off">
        <div><dt>iteration</dt><dd data-testid={island.testId('iteration')}>{current ? current.iteration : '…'}</dd></div>
        <div><dt>m<sub>q</sub> (posterior m<sub>N</sub>)</dt><dd data-testid={island.testId('mean')}>{current ? `${formatValue(current.mean)} (${formatValue(posterior.mean)})` : '…'}</dd></div>
        <div><dt>s<sub>q</sub> (posterior s<sub>N</sub>)</dt><dd data-testid={island.testId('sd')}>{current ? `${formatValue(current.stdDev)} (${formatValue(posterior.stdDev)})` : '…'}</dd></div>
        <div><dt>exact ELBO (ln p(X))</dt><dd data-testid={island.testId('elbo')}>{last ? `${formatValue(last.exact)} (${formatValue(evidence)})` : '…'}</dd></div>
        <div><dt>sd of the ∂/∂m estimate{current ? `, M = ${current.draws}` : ''} (exact)</dt><dd data-testid={island.testId('grad-sd-mean')}>{current && exactSpread ? `${formatValue(current.gradientSd[0])} (${formatValue(exactSpread[0])})` : '…'}</dd></div>
        <div><dt>sd of the ∂/∂ln s estimate (exact)</dt><dd data-testid={island.testId('grad-sd-logsd')}>{current && exactSpread ? `${formatValue(current.gradientSd[1])} (${formatValue(exactSpread[1])})` : '…'}</dd></div>
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
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
