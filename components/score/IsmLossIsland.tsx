import { useCallback, useMemo, useRef } from 'preact/hooks';
import { DATA_MEAN, DATA_SD, gaussianIsmFitModel, ismFitSample, pastedDataProblem, rescaleLandscape } from '../../src/derivations/gaussian-ism-fit';
import type { IsmLandscape } from '../../src/derivations/gaussian-ism-fit';
import { EXCESS_CLIP, ismLossPlot } from '../../src/charts/ism-loss';
import type { ParamSpec, SampleSettings, SampleSpec } from '../../src/derivations/types';
import { BackendBadge } from '../shared/BackendBadge';
import { Notices } from '../shared/Notices';
import { PasteData, usePastedData } from '../shared/PasteData';
import { PlotFigure } from '../shared/PlotFigure';
import { SampleControls } from '../shared/SampleControls';
import { Slider } from '../shared/Slider';
import { useLiveComputation } from '../shared/use-live-computation';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  { name: 'mu0', label: 'start: model mean', tex: '\\mu_0', min: -2, max: 4, step: 0.05, default: -1.5 },
  { name: 'v0', label: 'start: model variance', tex: '\\sigma_0^2', min: 0.3, max: 5, step: 0.05, default: 4 },
  { name: 'rate', label: 'step size of gradient descent', tex: '\\eta', min: 0.02, max: 1, step: 0.02, default: 0.3 },
];
const SAMPLE: SampleSpec = { ...gaussianIsmFitModel.sample!, maxN: 100_000 };
const MU_RANGE = [-2, 4] as const;
const V_RANGE = [0.2, 5] as const;
const CELLS = 72;
const centres = ([lo, hi]: readonly [number, number]) => Array.from({ length: CELLS }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / CELLS);
const GRID = { mus: centres(MU_RANGE), vs: centres(V_RANGE) };
/** The same grid and start, in units of the seeded sample's generator N(1, 1.2^2): used for pasted data. */
const toUnitMu = (mu: number) => (mu - DATA_MEAN) / DATA_SD;
const toUnitV = (v: number) => v / (DATA_SD * DATA_SD);
const UNIT_GRID = { mus: GRID.mus.map(toUnitMu), vs: GRID.vs.map(toUnitV) };

/** Where pasted data are centred and how they are scaled: their mean and standard deviation (float64). */
function frameOf(values: readonly number[]): { centre: number; scale: number } {
  const centre = values.reduce((sum, x) => sum + x, 0) / values.length;
  return { centre, scale: Math.sqrt(values.reduce((sum, x) => sum + (x - centre) ** 2, 0) / values.length) };
}
const DESCENT_STEPS = 200;

interface Input {
  readonly sample: SampleSettings;
  /** The reader's numbers, when pasted; they replace the seeded sample. */
  readonly pasted?: readonly number[];
  readonly mu0: number;
  readonly v0: number;
  readonly rate: number;
}

