import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { geometricSigmas, wasserstein1 } from '../../src/training/annealed-langevin';
import type { LangevinProgress } from '../../src/training/annealed-langevin';
import { createRng } from '../../src/math/random';
import { mixtureLogPdf, sampleMixture } from '../../src/math/mixture';
import { summariseParticles } from '../../src/math/particle-summary';
import { PATH_LABELS } from '../../src/tensor/langevin-kernels';
import type { LangevinPath } from '../../src/tensor/langevin-kernels';
import type { TrainerHandle } from '../../src/compute/client';
import { particleHistogramPlot } from '../../src/charts/particles';
import type { ParamSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  { name: 'd', label: 'separation of the two modes', tex: 'd', min: 2, max: 12, step: 0.5, default: 8 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.1, max: 0.9, step: 0.05, default: 0.8 },
  { name: 'particles', label: 'number of particles', min: 1000, max: 50000, step: 1000, default: 5000 },
  { name: 'steps', label: 'steps per noise level', min: 10, max: 200, step: 10, default: 60 },
  { name: 'eps', label: 'step size at the smallest noise', tex: '\\epsilon', min: 0.0005, max: 0.01, step: 0.0005, default: 0.002 },
];
const LEVELS = 10;
const SIGMA_MIN = 0.1;
const STEPS_PER_FRAME = 20;
const BINS = 80;
type Mode = 'annealed' | 'plain';

/** Particles from a uniform start moved by Langevin dynamics with the exact (noised) score. */
export default function LangevinIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('langevin', PARAMS);
  const { d, w, particles: count, steps, eps } = state.params;
  const target = useMemo(() => ({ weights: [w, 1 - w], means: [-d / 2, d / 2], stdDevs: [0.5, 0.5] }), [d, w]);
  const [mode, setMode] = useState<Mode | undefined>();
  const [progress, setProgress] = useState<LangevinProgress | undefined>();
  const sampler = useRef<TrainerHandle<LangevinProgress> | undefined>();
  // The update path the worker's backend offers (fused WGSL on WebGPU); each step reports the one it used.
  const [devicePath, setDevicePath] = useState<LangevinPath | undefined>();
  useEffect(() => {
    if (runtimeState.status === 'ready') runtimeState.runtime.call<LangevinPath>('langevinPath').then(setDevicePath, () => undefined);
  }, [runtimeState]);
  const busy = useRef(false);
  const half = d / 2 + 4;

  const stop = () => {
    const old = sampler.current;
    sampler.current = undefined;
    const release = () => (busy.current ? setTimeout(release, 20) : old?.dispose());
    release();
  };
  const start = (next: Mode) => {
    if (runtimeState.status !== 'ready') return;
    stop();
    const rng = createRng(1);
    const initial = Float32Array.from({ length: count }, () => -half + 2 * half * rng());
    const sigmas = next === 'annealed' ? geometricSigmas(d, SIGMA_MIN, LEVELS) : [SIGMA_MIN];
    const stepsPerLevel = next === 'annealed' ? steps : steps * LEVELS;
    const layout = { lower: -half, upper: half, bins: BINS, threshold: 0, centre: 0 };
    const created = runtimeState.runtime.trainer<LangevinProgress>('langevin', target, { sigmas, stepsPerLevel, stepSize: eps }, initial, 17, { summary: layout });
    sampler.current = created;
    setMode(next);
    setProgress({ level: 0, step: 0, sigma: sigmas[0], done: false, stepsDone: 0, totalSteps: sigmas.length * stepsPerLevel, summary: summariseParticles(initial, layout), path: devicePath ?? 'ops' });
  };
  useEffect(() => stop, []);
  useEffect(() => {
    stop();
    setMode(undefined);
    setProgress(undefined);
  }, [target, count, steps, eps, runtimeState]);

  useEffect(() => {
    if (!mode || !visible || !sampler.current) return undefined;
    let frame = 0;
    const tick = async () => {
      const current = sampler.current;
      if (!current || busy.current) return;
      busy.current = true;
      let next: LangevinProgress;
      try {
        next = await current.invoke<LangevinProgress>('advance', STEPS_PER_FRAME);
      } catch {
        return; // the compute worker died: a new runtime arrives and the reader starts a new run
      } finally {
        busy.current = false;
      }
      if (sampler.current !== current) return;
      setProgress(next);
      if (!next.done) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [mode, visible]);

  const density = useMemo(() => Array.from({ length: 301 }, (_, i) => {
    const x = -half + (2 * half * i) / 300;
    return { x, density: Math.exp(mixtureLogPdf(target, x)) };
  }), [target, half]);
  const reference = useMemo(() => sampleMixture(99, count, target), [count, target]);
  const options = useMemo(() => (progress ? particleHistogramPlot(progress.summary, density) : undefined), [progress, density]);
  const left = progress ? progress.summary.below / progress.summary.n : undefined;
  const distance = useMemo(() => (progress?.done && progress.particles ? wasserstein1(progress.particles, reference) : undefined), [progress, reference]);
  const path = progress?.path ?? devicePath;
  return (
    <IslandFrame
      name="langevin"
      frameRef={ref}
      runtimeState={runtimeState}
      ready={runtimeState.status === 'ready'}
      messages={state.messages}
      onReset={() => { stop(); state.reset(); setMode(undefined); setProgress(undefined); }}
      actions={(
        <>
          <button type="button" data-testid="run-annealed" disabled={runtimeState.status !== 'ready'} onClick={() => start('annealed')}>Run annealed</button>
          <button type="button" data-testid="run-plain" disabled={runtimeState.status !== 'ready'} onClick={() => start('plain')}>Run plain</button>
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
      <ParamSliders specs={PARAMS} values={state.params} idPrefix="langevin" onInput={state.setParam} />
    </IslandFrame>
  );
}
