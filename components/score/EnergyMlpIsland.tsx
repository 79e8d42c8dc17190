import { useMemo, useState } from 'preact/hooks';
import type { MlpEnergyState } from '../../src/training/mlp-energy-ism';
import { sampleRing } from '../../src/math/ring';
import { energyHeatmapPlot } from '../../src/charts/energy-heatmap';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { SampleControls } from '../shared/SampleControls';
import { useCompute } from '../shared/use-runtime';
import { TrainingControls } from '../shared/TrainingControls';
import { useTraining } from '../shared/use-training';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const PARAMS = [
  { name: 'noise', label: 'ring width (radial sd)', tex: '\\tau', min: 0.05, max: 0.6, step: 0.05, default: 0.2 },
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.002, max: 0.05, step: 0.002, default: 0.01 },
  { name: 'penalty', label: 'curvature penalty λ (0: plain ISM)', tex: '\\lambda', min: 0, max: 1, step: 0.05, default: 0.1 },
];
const SAMPLE = { defaultN: 200, minN: 50, maxN: 1000, defaultSeed: 1 };
const RADIUS = 2;
const GRID = { lower: -3.5, upper: 3.5, cells: 40 };
const OPTIONS = { hidden: 16, seed: 1, confinement: 0.1, grid: GRID };
const STEPS_PER_FRAME = 2;
const MAX_ITERATIONS = 2000;

const SPEC = { id: 'energy-mlp', params: PARAMS, sample: SAMPLE } as const satisfies IslandSpec;

/** A two-layer MLP energy on ring data, trained by ISM with exact Laplacians (tfjs autodiff), drawn as exp(-E). */
export default function EnergyMlpIsland() {
  const runtimeState = useCompute();
  const island = useIsland(SPEC);
  const sample = island.sample;
  const { noise, rate, penalty } = island.params;
  const [current, setCurrent] = useState<MlpEnergyState | undefined>();
  const data = useMemo(() => sampleRing(sample.seed, sample.n, RADIUS, noise), [sample.seed, sample.n, noise]);

  const training = useTraining<MlpEnergyState>(island, {
    create: () => (runtimeState.status === 'ready' ? runtimeState.runtime.trainer<MlpEnergyState>('mlp-energy', data, { ...OPTIONS, rate, penalty }) : undefined),
    deps: [runtimeState, data, rate, penalty],
    initialSteps: 0,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s) => {
      setCurrent(s);
      return s.iteration < MAX_ITERATIONS;
    },
  });

  const options = useMemo(() => (current ? energyHeatmapPlot({ ...GRID, energies: current.energies }, data) : undefined), [current, data]);
  // The radial Fisher information of the data, 1/tau^2, sets the scale J^ can reach: about -1/(2 tau^2).
  const reference = -1 / (2 * noise * noise);
  return (
    <IslandFrame work="train"
      island={island}
      runtimeState={runtimeState}
      ready={current !== undefined}
      onReset={training.resetRun}
      actions={(
        <>
          <TrainingControls island={island} training={training} enabled={runtimeState.status === 'ready'} />
          <span>N = {sample.n.toLocaleString('en-US')}, seed {sample.seed}</span>
        </>
      )}
    >
      <dl class="ld-readout" aria-live="off">
        <div><dt>Adam step</dt><dd data-testid={island.testId('iteration')}>{current ? current.iteration : '…'}</dd></div>
        <div><dt>Ĵ (sample ISM objective)</dt><dd data-testid={island.testId('objective')}>{current ? formatValue(current.objective) : '…'}</dd></div>
        <div><dt>floor −½ E‖∇log p‖² ≈ −1/(2τ²)</dt><dd data-testid={island.testId('floor')}>{formatValue(reference)}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={current
          ? `Heat map of the learned unnormalised density exp(−E) on the square from −3.5 to 3.5 after ${current.iteration} Adam steps, with ${sample.n} data points on a ring of radius 2 drawn as dots; the sample ISM objective is ${formatValue(current.objective)}.`
          : 'Heat map of the learned unnormalised density, being computed.'}
        caption="Blue: exp(−E(x)) divided by its largest value on the window (Z is unknown, and not needed). Red dots: the data."
      />
      <ParamSliders island={island} />
      <SampleControls spec={SAMPLE} sample={sample} idPrefix={island.id} onChange={island.setSample} />
    </IslandFrame>
  );
}