/** The sample ISM loss over (mu, sigma^2), its minimiser (xbar, S) and a gradient-descent path (tfjs autodiff). */
export default function IsmLossIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('ism-loss', PARAMS, SAMPLE);
  const sample = state.sample ?? { n: SAMPLE.defaultN, seed: SAMPLE.defaultSeed };
  const { mu0, v0, rate } = state.params;
  const paste = usePastedData();
  const pasted = paste.values;
  const frame = useMemo(() => (pasted ? frameOf(pasted) : undefined), [pasted]);
  const input = useMemo(
    () => (runtimeState.status === 'ready' ? { sample, pasted, mu0, v0, rate } : undefined),
    [runtimeState, sample.n, sample.seed, pasted, mu0, v0, rate],
  );
  const compute = useCallback(async ({ sample: s, pasted: own, mu0: mu, v0: v, rate: eta }: Input): Promise<IsmLandscape> => {
    if (runtimeState.status !== 'ready') throw new Error('compute runtime not ready');
    const landscape = (...args: unknown[]) => runtimeState.runtime.call<IsmLandscape>('ismLandscape', ...args);
    if (!own) return landscape(ismFitSample(s.seed, s.n), GRID, { mu, v }, { rate: eta, steps: DESCENT_STEPS, minVariance: 0.05 });
    // Pasted data: work on the standardised values, where the seeded sample's grid, start and step
    // size fit, then map back (rescaleLandscape).
    const { centre, scale } = frameOf(own);
    const standardised = Float32Array.from(own, (x) => (x - centre) / scale);
    const unit = await landscape(standardised, UNIT_GRID, { mu: toUnitMu(mu), v: toUnitV(v) }, { rate: eta, steps: DESCENT_STEPS, minVariance: toUnitV(0.05) });
    return rescaleLandscape(unit, centre, scale);
  }, [runtimeState]);
  const usePasted = (values: number[]) => {
    const problem = pastedDataProblem(values);
    if (problem) paste.fail(problem);
    else paste.use(values);
  };
  const muRange: readonly [number, number] = frame ? [frame.centre + frame.scale * toUnitMu(MU_RANGE[0]), frame.centre + frame.scale * toUnitMu(MU_RANGE[1])] : MU_RANGE;
  const vRange: readonly [number, number] = frame ? [frame.scale ** 2 * toUnitV(V_RANGE[0]), frame.scale ** 2 * toUnitV(V_RANGE[1])] : V_RANGE;
  const live = useLiveComputation(input, compute, visible);
  const land = live.result;
  const minimum = land ? -1 / (2 * land.variance) : undefined;
  const end = land?.path[land.path.length - 1];
  const options = useMemo(() => {
    if (!land || minimum === undefined) return undefined;
    const surface = { excess: Array.from(land.values, (value) => value - minimum), muRange, vRange, width: CELLS, height: CELLS };
    // Pasted data: the colour scale is clipped where the seeded sample's would be, relative to the spread.
    const clip = frame ? (EXCESS_CLIP * DATA_SD * DATA_SD) / frame.scale ** 2 : EXCESS_CLIP;
    return ismLossPlot(surface, { mu: land.mean, v: land.variance }, land.path, clip);
  }, [land, minimum]);

  return (
    <div ref={ref} class="ld-island" data-island="ism-loss" data-ready={String(land !== undefined)} data-backend={runtimeState.status === 'ready' ? runtimeState.runtime.backend : undefined}>
      <Notices messages={[
        ...state.messages,
        ...(paste.error ? [`Your data were not used: ${paste.error}`] : []),
        ...(live.error ? [`The computation failed: ${live.error}`] : []),
      ]} />
      <dl class="ld-readout" aria-live="polite">
        <div><dt>x̄ (sample mean)</dt><dd data-testid="ism-mean">{land ? formatValue(land.mean) : '…'}</dd></div>
        <div><dt>S (biased variance)</dt><dd data-testid="ism-variance">{land ? formatValue(land.variance) : '…'}</dd></div>
        <div><dt>Ĵ_min = −1/(2S)</dt><dd data-testid="ism-minimum">{minimum !== undefined ? formatValue(minimum) : '…'}</dd></div>
        <div><dt>after {DESCENT_STEPS} steps: μ, σ²</dt><dd data-testid="ism-end">{end ? `${formatValue(end.mu)}, ${formatValue(end.v)}` : '…'}</dd></div>
        <div><dt>Ĵ there</dt><dd data-testid="ism-end-loss">{end ? formatValue(end.loss) : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={land && end
          ? `Heat map of the sample score-matching loss over the model mean μ from ${formatValue(muRange[0])} to ${formatValue(muRange[1])} and variance σ² from ${formatValue(vRange[0])} to ${formatValue(vRange[1])}, lowest at the cross (x̄ = ${formatValue(land.mean)}, S = ${formatValue(land.variance)}); a gradient-descent path starts at (${formatValue(land.path[0].mu)}, ${formatValue(land.path[0].v)}) and ends at (${formatValue(end.mu)}, ${formatValue(end.v)}).`
          : 'Heat map of the sample score-matching loss over μ and σ², being computed.'}
        caption={`Colour: Ĵ(μ, σ²) − Ĵ_min, clipped. ${pasted ? 'Your data: the axes, the start and the descent are scaled to their mean and spread. ' : ''}Cross: the minimiser (x̄, S). Red: gradient descent from the red dot, gradients by automatic differentiation.`}
      />
      <div class="ld-controls">
        {PARAMS.map((spec) => (
          <Slider key={spec.name} spec={spec} value={state.params[spec.name]} idPrefix="ism-loss" onInput={(v) => state.setParam(spec.name, v)} />
        ))}
      </div>
      {state.sample ? <SampleControls spec={SAMPLE} sample={state.sample} idPrefix="ism-loss" onChange={state.setSample} /> : null}
      <PasteData idPrefix="ism-loss" data={{ ...paste, use: usePasted }} />
      <div class="ld-footer">
        <button type="button" onClick={state.reset}>Reset to defaults</button>
        <span data-testid="ism-data">{pasted ? `your ${pasted.length} values` : `N = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`}</span>
        <BackendBadge state={runtimeState} />
      </div>
    </div>
  );
}
