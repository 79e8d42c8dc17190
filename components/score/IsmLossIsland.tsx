import { useMemo } from 'preact/hooks';
import { DATA_MEAN, DATA_SD, gaussianIsmFitModel, ismFitSample, pastedDataProblem, rescaleLandscape } from '../../src/derivations/gaussian-ism-fit';
import type { IsmLandscape } from '../../src/derivations/gaussian-ism-fit';
import { EXCESS_CLIP, ismLossPlot } from '../../src/charts/ism-loss';
import { mleGaussian } from '../../src/math/gaussian-fit';
import { cellCentres } from '../../src/math/grid';
import type { IslandSpec, SampleSettings } from '../../src/state/params';
import { IslandFrame, IslandSampleControls, ParamSliders } from '../shared/IslandFrame';
import { PasteData, usePastedData } from '../shared/PasteData';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTensorComputation } from '../shared/use-tensor-computation';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'ism-loss',
  params: [
  { name: 'mu0', label: 'start: model mean', tex: '\\mu_0', min: -2, max: 4, step: 0.05, default: -1.5 },
  { name: 'v0', label: 'start: model variance', tex: '\\sigma_0^2', min: 0.3, max: 5, step: 0.05, default: 4 },
  { name: 'rate', label: 'step size of gradient descent', tex: '\\eta', min: 0.02, max: 1, step: 0.02, default: 0.3 },
  ],
  sample: { ...gaussianIsmFitModel.sample!, maxN: 100_000 },
} as const satisfies IslandSpec;
const MU_RANGE = [-2, 4] as const;
const V_RANGE = [0.2, 5] as const;
const CELLS = 72;
const GRID = { mus: cellCentres(...MU_RANGE, CELLS), vs: cellCentres(...V_RANGE, CELLS) };
/** The same grid and start, in units of the seeded sample's generator N(1, 1.2^2): used for pasted data. */
const toUnitMu = (mu: number) => (mu - DATA_MEAN) / DATA_SD;
const toUnitV = (v: number) => v / (DATA_SD * DATA_SD);
const UNIT_GRID = { mus: GRID.mus.map(toUnitMu), vs: GRID.vs.map(toUnitV) };

/** Where pasted data are centred and how they are scaled: their mean and (biased) standard deviation, float64. */
function frameOf(values: readonly number[]): { centre: number; scale: number } {
  const { mean, stdDev } = mleGaussian(values);
  return { centre: mean, scale: stdDev };
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
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { sample } = island;
  const { mu0, v0, rate } = island.params;
  const paste = usePastedData();
  const pasted = paste.values;
  const frame = useMemo(() => (pasted ? frameOf(pasted) : undefined), [pasted]);
  const input = useMemo((): Input => ({ sample, pasted, mu0, v0, rate }), [sample.n, sample.seed, pasted, mu0, v0, rate]);
  const live = useTensorComputation(island, runtimeState, input, async (runtime, { sample: s, pasted: own, mu0: mu, v0: v, rate: eta }) => {
    const landscape = (...args: unknown[]) => runtime.call<IsmLandscape>('ismLandscape', ...args);
    if (!own) return landscape(ismFitSample(s.seed, s.n), GRID, { mu, v }, { rate: eta, steps: DESCENT_STEPS, minVariance: 0.05 });
    // Pasted data: work on the standardised values, where the seeded sample's grid, start and step
    // size fit, then map back (rescaleLandscape).
    const { centre, scale } = frameOf(own);
    const standardised = Float32Array.from(own, (x) => (x - centre) / scale);
    const unit = await landscape(standardised, UNIT_GRID, { mu: toUnitMu(mu), v: toUnitV(v) }, { rate: eta, steps: DESCENT_STEPS, minVariance: toUnitV(0.05) });
    return rescaleLandscape(unit, centre, scale);
  });
  const usePasted = (values: number[]) => {
    const problem = pastedDataProblem(values);
    if (problem) paste.fail(problem);
    else paste.use(values);
  };
  const muRange: readonly [number, number] = frame ? [frame.centre + frame.scale * toUnitMu(MU_RANGE[0]), frame.centre + frame.scale * toUnitMu(MU_RANGE[1])] : MU_RANGE;
  const vRange: readonly [number, number] = frame ? [frame.scale ** 2 * toUnitV(V_RANGE[0]), frame.scale ** 2 * toUnitV(V_RANGE[1])] : V_RANGE;
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
    <IslandFrame
      island={island}
      runtimeState={runtimeState}
      ready={land !== undefined}
      messages={[...(paste.error ? [`Your data were not used: ${paste.error}`] : []), ...live.messages]}
      onReset={paste.clear}
      actions={<span data-testid={island.testId('data')}>{pasted ? `your ${pasted.length} values` : `N = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`}</span>}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>x̄ (sample mean)</dt><dd data-testid={island.testId('mean')}>{land ? formatValue(land.mean) : '…'}</dd></div>
        <div><dt>S (biased variance)</dt><dd data-testid={island.testId('variance')}>{land ? formatValue(land.variance) : '…'}</dd></div>
        <div><dt>Ĵ_min = −1/(2S)</dt><dd data-testid={island.testId('minimum')}>{minimum !== undefined ? formatValue(minimum) : '…'}</dd></div>
        <div><dt>after {DESCENT_STEPS} steps: μ, σ²</dt><dd data-testid={island.testId('end')}>{end ? `${formatValue(end.mu)}, ${formatValue(end.v)}` : '…'}</dd></div>
        <div><dt>Ĵ there</dt><dd data-testid={island.testId('end-loss')}>{end ? formatValue(end.loss) : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={land && end
          ? `Heat map of the sample score-matching loss over the model mean μ from ${formatValue(muRange[0])} to ${formatValue(muRange[1])} and variance σ² from ${formatValue(vRange[0])} to ${formatValue(vRange[1])}, lowest at the cross (x̄ = ${formatValue(land.mean)}, S = ${formatValue(land.variance)}); a gradient-descent path starts at (${formatValue(land.path[0].mu)}, ${formatValue(land.path[0].v)}) and ends at (${formatValue(end.mu)}, ${formatValue(end.v)}).`
          : 'Heat map of the sample score-matching loss over μ and σ², being computed.'}
        caption={`Colour: Ĵ(μ, σ²) − Ĵ_min, clipped. ${pasted ? 'Your data: the axes, the start and the descent are scaled to their mean and spread. ' : ''}Cross: the minimiser (x̄, S). Red: gradient descent from the red dot, gradients by automatic differentiation.`}
      />
      <ParamSliders island={island} />
      <IslandSampleControls island={island} />
      <PasteData idPrefix={island.id} data={{ ...paste, use: usePasted }} />
    </IslandFrame>
  );
}
