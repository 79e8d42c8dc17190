import { useMemo, useState } from 'preact/hooks';
import type { IsmDescentState } from '../../src/training/polynomial-ism';
import { ismObjective, standardise, thetaFromStandardised, thetaToStandardised } from '../../src/math/polynomial-energy';
import { samplePolynomialDensity } from '../../src/math/polynomial-normaliser';
import { densityRows, densitySummary, fitQuartic } from '../../src/math/quartic-fits';
import { densityHistogram, gridPoints } from '../../src/math/grid';
import { energyFitPlot } from '../../src/charts/energy-fit';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PasteData, usePastedData } from '../shared/PasteData';
import { PlotFigure } from '../shared/PlotFigure';
import { SampleControls } from '../shared/SampleControls';
import { useCompute } from '../shared/use-runtime';
import { TrainingControls } from '../shared/TrainingControls';
import { useTraining } from '../shared/use-training';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';
import { formatCompact, quarticNotices, ThetaTable } from './ThetaTable';
import { largestGradient, useIsmAutodiffCheck } from './use-ism-check';

/** The data-generating density: ln p~(x) = 0.3x + 2x^2 - 0.2x^3 - 0.5x^4, two modes near ±1.4. */
export const TARGET_THETA = [0.3, 2, -0.2, -0.5];
const PARAMS = [
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.005, max: 0.2, step: 0.005, default: 0.05 },
];
const SAMPLE = { defaultN: 400, minN: 20, maxN: 5000, defaultSeed: 1 };
/** Gradient descent starts at the standard normal in standardised coordinates. */
const START_Z = [0, -0.5, 0, 0];
const STEPS_PER_FRAME = 10;
const MAX_ITERATIONS = 3000;
const CURVES = ['target p', 'ISM fit', 'MLE fit'];
const COLORS = ['#8a8a8a', '#d03a1f', '#4269d0'];

const SPEC = { id: 'energy-fit', aliases: ['energy'], params: PARAMS, sample: SAMPLE } as const satisfies IslandSpec;

