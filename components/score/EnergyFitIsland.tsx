import { useMemo, useRef, useState } from 'preact/hooks';
import type { IsmDescentState } from '../../src/training/polynomial-ism';
import { ismObjective, standardise, thetaFromStandardised, thetaToStandardised } from '../../src/math/polynomial-energy';
import { samplePolynomialDensity } from '../../src/math/polynomial-normaliser';
import { densityRows, densitySummary, fitQuartic } from '../../src/math/quartic-fits';
import { densityHistogram } from '../../src/charts/em-plot';
import { energyFitPlot, gridPoints } from '../../src/charts/energy-fit';
import type { ParamSpec, SampleSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PasteData, usePastedData } from '../shared/PasteData';
import { PlotFigure } from '../shared/PlotFigure';
import { SampleControls } from '../shared/SampleControls';
import { useCompute } from '../shared/use-runtime';
import { useStepper } from '../shared/use-stepper';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';
import { formatCompact, quarticNotices, ThetaTable } from './ThetaTable';
import { largestGradient, useIsmAutodiffCheck } from './use-ism-check';

/** The data-generating density: ln p~(x) = 0.3x + 2x^2 - 0.2x^3 - 0.5x^4, two modes near ±1.4. */
export const TARGET_THETA = [0.3, 2, -0.2, -0.5];
const PARAMS: readonly ParamSpec[] = [
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.005, max: 0.2, step: 0.005, default: 0.05 },
];
const SAMPLE: SampleSpec = { defaultN: 400, minN: 20, maxN: 5000, defaultSeed: 1 };
/** Gradient descent starts at the standard normal in standardised coordinates. */
const START_Z = [0, -0.5, 0, 0];
const STEPS_PER_FRAME = 10;
const MAX_ITERATIONS = 3000;
const CURVES = ['target p', 'ISM fit', 'MLE fit'];
const COLORS = ['#8a8a8a', '#d03a1f', '#4269d0'];

