import { useMemo } from 'preact/hooks';
import { gaussianTheta } from '../../src/math/polynomial-normaliser';
import { densityRows, densitySummary, fitQuartic } from '../../src/math/quartic-fits';
import { gaussianSamples } from '../../src/math/random';
import { standardise, thetaToStandardised } from '../../src/math/polynomial-energy';
import { densityHistogram, gridPoints } from '../../src/math/grid';
import { energyFitPlot } from '../../src/charts/energy-fit';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useCompute } from '../shared/use-runtime';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';
import { formatCompact, quarticNotices, ThetaTable } from './ThetaTable';
import { largestGradient, useIsmAutodiffCheck } from './use-ism-check';

const PARAMS = [
  { name: 'k', label: 'number of outliers k', tex: 'k', min: 0, max: 20, step: 1, default: 0 },
  { name: 'at', label: 'position of the outliers', tex: 'c', min: 2, max: 20, step: 0.5, default: 6 },
];
/** The clean data: 200 seeded draws from N(0, 1). */
const CLEAN = Array.from(gaussianSamples(1, 200, 0, 1));
const CURVES = ['Gaussian (ISM = MLE)', 'quartic, ISM', 'quartic, MLE'];
const COLORS = ['#8a8a8a', '#d03a1f', '#4269d0'];

const SPEC = { id: 'outliers', params: PARAMS } as const satisfies IslandSpec;

/** How each estimate moves as k outliers at x = c join a seeded Gaussian sample (fits in float64 JavaScript, checked by tfjs autodiff). */
export default function OutliersIsland() {
  const runtimeState = useCompute();
  const island = useIsland(SPEC);
  const { k, at } = island.params;
  const data = useMemo(() => [...CLEAN, ...new Array<number>(k).fill(at)], [k, at]);
  const standard = useMemo(() => standardise(data), [data]);
  const gaussian = gaussianTheta(standard.mean, standard.scale ** 2, 4);
  const fits = useMemo(() => fitQuartic(data), [data]);
  const z = useMemo(() => Float32Array.from(standard.z), [standard]);
  const ismZ = useMemo(() => (fits.ismTheta ? thetaToStandardised(fits.ismTheta, standard) : undefined), [fits, standard]);
  // Autodiff confirms that the linear-system answer is the minimiser, even when it is no density.
  const gradientSize = largestGradient(useIsmAutodiffCheck(runtimeState, z, ismZ, island.visible));
  const threshold = at / 2;
  const summaries = useMemo(() => [gaussian, fits.ismTheta, fits.mle?.theta].map((theta) => densitySummary(theta, threshold)), [fits, threshold]);
  const lower = Math.min(...data) - 0.5;
  const upper = Math.max(...data) + 0.5;
  const options = useMemo(() => {
    const xs = gridPoints(lower, upper, 301);
    const rows = [densityRows(gaussian, xs, CURVES[0]!), densityRows(fits.ismTheta, xs, CURVES[1]!), densityRows(fits.mle?.theta, xs, CURVES[2]!)].flat();
    return energyFitPlot(densityHistogram(data, lower, upper, 60), rows, CURVES, COLORS);
  }, [data, fits]);
  const cell = (i: number, field: 'mean' | 'stdDev' | 'tail') => (summaries[i] ? formatCompact(summaries[i]![field]) : 'no density');

  return (
    <IslandFrame
      island={island}
      runtimeState={runtimeState}
      ready={gradientSize !== undefined}
      messages={[...quarticNotices(fits)]}
    >
      <table class="ld-theta-table">
        <caption>200 draws from N(0, 1) plus {k} outlier{k === 1 ? '' : 's'} at x = c = {at.toFixed(1)}</caption>
        <thead><tr><th scope="col">fit</th><th scope="col">mean</th><th scope="col">sd</th><th scope="col">P(X &gt; c/2)</th></tr></thead>
        <tbody>
          {CURVES.map((label, i) => (
            <tr key={label} data-testid={island.testId(`row-${i}`)}>
              <th scope="row">{label}</th><td>{cell(i, 'mean')}</td><td>{cell(i, 'stdDev')}</td><td>{cell(i, 'tail')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ThetaTable
        caption="The quartic fits' coefficients θ₁ … θ₄"
        rows={[
          { label: 'ISM', theta: fits.ismTheta, testId: island.testId('ism') },
          { label: 'MLE', theta: fits.mle?.theta, testId: island.testId('mle') },
        ]}
      />
      <p class="ld-theta-note">Fits in float64 JavaScript; at the ISM solution, autodiff on your device gives max |∂Ĵ/∂θₖ| = <span data-testid={island.testId('gradient')}>{gradientSize !== undefined ? formatValue(gradientSize) : '…'}</span> (zero up to float32 rounding: it is the minimiser).</p>
      <PlotFigure
        options={options}
        description={`Histogram of 200 Gaussian draws and ${k} outliers at ${formatValue(at)}, with the Gaussian fit (mean ${formatValue(standard.mean)}, variance ${formatValue(standard.scale ** 2)}) and the quartic model fitted by score matching and by maximum likelihood.`}
        caption="Grey bars: the data. The Gaussian's score-matching estimate is its MLE (sample mean, biased variance). The quartic curves are normalised numerically for display."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