/** The quartic energy model fitted by score matching (linear system, autodiff check, Adam) and by maximum likelihood. */
export default function EnergyFitIsland() {
  const runtimeState = useCompute();
  const island = useIsland(SPEC);
  const sample = island.sample;
  const { rate } = island.params;
  const paste = usePastedData();
  const pasted = paste.values;
  const [descent, setDescent] = useState<IsmDescentState | undefined>();

  const seeded = useMemo(() => samplePolynomialDensity(TARGET_THETA, sample.seed, sample.n), [sample.seed, sample.n]);
  const data: ArrayLike<number> = pasted ?? seeded;
  const standard = useMemo(() => standardise(data), [data]);
  const z = useMemo(() => Float32Array.from(standard.z), [standard]);
  const fits = useMemo(() => fitQuartic(data), [data]);
  const ismZ = useMemo(() => (fits.ismTheta ? thetaToStandardised(fits.ismTheta, standard) : undefined), [fits, standard]);

  // The closed-form solution, checked by autodiff: J^ there and grad_theta J^ (zero at a minimiser).
  const check = useIsmAutodiffCheck(runtimeState, z, ismZ, island.visible);

  const training = useTraining<IsmDescentState>(island, {
    create: () => (runtimeState.status === 'ready' && ismZ ? runtimeState.runtime.trainer<IsmDescentState>('polynomial-ism', z, START_Z, rate) : undefined),
    deps: [runtimeState, z, rate],
    initialSteps: 0,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s) => {
      setDescent(s);
      return s.iteration < MAX_ITERATIONS;
    },
  });

  const lower = Math.min(...Array.from(data));
  const upper = Math.max(...Array.from(data));
  const pad = 0.1 * (upper - lower);
  const options = useMemo(() => {
    const xs = gridPoints(lower - pad, upper + pad, 241);
    const rows = [
      ...(pasted ? [] : densityRows(TARGET_THETA, xs, CURVES[0]!)),
      ...densityRows(fits.ismTheta, xs, CURVES[1]!),
      ...densityRows(fits.mle?.theta, xs, CURVES[2]!),
    ];
    return energyFitPlot(densityHistogram(Array.from(data), lower - pad, upper + pad, 40), rows, CURVES, COLORS);
  }, [data, fits]);

  const usePasted = (values: number[]) => {
    // Values beyond ±10^6 would overflow x^8 in the moments of the MLE; say so instead.
    if (values.some((v) => Math.abs(v) > 1e6)) {
      paste.fail('values beyond ±1,000,000 are not supported here.');
      return;
    }
    training.setRunning(false);
    setDescent(undefined);
    paste.use(values);
  };
  // The mass of the right-hand mode: where score matching is weakest (it only sees slopes).
  const rightMass = useMemo(() => [TARGET_THETA, fits.ismTheta, fits.mle?.theta].map((theta) => densitySummary(theta, 0)?.tail), [fits]);
  const closedObjective = ismZ ? ismObjective(ismZ, standard.z) : undefined;
  const gradientSize = largestGradient(check);
  const currentDescent = descent && descent.iteration > 0 ? descent : undefined;

  return (
    <IslandFrame work="train"
      island={island}
      runtimeState={runtimeState}
      ready={check !== undefined}
      messages={[...(paste.error ? [`Your data were not used: ${paste.error}`] : []), ...quarticNotices(fits)]}
      onReset={() => { setDescent(undefined); paste.clear(); training.resetRun(); }}
      actions={(
        <>
          <TrainingControls island={island} training={training} enabled={runtimeState.status === 'ready' && ismZ !== undefined} startLabel="Start gradient descent" />
          <span>{pasted ? `your ${pasted.length} values` : `N = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`}</span>
        </>
      )}
    >
      <ThetaTable
        caption="Coefficients of ln q̃(x) = θ₁x + θ₂x² + θ₃x³ + θ₄x⁴"
        rows={[
          ...(pasted ? [] : [{ label: 'target', theta: TARGET_THETA, testId: island.testId('target') }]),
          { label: 'ISM, linear system', theta: fits.ismTheta, testId: island.testId('ism') },
          { label: `ISM, Adam (${currentDescent ? currentDescent.iteration : 0} steps)`, theta: currentDescent ? thetaFromStandardised(currentDescent.theta, standard) : undefined, testId: island.testId('descent') },
          { label: 'MLE, Newton', theta: fits.mle?.theta, testId: island.testId('mle') },
        ]}
      />
      <dl class="ld-readout" aria-live="off">
        <div><dt>Ĵ(θ̂) on z, linear algebra (float64)</dt><dd data-testid={island.testId('objective')}>{closedObjective !== undefined ? formatValue(closedObjective) : '—'}</dd></div>
        <div><dt>Ĵ(θ̂) on z, autodiff (float32)</dt><dd data-testid={island.testId('autodiff')}>{check ? formatValue(check.objective) : '…'}</dd></div>
        <div><dt>max |∂Ĵ/∂θₖ| at θ̂, autodiff</dt><dd data-testid={island.testId('gradient')}>{gradientSize !== undefined ? formatValue(gradientSize) : '…'}</dd></div>
        <div><dt>Ĵ on z after Adam</dt><dd data-testid={island.testId('descent-objective')}>{currentDescent ? formatValue(currentDescent.objective) : 'press Start'}</dd></div>
        <div><dt>P(X &gt; 0): target, ISM, MLE</dt><dd data-testid={island.testId('right-mass')}>{rightMass.map((m) => (m === undefined ? '—' : formatCompact(m))).join(', ')}</dd></div>
        <div><dt>mean log-likelihood at the MLE</dt><dd data-testid={island.testId('loglik')}>{fits.mle ? formatValue(fits.mle.logLikelihood) : '—'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={`Histogram of ${data.length} data points from ${formatValue(lower)} to ${formatValue(upper)}, with the densities of the score-matching fit and the maximum-likelihood fit${pasted ? '' : ' and the target density'}, each normalised by numerical integration.`}
        caption="Grey bars: the data. Curves: each fitted exp(θ₁x + … + θ₄x⁴) divided by its normaliser Z(θ), computed by quadrature for display (score matching itself never needs Z)."
      />
      <ParamSliders island={island} />
      <SampleControls spec={SAMPLE} sample={sample} idPrefix={island.id} onChange={(s) => { paste.clear(); island.setSample(s); }} />
      <PasteData idPrefix={island.id} data={{ ...paste, use: usePasted }} />
    </IslandFrame>
  );
}
