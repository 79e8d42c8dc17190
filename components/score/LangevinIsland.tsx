import { useEffect, useMemo, useState } from 'preact/hooks';
import { geometricSigmas, wasserstein1 } from '../../src/training/annealed-langevin';
import type { LangevinProgress } from '../../src/training/annealed-langevin';
import { createRng } from '../../src/math/random';
import { densityCurve } from '../../src/math/grid';
import { mixtureLogPdf, sampleMixture } from '../../src/math/mixture';
import { PATH_LABELS } from '../../src/tensor/langevin-kernels';
import type { LangevinPath } from '../../src/tensor/langevin-kernels';
import { particleHistogramPlot } from '../../src/charts/particles';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useStepper } from '../shared/use-stepper';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'langevin',
  params: [
  { name: 'd', label: 'separation of the two modes', tex: 'd', min: 2, max: 12, step: 0.5, default: 8 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.1, max: 0.9, step: 0.05, default: 0.8 },
  { name: 'particles', label: 'number of particles', min: 1000, max: 50000, step: 1000, default: 5000 },
  { name: 'steps', label: 'steps per noise level', min: 10, max: 200, step: 10, default: 60 },
  { name: 'eps', label: 'step size at the smallest noise', tex: '\\epsilon', min: 0.0005, max: 0.01, step: 0.0005, default: 0.002 },
  ],
} as const satisfies IslandSpec;
const LEVELS = 10;
const SIGMA_MIN = 0.1;
const STEPS_PER_FRAME = 20;
const BINS = 80;
type Mode = 'annealed' | 'plain';

/** Particles from a uniform start moved by Langevin dynamics with the exact (noised) score. */
export default function LangevinIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  // The update path the compute backend offers (fused WGSL on WebGPU); each step reports the one it used.
  const [devicePath, setDevicePath] = useState<LangevinPath | undefined>();
  useEffect(() => {
    if (runtimeState.status === 'ready') runtimeState.runtime.call<LangevinPath>('langevinPath').then(setDevicePath, () => undefined);
  }, [runtimeState]);
  const { d, w, particles: count, steps, eps } = island.params;
  const target = useMemo(() => ({ weights: [w, 1 - w], means: [-d / 2, d / 2], stdDevs: [0.5, 0.5] }), [d, w]);
  const half = d / 2 + 4;
  // A run belongs to the settings it started with: moving a slider ends it (nothing runs until the next Run).
  const settings = `${d}:${w}:${count}:${steps}:${eps}`;
  const [started, setStarted] = useState<{ mode: Mode; id: number; settings: string } | undefined>();
  const run = started?.settings === settings ? started : undefined;
  // ...and does not come back when the slider returns to where the run started.
  useEffect(() => setStarted((old) => (old && old.settings !== settings ? undefined : old)), [settings]);
  const mode = run?.mode;
  const [result, setResult] = useState<{ id: number; progress: LangevinProgress }>();
  const progress = run && result?.id === run.id ? result.progress : undefined;

  // The shared loop (useStepper): one sampler per run, STEPS_PER_FRAME steps and one readback per
  // frame, paused off screen and in a hidden tab, freed once a step in flight has landed.
  useStepper<LangevinProgress>({
    create: () => {
      if (!run || runtimeState.status !== 'ready') return undefined;
      const rng = createRng(1);
      const initial = Float32Array.from({ length: count }, () => -half + 2 * half * rng());
      const sigmas = run.mode === 'annealed' ? geometricSigmas(d, SIGMA_MIN, LEVELS) : [SIGMA_MIN];
      const stepsPerLevel = run.mode === 'annealed' ? steps : steps * LEVELS;
      const layout = { lower: -half, upper: half, bins: BINS, threshold: 0, centre: 0 };
      const sampler = runtimeState.runtime.trainer<LangevinProgress>('langevin', target, { sigmas, stepsPerLevel, stepSize: eps }, initial, 17, { summary: layout });
      return { step: (n) => sampler.invoke<LangevinProgress>('advance', n), dispose: () => sampler.dispose() };
    },
    deps: [run?.id, runtimeState],
    initialSteps: 0,
    active: run !== undefined && island.visible,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (next) => {
      if (run) setResult({ id: run.id, progress: next });
      return !next.done;
    },
  });
  const start = (next: Mode) => setStarted((old) => ({ mode: next, id: (old?.id ?? 0) + 1, settings }));

  const density = useMemo(() => densityCurve((x) => mixtureLogPdf(target, x), -half, half, 301), [target, half]);
  const reference = useMemo(() => sampleMixture(99, count, target), [count, target]);
  const options = useMemo(() => (progress ? particleHistogramPlot(progress.summary, density) : undefined), [progress, density]);
  const left = progress ? progress.summary.below / progress.summary.n : undefined;
  const distance = useMemo(() => (progress?.done && progress.particles ? wasserstein1(progress.particles, reference) : undefined), [progress, reference]);
  const path = progress?.path ?? devicePath;
  return (
    <IslandFrame
      work="sample"
      island={island}
      runtimeState={runtimeState}
      ready={runtimeState.status === 'ready'}
      onReset={() => setStarted(undefined)}
      actions={(
        <>
          <button type="button" data-testid={island.testId('run-annealed')} disabled={runtimeState.status !== 'ready'} onClick={() => start('annealed')}>Run annealed</button>
          <button type="button" data-testid={island.testId('run-plain')} disabled={runtimeState.status !== 'ready'} onClick={() => start('plain')}>Run plain</button>
        </>
      )}
    >
      <dl class="ld-readout" aria-live="off">
        <div><dt>run</dt><dd data-testid="langevin-mode">{mode ?? 'not started'}</dd></div>
        <div><dt>steps</dt><dd data-testid="langevin-steps">{progress ? `${progress.stepsDone} of ${progress.totalSteps}` : '…'}</dd></div>
        <div><dt>noise level σ</dt><dd>{progress ? `${formatValue(progress.sigma)} (${progress.level + 1} of ${mode === 'annealed' ? LEVELS : 1})` : '…'}</dd></div>
        <div><dt>share in the left mode (true {formatValue(w)})</dt><dd data-testid="langevin-left">{left === undefined ? '…' : formatValue(left)}</dd></div>
        <div><dt>update path</dt><dd data-testid="langevin-path">{path ? PATH_LABELS[path] : '…'}</dd></div>
        <div><dt>W₁ to exact samples</dt><dd data-testid="langevin-w1">{distance === undefined ? (progress ? 'running…' : '…') : formatValue(distance)}</dd></div>
      </dl>
      {!progress ? <p class="ld-plot-empty">Press Run annealed or Run plain: particles start uniform over the plot and follow the score.</p> : null}
      <PlotFigure
        options={options}
        description={progress
          ? `Histogram of ${count} particles after ${mode} Langevin dynamics, at noise level ${formatValue(progress.sigma)}; ${formatValue(left ?? 0)} of them are in the left mode, whose true weight is ${formatValue(w)}.`
          : 'No particles yet.'}
        caption="Bars: particles (density-normalised). Line: the target mixture. Annealing starts with a large noise level, where both modes are one blob, and shrinks it."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
