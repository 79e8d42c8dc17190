import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DsmTrainState } from '../../src/training/dsm-training';
import { PATH_LABELS } from '../../src/tensor/langevin-kernels';
import type { ParticleProgress } from '../../src/training/particle-langevin';
import { geometricSigmas } from '../../src/training/annealed-langevin';
import { gridPoints } from '../../src/training/score-field';
import type { IslandSpec, ParamValues } from '../../src/state/params';
import { MIN_DRAWN_POINTS, TOY_DATA_KINDS, TOY_MIXTURE, maxPairwiseDistance, modeShares, sampleToyData } from '../../src/math/toy-data-2d';
import type { ToyDataKind } from '../../src/math/toy-data-2d';
import { energyDistance2d } from '../../src/math/energy-distance';
import { createRng } from '../../src/math/random';
import { dsmLossPlot, learnedFieldPlot, particleCloudPlot } from '../../src/charts/dsm';
import type { LossRow } from '../../src/charts/dsm';
import type { Arrow } from '../../src/charts/score-field';
import { IslandFrame } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { Slider } from '../shared/Slider';
import { TrainingControls } from '../shared/TrainingControls';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import type { TrainerHandle } from '../../src/compute/client';
import { useStepper } from '../shared/use-stepper';
import { useTraining } from '../shared/use-training';
import { formatValue } from '../derivation/StepResultView';
import { formatNumber } from '../../src/derivations/check';
import { DrawPad } from './DrawPad';
import { backendSizes } from './dsm-defaults';

const TRAIN_PARAMS = [
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.0005, max: 0.02, step: 0.0005, default: 0.003 },
  { name: 'batch', label: 'batch size', min: 32, max: 1024, step: 32, default: 512 },
  { name: 'level', label: 'arrows at noise level (1 = largest σ)', min: 1, max: 10, step: 1, default: 10 },
];
const SAMPLE_PARAMS = [
  { name: 'particles', label: 'number of particles', min: 500, max: 20_000, step: 500, default: 10_000 },
  { name: 'steps', label: 'steps per noise level', min: 10, max: 200, step: 10, default: 50 },
  { name: 'eps', label: 'step size at the smallest noise ε', min: 0.0001, max: 0.002, step: 0.0001, default: 0.0005 },
];
/** Parameters whose default depends on the backend, unless the URL or the reader sets them. */
const SIZED = ['batch', 'particles'] as const;
const KIND_LABELS: Record<ToyDataKind, string> = { mixture: 'Gaussian mixture', moons: 'two moons', 'swiss-roll': 'swiss roll', drawn: 'draw your own' };
const EXTENT = 4;
/**
 * At most this many drawn points, and all of them kept in the link: 4 URL characters a point
 * (src/state/points-param.ts), so 500 points are 2,000 characters, inside what every browser,
 * server and chat client passes on; 2,000 points (8,000 characters) would not be.
 */
const DRAWN_POINTS = 500;
const SPEC = {
  id: 'score-dsm',
  params: [...TRAIN_PARAMS, ...SAMPLE_PARAMS],
  choices: [{ name: 'data', label: 'training data', options: TOY_DATA_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })), default: 'mixture' }],
  points: { name: 'drawn', extent: EXTENT, maxPoints: DRAWN_POINTS },
} as const satisfies IslandSpec;
const LEVELS = 10;
const SIGMA_MIN = 0.05;
const HIDDEN = 128;
const TRAIN_N = 2000;
const QUALITY_N = 500;
const DRAWN_MAX = 2000;
const MAX_ITERATIONS = 20_000;
const ARROW_POINTS = gridPoints({ extent: EXTENT, count: 15 });
type Mode = 'annealed' | 'plain';
const short = (value: number) => formatNumber(value, { digits: 3 });
const percent = (share: number) => formatNumber(share, { decimals: 2 });

