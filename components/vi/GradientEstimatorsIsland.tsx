import { useMemo } from 'preact/hooks';
import { BASELINE_KINDS, baselineValue, exactMeanGradient, logWeightQuadratic, measureSpread, type BaselineKind } from '../../src/math/score-function-gradient';
import { estimatorSpreadPlot } from '../../src/charts/vi-estimators';
import type { IslandSpec, ParamSpec } from '../../src/state/params';
import { useIsland } from '../shared/use-island';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { useHydrated } from '../shared/use-hydrated';
import { PlotFigure } from '../shared/PlotFigure';
import { formatValue } from '../derivation/StepResultView';
import { CHAPTER_DATA, CHAPTER_PRIOR } from './conjugate-setup';

const PREFIX = 'gradient-estimators';
const DRAW_COUNTS = [1, 3, 10, 30, 100, 300, 1000];
const LABELS: Record<BaselineKind, string> = { none: 'no baseline (b = 0)', elbo: 'baseline b = ELBO', optimal: 'optimal constant b*' };
const PARAMS: readonly ParamSpec[] = [
  { name: 'mq', label: 'mean of q', tex: 'm_q', min: -3, max: 3, step: 0.05, default: 0.3 },
  { name: 'sq', label: 'standard deviation of q', tex: 's_q', min: 0.05, max: 2, step: 0.05, default: 0.4 },
  { name: 'reps', label: 'repeated estimates per M', min: 50, max: 1000, step: 50, default: 200 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];

const SPEC = {
  id: PREFIX,
  params: PARAMS,
  choices: [{ name: 'baseline', label: 'score-function baseline', default: 'none', options: BASELINE_KINDS.map((value) => ({ value, label: LABELS[value] })) }],
} as const satisfies IslandSpec;

/** Score-function vs reparameterised estimates of dELBO/dm on the conjugate model: spread measured against M beside the closed forms. */
export default function GradientEstimatorsIsland() {
  const hydrated = useHydrated();
  const state = useIsland(SPEC);
  const baselineKind = state.choices.baseline as BaselineKind;
  const { mq, sq, reps, seed } = state.params;
  const q = { mean: mq, stdDev: sq };
  const w = useMemo(() => logWeightQuadratic(q, CHAPTER_DATA, CHAPTER_PRIOR), [mq, sq]);
  const b = baselineValue(baselineKind, w);
  const rows = useMemo(() => measureSpread(w, q, b, DRAW_COUNTS, reps, seed), [w, b, reps, seed]);
  const at100 = rows.find((r) => r.draws === 100)!;
  const plot = useMemo(() => estimatorSpreadPlot(rows), [rows]);
  const ratio = (at100.scoreFunctionExact / at100.reparamExact) ** 2;
  return (
    <IslandFrame
      island={state}
      ready={hydrated}
      badgeDetail={`${reps} estimates at each of ${DRAW_COUNTS.length} values of M`}
    >
      <label class="ld-actions">score-function baseline{' '}
        <select value={baselineKind} onChange={(e) => state.setChoice('baseline', (e.currentTarget as HTMLSelectElement).value)} data-testid="gradient-estimators-baseline">
          {BASELINE_KINDS.map((k) => <option key={k} value={k}>{LABELS[k]}</option>)}
        </select>
      </label>
      <dl class="ld-readout" aria-live="polite">
        <div><dt>exact ∂ELBO/∂m</dt><dd data-testid="gradient-estimators-gradient">{formatValue(exactMeanGradient(w, q))}</dd></div>
        <div><dt>sd, score function, M = 100 (exact)</dt><dd data-testid="gradient-estimators-sf">{formatValue(at100.scoreFunction)} ({formatValue(at100.scoreFunctionExact)})</dd></div>
        <div><dt>sd, reparameterised, M = 100 (exact)</dt><dd data-testid="gradient-estimators-rp">{formatValue(at100.reparam)} ({formatValue(at100.reparamExact)})</dd></div>
        <div><dt>variance ratio, score function / reparam.</dt><dd data-testid="gradient-estimators-ratio">{formatValue(ratio)}</dd></div>
      </dl>
      <PlotFigure
        options={plot}
        description={`Standard deviation of the two gradient estimators against the number of draws M, measured from ${reps} repeated estimates (dots) and exact (lines). At M = 100 the score-function estimator with ${LABELS[baselineKind]} has sd ${formatValue(at100.scoreFunction)} (exact ${formatValue(at100.scoreFunctionExact)}), the reparameterised one ${formatValue(at100.reparam)} (exact ${formatValue(at100.reparamExact)}).`}
        caption="Both fall like 1/√M (slope −1/2), but the score-function estimator sits far higher: it multiplies the whole log-weight, of size ln p(X), by a zero-mean score. A baseline removes most of that; the reparameterised estimator uses the gradient of the log-weight instead."
      />
      <ParamSliders island={state} />
    </IslandFrame>
  );
}
