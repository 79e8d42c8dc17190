import { useMemo, useRef, useState } from 'preact/hooks';
import type { MlpEnergyState } from '../../src/training/mlp-energy-ism';
import { sampleRing } from '../../src/math/ring';
import { energyHeatmapPlot } from '../../src/charts/energy-heatmap';
import type { ParamSpec, SampleSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { SampleControls } from '../shared/SampleControls';
import { useCompute } from '../shared/use-runtime';
import { useStepper } from '../shared/use-stepper';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  { name: 'noise', label: 'ring width (radial sd)', tex: '\\tau', min: 0.05, max: 0.6, step: 0.05, default: 0.2 },
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.002, max: 0.05, step: 0.002, default: 0.01 },
  { name: 'penalty', label: 'curvature penalty λ (0: plain ISM)', tex: '\\lambda', min: 0, max: 1, step: 0.05, default: 0.1 },
];
const SAMPLE: SampleSpec = { defaultN: 200, minN: 50, maxN: 1000, defaultSeed: 1 };
const RADIUS = 2;
const GRID = { lower: -3.5, upper: 3.5, cells: 40 };
const OPTIONS = { hidden: 16, seed: 1, confinement: 0.1, grid: GRID };
const STEPS_PER_FRAME = 2;
const MAX_ITERATIONS = 2000;

/** A two-layer MLP energy on ring data, trained by ISM with exact Laplacians (tfjs autodiff), drawn as exp(-E). */
export default function EnergyMlpIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('energy-mlp', PARAMS, SAMPLE);
  const sample = state.sample ?? { n: SAMPLE.defaultN, seed: SAMPLE.defaultSeed };
  const { noise, rate, penalty } = state.params;
  const [running, setRunning] = useState(false);
  const [current, setCurrent] = useState<MlpEnergyState | undefined>();
  const [restart, setRestart] = useState(0);
  const data = useMemo(() => sampleRing(sample.seed, sample.n, RADIUS, noise), [sample.seed, sample.n, noise]);

  useStepper<MlpEnergyState>({
    create: () => (runtimeState.status === 'ready' ? runtimeState.runtime.trainer<MlpEnergyState>('mlp-energy', data, { ...OPTIONS, rate, penalty }) : undefined),
    deps: [runtimeState, data, rate, penalty, restart],
    initialSteps: 0,
    active: running && visible,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s) => {
      setCurrent(s);
      if (s.iteration >= MAX_ITERATIONS) setRunning(false);
      return s.iteration < MAX_ITERATIONS;
    },
  });

  const options = useMemo(() => (current ? energyHeatmapPlot({ ...GRID, energies: current.energies }, data) : undefined), [current, data]);
  // The radial Fisher information of the data, 1/tau^2, sets the scale J^ can reach: about -1/(2 tau^2).
  const reference = -1 / (2 * noise * noise);
  return (
    <IslandFrame
      name="energy-mlp"
      frameRef={ref}
      runtimeState={runtimeState}
      work="train"
      ready={current !== undefined}
      messages={state.messages}
      onReset={() => { setRunning(false); state.reset(); setRestart((r) => r + 1); }}
      actions={(
        <>
          <button type="button" onClick={() => setRunning(!running)} disabled={runtimeState.status !== 'ready'} data-testid="energy-mlp-toggle">{running ? 'Pause' : 'Start'}</button>
          <span>N = {sample.n.toLocaleString('en-US')}, seed {sample.seed}</span>
        </>
      )}
    >
      <dl class="ld-readout" aria-live="off">
        <div><dt>Adam step</dt><dd data-testid="energy-mlp-iteration">{current ? current.iteration : '…'}</dd></div>
        <div><dt>Ĵ (sample ISM objective)</dt><dd data-testid="energy-mlp-objective">{current ? formatValue(current.objective) : '…'}</dd></div>
        <div><dt>floor −½ E‖∇log p‖² ≈ −1/(2τ²)</dt><dd data-testid="energy-mlp-floor">{formatValue(reference)}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={current
          ? `Heat map of the learned unnormalised density exp(−E) on the square from −3.5 to 3.5 after ${current.iteration} Adam steps, with ${sample.n} data points on a ring of radius 2 drawn as dots; the sample ISM objective is ${formatValue(current.objective)}.`
          : 'Heat map of the learned unnormalised density, being computed.'}
        caption="Blue: exp(−E(x)) divided by its largest value on the window (Z is unknown, and not needed). Red dots: the data."
      />
      <ParamSliders specs={PARAMS} values={state.params} idPrefix="energy-mlp" onInput={state.setParam} />
      <SampleControls spec={SAMPLE} sample={sample} idPrefix="energy-mlp" onChange={state.setSample} />
    </IslandFrame>
  );
}