/** The quartic energy model fitted by score matching (linear system, autodiff check, Adam) and by maximum likelihood. */
export default function EnergyFitIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('energy', PARAMS, SAMPLE);
  const sample = state.sample ?? { n: SAMPLE.defaultN, seed: SAMPLE.defaultSeed };
  const { rate } = state.params;
  const paste = usePastedData();
  const pasted = paste.values;
  const [running, setRunning] = useState(false);
  const [descent, setDescent] = useState<IsmDescentState | undefined>();
  const [restart, setRestart] = useState(0);

  const seeded = useMemo(() => samplePolynomialDensity(TARGET_THETA, sample.seed, sample.n), [sample.seed, sample.n]);
  const data: ArrayLike<number> = pasted ?? seeded;
  const standard = useMemo(() => standardise(data), [data]);
  const z = useMemo(() => Float32Array.from(standard.z), [standard]);
  const fits = useMemo(() => fitQuartic(data), [data]);
  const ismZ = useMemo(() => (fits.ismTheta ? thetaToStandardised(fits.ismTheta, standard) : undefined), [fits, standard]);

  // The closed-form solution, checked by autodiff: J^ there and grad_theta J^ (zero at a minimiser).
  const check = useIsmAutodiffCheck(runtimeState, z, ismZ, visible);

  useStepper<IsmDescentState>({
    create: () => (runtimeState.status === 'ready' && ismZ ? runtimeState.runtime.trainer<IsmDescentState>('polynomial-ism', z, START_Z, rate) : undefined),
    deps: [runtimeState, z, rate, restart],
    initialSteps: 0,
    active: running && visible,
    stepsPerFrame: STEPS_PER_FRAME,
    onState: (s) => {
      setDescent(s);
      if (s.iteration >= MAX_ITERATIONS) setRunning(false);
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
    setRunning(false);
    setDescent(undefined);
    paste.use(values);
  };
  // The mass of the right-hand mode: where score matching is weakest (it only sees slopes).
  const rightMass = useMemo(() => [TARGET_THETA, fits.ismTheta, fits.mle?.theta].map((theta) => densitySummary(theta, 0)?.tail), [fits]);
  const closedObjective = ismZ ? ismObjective(ismZ, standard.z) : undefined;
  const gradientSize = largestGradient(check);
  const currentDescent = descent && descent.iteration > 0 ? descent : undefined;

  return (
    <IslandFrame
      name="energy-fit"
      frameRef={ref}
      runtimeState={runtimeState}
      work="train"
      ready={check !== undefined}
      messages={[...state.messages, ...(paste.error ? [`Your data were not used: ${paste.error}`] : []), ...quarticNotices(fits)]}
      onReset={() => { setRunning(false); setDescent(undefined); paste.clear(); state.reset(); setRestart((r) => r + 1); }}
      actions={(
        <>
          <button type="button" onClick={() => setRunning(!running)} disabled={runtimeState.status !== 'ready' || !ismZ} data-testid="energy-toggle">{running ? 'Pause' : 'Start gradient descent'}</button>
          <span>{pasted ? `your ${pasted.length} values` : `N = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`}</span>
        </>
      )}
    >
      <ThetaTable
        caption="Coefficients of ln q̃(x) = θ₁x + θ₂x² + θ₃x³ + θ₄x⁴"
        rows={[
          ...(pasted ? [] : [{ label: 'target', theta: TARGET_THETA, testId: 'energy-target' }]),
          { label: 'ISM, linear system', theta: fits.ismTheta, testId: 'energy-ism' },
          { label: `ISM, Adam (${currentDescent ? currentDescent.iteration : 0} steps)`, theta: currentDescent ? thetaFromStandardised(currentDescent.theta, standard) : undefined, testId: 'energy-descent' },
          { label: 'MLE, Newton', theta: fits.mle?.theta, testId: 'energy-mle' },
        ]}
      />
      <dl class="ld-readout" aria-live="off">
        <div><dt>Ĵ(θ̂) on z, linear algebra (float64)</dt><dd data-testid="energy-objective">{closedObjective !== undefined ? formatValue(closedObjective) : '—'}</dd></div>
        <div><dt>Ĵ(θ̂) on z, autodiff (float32)</dt><dd data-testid="energy-autodiff">{check ? formatValue(check.objective) : '…'}</dd></div>
        <div><dt>max |∂Ĵ/∂θₖ| at θ̂, autodiff</dt><dd data-testid="energy-gradient">{gradientSize !== undefined ? formatValue(gradientSize) : '…'}</dd></div>
        <div><dt>Ĵ on z after Adam</dt><dd data-testid="energy-descent-objective">{currentDescent ? formatValue(currentDescent.objective) : 'press Start'}</dd></div>
        <div><dt>P(X &gt; 0): target, ISM, MLE</dt><dd data-testid="energy-right-mass">{rightMass.map((m) => (m === undefined ? '—' : formatCompact(m))).join(', ')}</dd></div>
        <div><dt>mean log-likelihood at the MLE</dt><dd data-testid="energy-loglik">{fits.mle ? formatValue(fits.mle.logLikelihood) : '—'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={`Histogram of ${data.length} data points from ${formatValue(lower)} to ${formatValue(upper)}, with the densities of the score-matching fit and the maximum-likelihood fit${pasted ? '' : ' and the target density'}, each normalised by numerical integration.`}
        caption="Grey bars: the data. Curves: each fitted exp(θ₁x + … + θ₄x⁴) divided by its normaliser Z(θ), computed by quadrature for display (score matching itself never needs Z)."
      />
      <ParamSliders specs={PARAMS} values={state.params} idPrefix="energy" onInput={state.setParam} />
      <SampleControls spec={SAMPLE} sample={sample} idPrefix="energy" onChange={(s) => { paste.clear(); state.setSample(s); }} />
      <PasteData idPrefix="energy" data={{ ...paste, use: usePasted }} />
    </IslandFrame>
  );
}
