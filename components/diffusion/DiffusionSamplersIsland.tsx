import { useMemo } from 'preact/hooks';
import { mixtureDensityCurve } from '../../src/math/diffusion';
import { SAMPLER_KINDS, exactSampleDistance, sampleDiffusion, type SamplerKind } from '../../src/math/diffusion-samplers';
import { energyDistance1d } from '../../src/math/energy-distance-1d';
import { sampleMixture, twoComponentMixture } from '../../src/math/mixture';
import { particleHistogramPlot, samplerQualityPlot, type QualityRow } from '../../src/charts/diffusion';
import type { IslandSpec, ParamSpec } from '../../src/state/params';
import { useIsland } from '../shared/use-island';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { useHydrated } from '../shared/use-hydrated';
import { PlotFigure } from '../shared/PlotFigure';
import { formatValue } from '../derivation/StepResultView';

const PREFIX = 'diffusion-samplers';
const MODE_SD = 0.5;
const STEP_GRID = [1, 2, 5, 10, 20, 50, 100, 200];
const LABELS: Record<SamplerKind, string> = { ancestral: 'ancestral (DDPM)', sde: 'reverse SDE (Euler–Maruyama)', ode: 'probability-flow ODE (Euler)' };
const PARAMS: readonly ParamSpec[] = [
  { name: 'steps', label: 'number of steps N (histogram)', tex: 'N', min: 1, max: 500, step: 1, default: 10 },
  { name: 'particles', label: 'particles', min: 200, max: 4000, step: 100, default: 1000 },
  { name: 'd', label: 'distance between the modes', tex: 'd', min: 0, max: 6, step: 0.1, default: 4 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.05, max: 0.95, step: 0.05, default: 0.3 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];

const SPEC = {
  id: PREFIX,
  params: PARAMS,
  choices: [{ name: 'sampler', label: 'sampler', default: 'ancestral', options: SAMPLER_KINDS.map((value) => ({ value, label: LABELS[value] })) }],
} as const satisfies IslandSpec;

/** Ancestral, reverse-SDE and probability-flow sampling of a 1-D mixture with its exact score; energy distance per sampler and N. */
export default function DiffusionSamplersIsland() {
  const hydrated = useHydrated();
  const state = useIsland(SPEC);
  const samplerKind = state.choices.sampler as SamplerKind;
  const { steps, particles, d, w, seed } = state.params;
  const mixture = useMemo(() => twoComponentMixture(d, w, MODE_SD), [d, w]);
  // Held-out draws from the data; the floor is the typical distance between two exact samples of this size.
  const heldOut = useMemo(() => sampleMixture(1000 + seed, particles, mixture), [mixture, particles, seed]);
  const floor = useMemo(() => exactSampleDistance(mixture, particles, seed), [mixture, particles, seed]);
  const shown = useMemo(() => sampleDiffusion(mixture, { kind: samplerKind, steps, particles, seed }), [mixture, samplerKind, steps, particles, seed]);
  const shownDistance = energyDistance1d(shown, heldOut);
  const rows = useMemo<QualityRow[]>(() => SAMPLER_KINDS.flatMap((kind) => STEP_GRID.map((n) => ({
    sampler: LABELS[kind],
    steps: n,
    energy: energyDistance1d(sampleDiffusion(mixture, { kind, steps: n, particles, seed }), heldOut),
  }))), [mixture, particles, seed, heldOut]);
  const histogram = useMemo(() => particleHistogramPlot(shown, [{ label: 'data density p', points: mixtureDensityCurve(mixture, -5, 5, 241) }], [-5, 5]), [shown, mixture]);
  const quality = useMemo(() => samplerQualityPlot(rows, floor), [rows, floor]);
  const at = (kind: SamplerKind, n: number) => rows.find((r) => r.sampler === LABELS[kind] && r.steps === n)!.energy;
  return (
    <IslandFrame
      island={state}
      ready={hydrated}
      badgeDetail={`exact mixture score, ${particles} particles per run, ${3 * STEP_GRID.length + 1} runs`}
    >
      <label class="ld-actions">sampler{' '}
        <select value={samplerKind} onChange={(e) => state.setChoice('sampler', (e.currentTarget as HTMLSelectElement).value)} data-testid="diffusion-samplers-kind">
          {SAMPLER_KINDS.map((k) => <option key={k} value={k}>{LABELS[k]}</option>)}
        </select>
      </label>
      <dl class="ld-readout" aria-live="polite">
        <div><dt>energy distance, this run</dt><dd data-testid="diffusion-samplers-distance">{formatValue(shownDistance)}</dd></div>
        <div><dt>noise floor (exact samples, mean of 8 pairs)</dt><dd data-testid="diffusion-samplers-floor">{formatValue(floor)}</dd></div>
        <div><dt>mean of the particles</dt><dd data-testid="diffusion-samplers-mean">{formatValue(shown.reduce((a, b) => a + b, 0) / shown.length)}</dd></div>
      </dl>
      <PlotFigure
        options={histogram}
        description={`Histogram of ${particles} particles from the ${LABELS[samplerKind]} sampler after ${steps} steps, over the data density; energy distance ${formatValue(shownDistance)} to held-out data (floor ${formatValue(floor)}).`}
        caption="Bars: where the sampler's particles end at u = 0, started from N(0, 1). Red: the data density they should follow."
      />
      <PlotFigure
        options={quality}
        description={`Energy distance to held-out data for N = ${STEP_GRID.join(', ')} steps: ancestral ${STEP_GRID.map((n) => formatValue(at('ancestral', n))).join(', ')}; reverse SDE ${STEP_GRID.map((n) => formatValue(at('sde', n))).join(', ')}; probability-flow ODE ${STEP_GRID.map((n) => formatValue(at('ode', n))).join(', ')}. Noise floor ${formatValue(floor)}.`}
        caption="Sample quality against the number of steps, each sampler with the exact score: the only error left is the discretisation (and the finite sample: the dashed line is the typical distance between two exact samples of the same size)."
      />
      <table class="ld-theta-table" data-testid="diffusion-samplers-table">
        <caption>Energy distance to held-out data, per sampler and number of steps N</caption>
        <thead><tr><th scope="col">N</th>{SAMPLER_KINDS.map((k) => <th scope="col" key={k}>{k === 'ancestral' ? 'ancestral' : k === 'sde' ? 'SDE' : 'ODE'}</th>)}</tr></thead>
        <tbody>
          {STEP_GRID.map((n) => (
            <tr key={n}><th scope="row">{n}</th>{SAMPLER_KINDS.map((k) => <td key={k}>{formatValue(at(k, n))}</td>)}</tr>
          ))}
        </tbody>
      </table>
      <ParamSliders island={state} />
    </IslandFrame>
  );
}