/** A noise-conditional score network trained by DSM in the browser, then sampled by Langevin dynamics. */
export default function ScoreDsmIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const kind = island.choices.data as ToyDataKind;
  const drawn = island.points;
  const explicit = useRef(new Set<string>(SIZED.filter((name) => typeof location !== 'undefined' && new URLSearchParams(location.search).has(`${SPEC.id}.${name}`))));
  const [train, setTrain] = useState<DsmTrainState | undefined>();
  const [rows, setRows] = useState<LossRow[]>([]);
  const [field, setField] = useState<Float32Array | undefined>();
  const [run, setRun] = useState<{ mode: Mode; id: number } | undefined>();
  const [progress, setProgress] = useState<ParticleProgress | undefined>();
  const [startQuality, setStartQuality] = useState<number | undefined>();
  const trainer = useRef<TrainerHandle<DsmTrainState> | undefined>();

  const ready = runtimeState.status === 'ready';
  const sizes = ready ? backendSizes({ backend: runtimeState.runtime.backendFor('train'), adapter: runtimeState.runtime.adapter }) : undefined;
  const effective = (name: (typeof SIZED)[number]) => (explicit.current.has(name) || !sizes ? island.params[name] : sizes[name]);
  const params: ParamValues = { ...island.params, batch: effective('batch'), particles: effective('particles') };
  const { rate, batch, level, particles, steps, eps } = params;
  const setParam = (name: string, value: number) => {
    explicit.current.add(name);
    island.setParam(name, value);
  };

  const tooFew = kind === 'drawn' && drawn.length / 2 < MIN_DRAWN_POINTS;
  const data = useMemo(() => (tooFew ? undefined : sampleToyData(kind, 1, TRAIN_N, drawn)), [kind, drawn, tooFew]);
  const heldOut = useMemo(() => (tooFew ? undefined : sampleToyData(kind, 2, QUALITY_N, drawn)), [kind, drawn, tooFew]);
  const floor = useMemo(() => (heldOut ? energyDistance2d(heldOut, sampleToyData(kind, 3, QUALITY_N, drawn)) : undefined), [heldOut]);
  // Song & Ermon (2020), technique 1: the largest sigma about the largest distance between data points.
  const sigmas = useMemo(() => (data ? geometricSigmas(Math.max(1, maxPairwiseDistance(data.subarray(0, 1200))), SIGMA_MIN, LEVELS) : undefined), [data]);

  const training = useTraining<DsmTrainState>(island, {
    create: () => {
      if (!ready || !data || !sigmas) {
        trainer.current = undefined;
        return undefined;
      }
      const made = runtimeState.runtime.trainer<DsmTrainState>('dsm', data, { sigmas, batch, learningRate: rate, hidden: HIDDEN, seed: 1, fieldPoints: ARROW_POINTS }, level - 1);
      trainer.current = made;
      return made;
    },
    deps: [runtimeState, data, sigmas, rate, batch],
    initialSteps: 0,
    stepsPerFrame: sizes?.trainStepsPerFrame ?? 5,
    onState: (s, initial) => {
      setTrain(s);
      setField(s.field);
      setRows((old) => (initial ? [] : [...old, { iteration: s.iteration, loss: s.loss }].slice(-500)));
      return s.iteration < MAX_ITERATIONS;
    },
  });

  // A new arrow level while paused: one forward pass and one readback.
  useEffect(() => {
    const current = trainer.current;
    if (!current) return;
    current.set('fieldLevel', level - 1);
    if (!training.running) current.invoke<Float32Array | undefined>('field', level - 1).then((values) => values && trainer.current === current && setField(values), () => undefined);
  }, [level, train === undefined]);

  // Without data (too few points drawn) nothing trained is shown.
  useEffect(() => {
    if (data) return;
    setTrain(undefined);
    setRows([]);
    setField(undefined);
  }, [data]);

  // New data, training settings or sampler settings end the current sampling run.
  useEffect(() => {
    setRun(undefined);
    setProgress(undefined);
  }, [data, rate, batch, training.run, particles, steps, eps]);

  useStepper<ParticleProgress>({
    create: () => {
      const source = trainer.current;
      if (!run || !ready || !sigmas || !source) return undefined;
      const rng = createRng(run.id);
      const initial = Float32Array.from({ length: 2 * particles }, () => EXTENT * (2 * rng() - 1));
      const schedule = run.mode === 'annealed'
        ? { sigmas, stepsPerLevel: steps, stepSize: eps }
        : { sigmas: [sigmas[LEVELS - 1]], stepsPerLevel: steps * LEVELS, stepSize: eps };
      // Starts from a snapshot of the trainer's current weights, taken in the worker.
      return runtimeState.runtime.trainer<ParticleProgress>('dsm-sampler', source.id, schedule, initial, { drawn: DRAWN_MAX, seed: 1000 + run.id });
    },
    deps: [run],
    initialSteps: 0,
    active: run !== undefined && island.visible && !(progress?.done ?? false),
    stepsPerFrame: sizes?.sampleStepsPerFrame ?? 10,
    onState: (p, initial) => {
      setProgress(p);
      if (initial && heldOut) setStartQuality(energyDistance2d(p.particles.subarray(0, 2 * QUALITY_N), heldOut));
      return !p.done;
    },
  });

  const arrows = useMemo<Arrow[]>(() => Array.from({ length: ARROW_POINTS.length / 2 }, (_, i) => ({
    x: ARROW_POINTS[2 * i], y: ARROW_POINTS[2 * i + 1], s1: field?.[2 * i] ?? 0, s2: field?.[2 * i + 1] ?? 0,
  })), [field]);
  const fieldOptions = useMemo(() => (data ? learnedFieldPlot(data.subarray(0, 1600), arrows, EXTENT) : undefined), [data, arrows]);
  const lossOptions = useMemo(() => (rows.length > 1 ? dsmLossPlot(rows) : undefined), [rows]);
  const particleOptions = useMemo(() => (progress && heldOut ? particleCloudPlot(progress.particles, heldOut, EXTENT) : undefined), [progress, heldOut]);
  const quality = useMemo(() => (progress && heldOut ? energyDistance2d(progress.particles.subarray(0, 2 * QUALITY_N), heldOut) : undefined), [progress, heldOut]);
  const shares = progress && kind === 'mixture' ? modeShares(progress.particles, TOY_MIXTURE.means) : undefined;
  const sigmaShown = sigmas?.[level - 1];
  const lastLoss = rows.length > 0 ? rows[rows.length - 1].loss : undefined;
  const drawnNote = tooFew ? [`Draw at least ${MIN_DRAWN_POINTS} points to train on your distribution (you have ${drawn.length / 2}).`] : [];

  const chooseKind = (next: string) => {
    training.setRunning(false);
    island.setChoice('data', next);
  };
  const setDrawn = (points: Float32Array) => {
    training.setRunning(false);
    island.setPoints(points);
  };
  const sliders = (specs: typeof TRAIN_PARAMS | typeof SAMPLE_PARAMS) => (
    <div class="ld-controls">
      {specs.map((spec) => <Slider key={spec.name} spec={spec} value={params[spec.name]} idPrefix={island.id} onInput={(v) => setParam(spec.name, v)} />)}
    </div>
  );

  return (
    <IslandFrame
      island={island}
      runtimeState={runtimeState}
      work="train"
      ready={train !== undefined || tooFew}
      messages={drawnNote}
      onReset={() => { explicit.current.clear(); training.resetRun(); }}
    >
      <label class="ld-actions">training data{' '}
        <select value={kind} onChange={(e) => chooseKind((e.currentTarget as HTMLSelectElement).value)} data-testid={island.testId('data')}>
          {TOY_DATA_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </select>
      </label>
      {kind === 'drawn' ? (
        <div class="ld-drawpad-box">
          <DrawPad points={drawn} extent={EXTENT} maxPoints={DRAWN_POINTS} onCommit={setDrawn} testId={island.testId('drawpad')} />
          <p>
            <span data-testid={island.testId('drawn-count')}>{drawn.length / 2}</span> points drawn. Training samples each one plus a little Gaussian jitter.{' '}
            <button type="button" onClick={() => setDrawn(new Float32Array(0))} data-testid={island.testId('clear')}>Clear</button>
          </p>
        </div>
      ) : null}
      <h4 class="ld-island-heading">1. Training by denoising score matching</h4>
      <dl class="ld-readout" aria-live="off">
        <div><dt>training step</dt><dd data-testid={island.testId('iteration')}>{train ? train.iteration : '…'}</dd></div>
        <div><dt>DSM loss (mean since last frame)</dt><dd data-testid={island.testId('loss')} data-value={lastLoss}>{lastLoss === undefined ? '…' : formatValue(lastLoss)}</dd></div>
        <div><dt>arrows at σ</dt><dd data-testid={island.testId('sigma')}>{sigmaShown === undefined ? '…' : `${short(sigmaShown)} (${level} of ${LEVELS})`}</dd></div>
      </dl>
      <div class="ld-actions">
        <TrainingControls island={island} training={training} enabled={ready && data !== undefined} startLabel="Train" />
      </div>
      {rows.length <= 1 ? <p class="ld-plot-empty">Press Train: the loss curve appears here. It starts at 1, the loss of a network that predicts no noise.</p> : null}
      <PlotFigure
        options={lossOptions}
        description={lastLoss === undefined ? 'No training steps yet.' : `DSM loss over ${train?.iteration ?? 0} training steps; the latest value is ${formatValue(lastLoss)}.`}
        caption="The σ²-weighted DSM loss averaged over the ten noise levels, one point per frame. It cannot reach 0: even the exact score leaves the part of the noise that cannot be told from the data."
      />
      <PlotFigure
        options={fieldOptions}
        description={`Training data (${KIND_LABELS[kind]}) as grey dots with the learned score at noise level ${formatValue(sigmaShown ?? 0)} as red arrows on a 15 by 15 grid.`}
        caption="Grey: training data. Red: the learned score s_θ(x, σ) at the chosen noise level, lengths relative to the longest arrow. At large σ it points to the centre of all the data; at small σ, to the nearest piece of it."
      />
      {sliders(TRAIN_PARAMS)}
      <h4 class="ld-island-heading">2. Sampling with the learned score</h4>
      <div class="ld-actions">
        <button type="button" data-testid={island.testId('run-annealed')} disabled={!train || tooFew} onClick={() => setRun({ mode: 'annealed', id: (run?.id ?? 0) + 1 })}>Sample: annealed Langevin</button>{' '}
        <button type="button" data-testid={island.testId('run-plain')} disabled={!train || tooFew} onClick={() => setRun({ mode: 'plain', id: (run?.id ?? 0) + 1 })}>Sample: plain Langevin</button>
      </div>
      {sizes ? (
        <p class="ld-note" data-testid={island.testId('sizes')}>
          {particles.toLocaleString('en-US')} particles move on the device; the page reads back and draws the first {Math.min(particles, DRAWN_MAX).toLocaleString('en-US')}.
          {explicit.current.has('particles') ? '' : ` The default of ${sizes.particles.toLocaleString('en-US')} particles and a batch of ${sizes.batch} suit ${sizes.device}${sizes.particles < 10_000 ? '; WebGPU on a real GPU gets 10,000 particles' : ''}.`}
        </p>
      ) : null}
      <dl class="ld-readout" aria-live="off">
        <div><dt>run</dt><dd data-testid={island.testId('mode')}>{run?.mode ?? 'not started'}</dd></div>
        <div><dt>Langevin steps</dt><dd data-testid={island.testId('steps')}>{progress ? `${progress.stepsDone} of ${progress.totalSteps}` : '…'}</dd></div>
        <div><dt>noise level σ</dt><dd>{progress ? short(progress.sigma) : '…'}</dd></div>
        <div><dt>update path</dt><dd data-testid={island.testId('path')}>{progress ? PATH_LABELS[progress.path] : '…'}</dd></div>
        <div><dt>energy distance to held-out data (start)</dt><dd data-testid={island.testId('quality')} data-value={quality} data-start={startQuality}>{quality === undefined ? '…' : `${formatValue(quality)}${startQuality === undefined ? '' : ` (${formatValue(startQuality)})`}`}</dd></div>
        <div><dt>floor: two data samples of {QUALITY_N}</dt><dd data-testid={island.testId('floor')}>{floor === undefined ? '…' : formatValue(floor)}</dd></div>
        {shares ? (
          <div><dt>share per mode (true {TOY_MIXTURE.weights.map(percent).join(' / ')})</dt><dd data-testid={island.testId('shares')}>{shares.map(percent).join(' / ')}</dd></div>
        ) : null}
      </dl>
      {!progress ? <p class="ld-plot-empty">Train for a while, then press a Sample button: particles start uniform over the square and follow the learned score.</p> : null}
      <PlotFigure
        options={particleOptions}
        description={progress
          ? `${progress.particles.length / 2} drawn particles after ${progress.stepsDone} of ${progress.totalSteps} ${run?.mode ?? ''} Langevin steps at noise level ${formatValue(progress.sigma)}, over held-out data; energy distance ${formatValue(quality ?? NaN)}.`
          : 'No particles yet.'}
        caption="Orange: particles. Grey: held-out data. The energy distance compares 500 particles with 500 held-out data points; the floor is its value for two independent data samples of that size."
      />
      {sliders(SAMPLE_PARAMS)}
    </IslandFrame>
  );
}
