import { useEffect, useMemo, useState } from 'preact/hooks';
import { alphaBars, linearBetas, mixtureDensityCurve, noisedMixture, noisePoints } from '../../src/math/diffusion';
import { mixtureMoments, sampleMixture, twoComponentMixture } from '../../src/math/mixture';
import { createRng, standardNormals } from '../../src/math/random';
import { sampleToyData } from '../../src/math/toy-data-2d';
import { noisedScatterPlot, particleHistogramPlot } from '../../src/charts/diffusion';
import type { IslandSpec, ParamSpec } from '../../src/state/params';
import { useIsland } from '../shared/use-island';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { useHydrated } from '../shared/use-hydrated';
import { PlotFigure } from '../shared/PlotFigure';
import { formatValue } from '../derivation/StepResultView';

const PREFIX = 'forward-noising';
const T = 200;
const BETAS = linearBetas(T, 1e-3, 0.05);
const ABAR = alphaBars(BETAS);
const N_1D = 4000;
const N_2D = 1500;
const DATA_2D = ['mixture', 'moons', 'swiss-roll'] as const;
type Data2d = (typeof DATA_2D)[number];
const LABELS_2D: Record<Data2d, string> = { mixture: 'Gaussian mixture', moons: 'two moons', 'swiss-roll': 'swiss roll' };
const MODE_SD = 0.5;
const PARAMS: readonly ParamSpec[] = [
  { name: 't', label: 'noise level t', tex: 't', min: 0, max: T, step: 1, default: 20 },
  { name: 'd', label: 'distance between the 1-D modes', tex: 'd', min: 0, max: 6, step: 0.1, default: 4 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.05, max: 0.95, step: 0.05, default: 0.3 },
];

const SPEC = {
  id: PREFIX,
  params: PARAMS,
  choices: [{ name: 'data', label: '2-D data', default: 'moons', options: DATA_2D.map((value) => ({ value, label: LABELS_2D[value] })) }],
} as const satisfies IslandSpec;
const NOISE_1D = standardNormals(createRng(2), N_1D);
const NOISE_2D = standardNormals(createRng(3), 2 * N_2D);

/** The VP forward process on a 1-D mixture (histogram over the exact q_t) and on 2-D toy data, step by step. */
export default function ForwardNoisingIsland() {
  const hydrated = useHydrated();
  const state = useIsland(SPEC);
  const data2dKind = state.choices.data as Data2d;
  const [playing, setPlaying] = useState(false);
  const { t, d, w } = state.params;
  const mixture = useMemo(() => twoComponentMixture(d, w, MODE_SD), [d, w]);
  const clean = useMemo(() => sampleMixture(1, N_1D, mixture), [mixture]);
  const abar = ABAR[t]!;
  const noisy = useMemo(() => noisePoints(clean, abar, NOISE_1D), [clean, abar]);
  const marginal = useMemo(() => noisedMixture(mixture, abar), [mixture, abar]);
  const exact = mixtureMoments(marginal);
  const points2d = useMemo(() => noisePoints(sampleToyData(data2dKind, 1, N_2D), abar, NOISE_2D), [data2dKind, abar]);
  const histogram = useMemo(() => particleHistogramPlot(noisy, [
    { label: 'exact q_t (a mixture)', points: mixtureDensityCurve(marginal, -5, 5, 241) },
    { label: 'N(0, 1)', points: mixtureDensityCurve({ weights: [1], means: [0], stdDevs: [1] }, -5, 5, 241) },
  ], [-5, 5]), [noisy, marginal]);
  const scatter = useMemo(() => noisedScatterPlot(points2d, 4), [points2d]);

  useEffect(() => {
    if (!playing) return undefined;
    if (t >= T) {
      setPlaying(false);
      return undefined;
    }
    const timer = setTimeout(() => state.setParam('t', Math.min(T, t + 2)), 40);
    return () => clearTimeout(timer);
  }, [playing, t]);

  const move = (delta: number) => {
    setPlaying(false);
    state.setParam('t', Math.max(0, Math.min(T, t + delta)));
  };
  return (
    <IslandFrame
      island={state}
      ready={hydrated}
      onReset={() => {
        setPlaying(false);
      }}
      badgeDetail={`${N_1D} + ${N_2D} points, float64`}
      actions={<>
        <button type="button" onClick={() => move(-1)} data-testid="forward-noising-back">one step back</button>
        <button type="button" onClick={() => move(1)} data-testid="forward-noising-step">one step forward</button>
        <button type="button" onClick={() => { if (t >= T) state.setParam('t', 0); setPlaying(!playing); }} data-testid="forward-noising-play">{playing ? 'pause' : 'noise it'}</button>
      </>}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>t of T = {T}</dt><dd data-testid="forward-noising-t">{t}</dd></div>
        <div><dt>signal fraction ᾱ_t</dt><dd data-testid="forward-noising-abar">{formatValue(abar)}</dd></div>
        <div><dt>exact Var q_t</dt><dd data-testid="forward-noising-variance">{formatValue(exact.variance)}</dd></div>
        <div><dt>exact mean of q_t</dt><dd data-testid="forward-noising-mean">{formatValue(exact.mean)}</dd></div>
      </dl>
      <PlotFigure
        options={histogram}
        description={`Histogram of ${N_1D} points of a two-mode mixture after ${t} of ${T} noising steps (signal fraction ${formatValue(abar)}), with the exact marginal q_t, a mixture of variance ${formatValue(exact.variance)}, and the standard normal.`}
        caption="Bars: the data after t steps of x ← √(1−β) x + √β ε. Red: the exact q_t, again a two-component mixture. Grey: N(0, 1), where every variance-preserving process ends."
      />
      <label class="ld-actions">2-D data{' '}
        <select value={data2dKind} onChange={(e) => state.setChoice('data', (e.currentTarget as HTMLSelectElement).value)} data-testid="forward-noising-data">
          {DATA_2D.map((k) => <option key={k} value={k}>{LABELS_2D[k]}</option>)}
        </select>
      </label>
      <PlotFigure
        options={scatter}
        description={`${N_2D} points of the ${LABELS_2D[data2dKind]} data after ${t} noising steps; each coordinate is shrunk by ${formatValue(Math.sqrt(abar))} and given noise of variance ${formatValue(1 - abar)}.`}
        caption="The same steps in two dimensions, each coordinate noised independently: the shape dissolves into a round standard Gaussian."
      />
      <ParamSliders island={state} />
    </IslandFrame>
  );
}
