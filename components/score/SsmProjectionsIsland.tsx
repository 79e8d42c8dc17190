import { useMemo } from 'preact/hooks';
import { GAUSSIAN_SSM_PARAMS } from '../../src/derivations/gaussian-ssm';
import type { ProjectionEstimate, ProjectionSeries } from '../../src/training/ssm-projections';
import { PROJECTION_KINDS, projectionsPlot } from '../../src/charts/ssm-projections';
import { formatNumber } from '../../src/derivations/check';
import type { IslandSpec, ParamValues, SampleSettings } from '../../src/state/params';
import { IslandFrame, IslandSampleControls, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useTensorComputation } from '../shared/use-tensor-computation';
import { useCompute } from '../shared/use-runtime';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const MAX_PROJECTIONS = 64;
const PLOTTED = [1, 2, 4, 8, 16, 32, 64];
/** The reader's check: an estimate equals J_ISM when it is within this many standard errors. */
const WITHIN = 3;
const PARAMS = [
  { name: 'm', label: 'projections per data point', tex: 'M', min: 1, max: MAX_PROJECTIONS, step: 1, default: 8 },
  ...GAUSSIAN_SSM_PARAMS,
];
const SAMPLE = { defaultN: 1000, minN: 100, maxN: 5000, defaultSeed: 3 };

interface Input {
  readonly params: ParamValues;
  readonly sample: SampleSettings;
}

const zScore = (e: { readonly value: number; readonly stdErr: number }, exact: number) => (e.value - exact) / e.stdErr;

const SPEC = { id: 'ssm-projections', aliases: ['ssm-m'], params: PARAMS, sample: SAMPLE } as const satisfies IslandSpec;

/** Sliced score matching with M directions per point converging to the implicit objective. */
export default function SsmProjectionsIsland() {
  const runtimeState = useCompute();
  const island = useIsland(SPEC);
  const sample = island.sample;
  const { m, rho, k11, k22, r } = island.params;
  // M only picks which estimates to read out: the series covers M = 1..64 at once.
  const input = useMemo(() => ({ params: { rho, k11, k22, r }, sample }), [rho, k11, k22, r, sample.n, sample.seed]);
  const live = useTensorComputation(island, runtimeState, input, async (runtime, { params, sample: s }: Input) => runtime.call<ProjectionSeries>('projectionSeries', params, s, MAX_PROJECTIONS));
  const series = live.result;
  const chosen = series ? [series.estimates.rademacher[m - 1], series.estimates.gaussian[m - 1]] : undefined;
  const rows = useMemo(() => (series
    ? PROJECTION_KINDS.flatMap((kind) => {
      const estimates = series.estimates[kind === 'Rademacher' ? 'rademacher' : 'gaussian'];
      return [...new Set([...PLOTTED, m])].map((count) => ({ ...estimates[count - 1], kind }));
    })
    : undefined), [series, m]);
  const options = useMemo(() => (series && rows ? projectionsPlot(rows, series.exact, series.sampleIsm.value, m) : undefined), [series, rows, m]);
  const inside = series && rows ? rows.filter((row) => Math.abs(zScore(row, series.exact)) <= WITHIN).length : 0;
  const show = (e: ProjectionEstimate | undefined) => (e ? `${formatValue(e.value)} ± ${formatNumber(e.stdErr)}` : '…');
  const verdict = (e: ProjectionEstimate | undefined) => {
    if (!e || !series) return '…';
    const z = zScore(e, series.exact);
    return `${Math.abs(z) <= WITHIN ? 'yes' : 'no'} (${Math.abs(z).toFixed(1)} s.e. off)`;
  };
  return (
    <IslandFrame
      island={island}
      runtimeState={runtimeState}
      ready={series !== undefined}
      messages={[...live.messages]}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>exact J_ISM</dt><dd data-testid={island.testId('exact')} data-value={series?.exact}>{series ? formatValue(series.exact) : '…'}</dd></div>
        <div><dt>sample ISM (M → ∞)</dt><dd data-testid={island.testId('sample-ism')}>{series ? `${formatValue(series.sampleIsm.value)} ± ${formatNumber(series.sampleIsm.stdErr)}` : '…'}</dd></div>
        <div><dt>SSM, M = {m}, Rademacher</dt><dd data-testid={island.testId('rademacher')} data-value={chosen?.[0].value} data-stderr={chosen?.[0].stdErr}>{show(chosen?.[0])}</dd></div>
        <div><dt>SSM, M = {m}, Gaussian</dt><dd data-testid={island.testId('gaussian')} data-value={chosen?.[1].value} data-stderr={chosen?.[1].stdErr}>{show(chosen?.[1])}</dd></div>
        <div><dt>within {WITHIN} s.e. of exact (R, G)</dt><dd data-testid={island.testId('verdict')}>{chosen ? `${verdict(chosen[0])}; ${verdict(chosen[1])}` : '…'}</dd></div>
        <div><dt>noise added by slicing (R, G)</dt><dd data-testid={island.testId('slicing')}>{chosen ? `± ${formatNumber(chosen[0].gapStdErr)}, ± ${formatNumber(chosen[1].gapStdErr)}` : '…'}</dd></div>
        <div><dt>plotted estimates within {WITHIN} s.e.</dt><dd data-testid={island.testId('inside')}>{rows ? `${inside} of ${rows.length}` : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={series && chosen
          ? `Sliced score-matching estimates against the number of projections per point M from 1 to 64 on a log axis, for Rademacher and Gaussian directions, with two-standard-error bars. The exact objective is ${formatValue(series.exact)}; the sample ISM on the same ${sample.n} points is ${formatValue(series.sampleIsm.value)}. At M = ${m} the Rademacher estimate is ${show(chosen[0])} and the Gaussian one ${show(chosen[1])}; ${inside} of ${rows?.length ?? 0} plotted estimates lie within ${WITHIN} standard errors of the exact value.`
          : 'Sliced estimates against the number of projections, computing.'}
        caption="Dots: the sliced estimate over N points with M directions each, ±2 standard errors (data and directions together); ringed: your M. Solid line: J_ISM in closed form. Dashed: the sample ISM on the same points, trace by autodiff, which the sliced estimate tends to as M grows."
      />
      <ParamSliders island={island} />
      <IslandSampleControls island={island} />
    </IslandFrame>
  );
}
