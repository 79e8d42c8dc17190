import { useMemo, useRef, useState } from 'preact/hooks';
import type { FitState } from '../../src/training/gaussian-nll-fit';
import { MIXTURE_NLL_PARAMS, targetMixture } from '../../src/derivations/mixture-nll';
import { gaussianLogPdf } from '../../src/math/gaussian';
import { mleGaussian } from '../../src/math/gaussian-fit';
import { mixtureLogPdf, sampleMixture } from '../../src/math/mixture';
import { integrationRange, klByQuadrature, expectationByQuadrature } from '../../src/math/quadrature';
import { fitCurvesPlot } from '../../src/charts/fit-curves';
import type { FitRow } from '../../src/charts/fit-curves';
import type { ParamSpec, SampleSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { useStepper } from '../shared/use-stepper';
import { formatValue } from '../derivation/StepResultView';

const TARGET_PARAMS: readonly ParamSpec[] = [
  ...MIXTURE_NLL_PARAMS.filter((p) => p.name === 'd' || p.name === 'w'),
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.005, max: 0.3, step: 0.005, default: 0.1 },
];
const SAMPLE: SampleSpec = { defaultN: 2000, minN: 50, maxN: 100_000, defaultSeed: 1 };
const INIT = { mean: -3, stdDev: 0.5 };
const STEPS_PER_FRAME = 10;
const MAX_ITERATIONS = 3000;

/** Gradient descent on the NLL with tfjs autodiff, watching KL(p||q_theta) fall to its MLE value. */
export default function MleFitIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('fit', TARGET_PARAMS, SAMPLE);
  const sample = state.sample ?? { n: SAMPLE.defaultN, seed: SAMPLE.defaultSeed };
  const { d, w, rate } = state.params;
  const [running, setRunning] = useState(false);
  const [rows, setRows] = useState<FitRow[]>([]);
  const [current, setCurrent] = useState<FitState | undefined>();
  const [restart, setRestart] = useState(0);

  const target = useMemo(() => targetMixture({ d, w }), [d, w]);
  const samples = useMemo(() => sampleMixture(sample.seed, sample.n, target), [sample.seed, sample.n, target]);
  const range = useMemo(() => integrationRange(target, 12), [target]);
  const entropy = useMemo(() => expectationByQuadrature((x) => mixtureLogPdf(target, x), (x) => -mixtureLogPdf(target, x), range[0], range[1], 4000), [target, range]);
  const mle = useMemo(() => mleGaussian(samples), [samples]);
  const klOf = (mean: number, stdDev: number) =>
    klByQuadrature((x) => mixtureLogPdf(target, x), (x) => gaussianLogPdf(x, mean, stdDev), range[0], range[1], 2000);
  const klAtMle = useMemo(() => klOf(mle.mean, mle.stdDev), [mle, target]);

  // A new target, sample or learning rate starts a new fit from the same initial theta.
  useStepper<FitState>({
    create: () => (runtimeState.status === 'ready' ? runtimeState.runtime.trainer<FitState>('nll-fit', samples, INIT, rate) : undefined),
    deps: [runtimeState, samples, rate, restart],
    initialSteps: 0,
    active: running && visible,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s, initial) => {
      const row = { iteration: s.iteration, kl: klOf(s.mean, s.stdDev), nllMinusEntropy: s.nll - entropy };
      setCurrent(s);
      setRows((old) => (initial ? [row] : [...old, row].slice(-400)));
      if (s.iteration >= MAX_ITERATIONS) setRunning(false);
      return s.iteration < MAX_ITERATIONS;
    },
  });

  const options = useMemo(() => (rows.length > 1 ? fitCurvesPlot(rows, klAtMle) : undefined), [rows, klAtMle]);
  const last = rows[rows.length - 1];
  return (
    <IslandFrame
      name="mle-fit"
      frameRef={ref}
      runtimeState={runtimeState}
      work="train"
      ready={current !== undefined}
      messages={state.messages}
      onReset={() => { setRunning(false); state.reset(); setRestart((r) => r + 1); }}
      actions={(
        <>
          <button type="button" onClick={() => setRunning(!running)} disabled={runtimeState.status !== 'ready'} data-testid="fit-toggle">{running ? 'Pause' : 'Start'}</button>
          <span>N = {sample.n.toLocaleString('en-US')}, seed {sample.seed}</span>
        </>
      )}
    >
      <dl class="ld-readout" aria-live="off">
        <div><dt>iteration</dt><dd data-testid="fit-iteration">{current ? current.iteration : '…'}</dd></div>
        <div><dt>μ (MLE: sample mean)</dt><dd data-testid="fit-mean">{current ? `${formatValue(current.mean)} (${formatValue(mle.mean)})` : '…'}</dd></div>
        <div><dt>σ (MLE: biased sd)</dt><dd data-testid="fit-sd">{current ? `${formatValue(current.stdDev)} (${formatValue(mle.stdDev)})` : '…'}</dd></div>
        <div><dt>KL(p‖q<sub>θ</sub>) (at the MLE)</dt><dd data-testid="fit-kl">{last ? `${formatValue(last.kl)} (${formatValue(klAtMle)})` : '…'}</dd></div>
      </dl>
      {rows.length <= 1 ? <p class="ld-plot-empty">Press Start: gradient descent begins at μ = −3, σ = 0.5 and the curves appear here.</p> : null}
      <PlotFigure
        options={options}
        description={last
          ? `Two curves over ${last.iteration} iterations of gradient descent: KL(p‖q_θ) is now ${formatValue(last.kl)} nats and NLL(θ) − H(p) is ${formatValue(last.nllMinusEntropy)}; the KL at the closed-form MLE is ${formatValue(klAtMle)}.`
          : 'Press Start to run gradient descent; the plot shows KL and NLL per iteration.'}
        caption="Both curves fall together: they differ by a constant H(p) plus Monte-Carlo error. Dashed: KL at the closed-form MLE (log scale)."
      />
      <ParamSliders specs={TARGET_PARAMS} values={state.params} idPrefix="fit" onInput={state.setParam} />
    </IslandFrame>
  );
}
