import { useMemo, useState } from 'preact/hooks';
import type { FitState } from '../../src/training/gaussian-nll-fit';
import { MIXTURE_NLL_PARAMS, targetMixture } from '../../src/derivations/mixture-nll';
import { forwardKl, mixtureEntropy, mleGaussian } from '../../src/math/gaussian-fit';
import { sampleMixture } from '../../src/math/mixture';
import { fitCurvesPlot } from '../../src/charts/fit-curves';
import type { FitRow } from '../../src/charts/fit-curves';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { TrainingControls } from '../shared/TrainingControls';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTraining } from '../shared/use-training';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'mle-fit',
  aliases: ['fit'],
  params: [
    ...MIXTURE_NLL_PARAMS.filter((p) => p.name === 'd' || p.name === 'w'),
    { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.005, max: 0.3, step: 0.005, default: 0.1 },
  ],
  sample: { defaultN: 2000, minN: 50, maxN: 100_000, defaultSeed: 1 },
} as const satisfies IslandSpec;
const INIT = { mean: -3, stdDev: 0.5 };
const STEPS_PER_FRAME = 10;
const MAX_ITERATIONS = 3000;

/** Gradient descent on the NLL with tfjs autodiff, watching KL(p||q_theta) fall to its MLE value. */
export default function MleFitIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { sample } = island;
  const { d, w, rate } = island.params;
  const [rows, setRows] = useState<FitRow[]>([]);
  const [current, setCurrent] = useState<FitState | undefined>();

  const target = useMemo(() => targetMixture({ d, w }), [d, w]);
  const samples = useMemo(() => sampleMixture(sample.seed, sample.n, target), [sample.seed, sample.n, target]);
  const entropy = useMemo(() => mixtureEntropy(target), [target]);
  const mle = useMemo(() => mleGaussian(samples), [samples]);
  const klAtMle = useMemo(() => forwardKl(target, mle.mean, mle.stdDev), [mle, target]);

  // A new target, sample or learning rate starts a new fit from the same initial theta.
  const training = useTraining<FitState>(island, {
    create: () => (runtimeState.status === 'ready' ? runtimeState.runtime.trainer<FitState>('nll-fit', samples, INIT, rate) : undefined),
    deps: [runtimeState, samples, rate],
    initialSteps: 0,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s, initial) => {
      const row = { iteration: s.iteration, kl: forwardKl(target, s.mean, s.stdDev), nllMinusEntropy: s.nll - entropy };
      setCurrent(s);
      setRows((old) => (initial ? [row] : [...old, row].slice(-400)));
      return s.iteration < MAX_ITERATIONS;
    },
  });

  const options = useMemo(() => (rows.length > 1 ? fitCurvesPlot(rows, klAtMle) : undefined), [rows, klAtMle]);
  const last = rows[rows.length - 1];
  return (
    <IslandFrame work="train"
      island={island}
      runtimeState={runtimeState}
      ready={current !== undefined}
      onReset={training.resetRun}
      actions={<TrainingControls island={island} training={training} enabled={runtimeState.status === 'ready'} note={`N = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`} />}
    >
      <dl class="ld-readout" aria-live="off">
        <div><dt>iteration</dt><dd data-testid={island.testId('iteration')}>{current ? current.iteration : '…'}</dd></div>
        <div><dt>μ (MLE: sample mean)</dt><dd data-testid={island.testId('mean')}>{current ? `${formatValue(current.mean)} (${formatValue(mle.mean)})` : '…'}</dd></div>
        <div><dt>σ (MLE: biased sd)</dt><dd data-testid={island.testId('sd')}>{current ? `${formatValue(current.stdDev)} (${formatValue(mle.stdDev)})` : '…'}</dd></div>
        <div><dt>KL(p‖q<sub>θ</sub>) (at the MLE)</dt><dd data-testid={island.testId('kl')}>{last ? `${formatValue(last.kl)} (${formatValue(klAtMle)})` : '…'}</dd></div>
      </dl>
      {rows.length <= 1 ? <p class="ld-plot-empty">Press Start: gradient descent begins at μ = −3, σ = 0.5 and the curves appear here.</p> : null}
      <PlotFigure
        options={options}
        description={last
          ? `Two curves over ${last.iteration} iterations of gradient descent: KL(p‖q_θ) is now ${formatValue(last.kl)} nats and NLL(θ) − H(p) is ${formatValue(last.nllMinusEntropy)}; the KL at the closed-form MLE is ${formatValue(klAtMle)}.`
          : 'Press Start to run gradient descent; the plot shows KL and NLL per iteration.'}
        caption="Both curves fall together: they differ by a constant H(p) plus Monte-Carlo error. Dashed: KL at the closed-form MLE (log scale)."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
