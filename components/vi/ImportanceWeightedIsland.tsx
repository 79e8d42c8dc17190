import { useMemo } from 'preact/hooks';
import { exactElbo, logEvidence } from '../../src/math/conjugate-gaussian';
import { iwaeBound } from '../../src/math/iwae';
import { logWeightQuadratic } from '../../src/math/score-function-gradient';
import { iwaeBoundPlot, type BoundRow } from '../../src/charts/vi-estimators';
import type { IslandSpec, ParamSpec } from '../../src/state/params';
import { useIsland } from '../shared/use-island';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { useHydrated } from '../shared/use-hydrated';
import { PlotFigure } from '../shared/PlotFigure';
import { formatValue } from '../derivation/StepResultView';
import { CHAPTER_DATA, CHAPTER_PRIOR } from './conjugate-setup';

const PREFIX = 'iwae';
const KS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const PARAMS: readonly ParamSpec[] = [
  { name: 'mq', label: 'mean of q', tex: 'm_q', min: -3, max: 3, step: 0.05, default: 0 },
  { name: 'sq', label: 'standard deviation of q', tex: 's_q', min: 0.05, max: 2, step: 0.05, default: 0.5 },
  { name: 'groups', label: 'repeated estimates R', min: 20, max: 1000, step: 20, default: 200 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];

const SPEC = { id: PREFIX, params: PARAMS } as const satisfies IslandSpec;

/** The importance-weighted bound E ln (1/K) sum_k w_k against K on the conjugate model, with ln p(X) and the ELBO. */
export default function ImportanceWeightedIsland() {
  const hydrated = useHydrated();
  const state = useIsland(SPEC);
  const { mq, sq, groups, seed } = state.params;
  const q = { mean: mq, stdDev: sq };
  const w = useMemo(() => logWeightQuadratic(q, CHAPTER_DATA, CHAPTER_PRIOR), [mq, sq]);
  const rows = useMemo<BoundRow[]>(() => KS.map((k, i) => ({ k, ...iwaeBound(w, k, groups, 1000 * seed + i) })), [w, groups, seed]);
  const evidence = logEvidence(CHAPTER_DATA, CHAPTER_PRIOR);
  const elbo = exactElbo(q, CHAPTER_DATA, CHAPTER_PRIOR);
  const last = rows[rows.length - 1]!;
  const plot = useMemo(() => iwaeBoundPlot(rows, evidence, elbo), [rows, evidence, elbo]);
  return (
    <IslandFrame
      island={state}
      ready={hydrated}
      badgeDetail={`${groups} estimates of L_K for each of ${KS.length} values of K`}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>ln p(X), exact</dt><dd data-testid="iwae-evidence">{formatValue(evidence)}</dd></div>
        <div><dt>ELBO = L_1, exact</dt><dd data-testid="iwae-elbo">{formatValue(elbo)}</dd></div>
        <div><dt>L_1, estimated ± s.e.</dt><dd data-testid="iwae-l1">{formatValue(rows[0]!.mean)} ± {formatValue(rows[0]!.stdErr)}</dd></div>
        <div><dt>L_1000 ± s.e.</dt><dd data-testid="iwae-l1000">{formatValue(last.mean)} ± {formatValue(last.stdErr)}</dd></div>
        <div><dt>ln p(X) − L_1000</dt><dd data-testid="iwae-gap">{formatValue(evidence - last.mean)}</dd></div>
      </dl>
      <PlotFigure
        options={plot}
        description={`The importance-weighted bound L_K for K = ${KS.join(', ')}, each from ${groups} repeated estimates: ${rows.map((r) => formatValue(r.mean)).join(', ')} nats, climbing from the ELBO ${formatValue(elbo)} towards ln p(X) = ${formatValue(evidence)}.`}
        caption="Blue: L_K = E ln (1/K) Σ w_k, ± 2 standard errors. Green: the exact ln p(X). Dashed: the ELBO, which is L_1. The bound climbs with K and, in expectation, never passes ln p(X); the further q is from the posterior, the more samples it needs."
      />
      <ParamSliders island={state} />
    </IslandFrame>
  );
}
