import { useMemo } from 'preact/hooks';
import {
  edgeRates, edgesOf, fitScoreMatchingGraph, graphPrecision, lambdaMax, partialCorrelationRoc, sampleFromPrecision, scoreMatchingRocPath, secondMoment,
} from '../../src/math/ggm';
import type { GraphKind } from '../../src/math/ggm';
import { edgeMatrixPlot, rocPlot } from '../../src/charts/ggm';
import type { EdgeOutcome, RocPoint } from '../../src/charts/ggm';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { useHydrated } from '../shared/use-hydrated';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const PARAMS = [
  { name: 'p', label: 'number of nodes', min: 4, max: 16, step: 1, default: 10 },
  { name: 'n', label: 'sample size n', min: 20, max: 2000, step: 10, default: 40 },
  { name: 'lambda', label: 'penalty, as a fraction of lambda_max', tex: '\\lambda/\\lambda_{\\max}', min: 0, max: 1, step: 0.01, default: 0.3 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];
const KINDS = ['chain', 'star', 'grid', 'random'] as const satisfies readonly GraphKind[];
const PATH = Array.from({ length: 25 }, (_, i) => 1 - i / 24);

const SPEC = {
  id: 'ggm',
  params: PARAMS,
  choices: [{ name: 'graph', label: 'graph', options: KINDS.map((k) => ({ value: k, label: k })), default: 'chain' }],
} as const satisfies IslandSpec;

/** Sparse graph recovery by L1-regularised score matching, against thresholding S^{-1}. */
export default function GgmIsland() {
  // Exact JavaScript: the server-rendered HTML already has numbers, but the sliders work only once hydrated.
  const hydrated = useHydrated();
  const island = useIsland(SPEC);
  const kind = island.choices.graph as GraphKind;
  const { p, n, lambda, seed } = island.params;
  const truth = useMemo(() => graphPrecision(kind, p, seed), [kind, p, seed]);
  const trueEdges = useMemo(() => edgesOf(truth), [truth]);
  const s = useMemo(() => secondMoment(sampleFromPrecision(truth, n, seed)), [truth, n, seed]);
  const largest = useMemo(() => lambdaMax(s), [s]);
  const estimate = useMemo(() => fitScoreMatchingGraph(s, lambda * largest, { iterations: 3000, tolerance: 1e-9 }), [s, lambda, largest]);
  const found = edgesOf(estimate, 1e-6);
  const rates = edgeRates(trueEdges, found, p);
  const cells = useMemo(() => {
    const out: { i: number; j: number; outcome: EdgeOutcome }[] = [];
    for (let i = 0; i < p; i += 1) for (let j = i + 1; j < p; j += 1) {
      const edge = `${i}-${j}`;
      if (found.has(edge)) out.push({ i, j, outcome: trueEdges.has(edge) ? 'true edge found' : 'false edge' });
      else if (trueEdges.has(edge)) out.push({ i, j, outcome: 'edge missed' });
    }
    return out;
  }, [estimate, trueEdges, p]);
  const roc = useMemo((): RocPoint[] => [
    ...scoreMatchingRocPath(s, trueEdges, PATH).map((r) => ({ method: 'score matching + L1 path', ...r })),
    ...partialCorrelationRoc(s, trueEdges).map((r) => ({ method: 'thresholded S⁻¹ (partial correlations)', ...r })),
  ], [s, trueEdges]);
  const current: RocPoint = { method: 'score matching + L1 path', truePositiveRate: rates.truePositiveRate, falsePositiveRate: rates.falsePositiveRate };
  const matrixOptions = useMemo(() => edgeMatrixPlot(cells, p), [cells, p]);
  const rocOptions = useMemo(() => rocPlot(roc, current), [roc, rates.truePositiveRate, rates.falsePositiveRate]);
  return (
    <IslandFrame
      island={island}
      ready={hydrated}
      badgeDetail={`${p}×${p} matrices`}
      actions={(
        <label>graph{' '}
          <select value={kind} onChange={(e) => island.setChoice('graph', (e.currentTarget as HTMLSelectElement).value)} data-testid={island.testId('kind')}>
            {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
      )}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>λ (λ_max = {formatValue(largest)})</dt><dd data-testid={island.testId('lambda')}>{formatValue(lambda * largest)}</dd></div>
        <div><dt>true edges found</dt><dd data-testid={island.testId('tp')}>{rates.truePositives} of {trueEdges.size}</dd></div>
        <div><dt>false edges</dt><dd data-testid={island.testId('fp')}>{rates.falsePositives}</dd></div>
      </dl>
      <PlotFigure
        options={matrixOptions}
        description={`Edge matrix of a ${kind} graph on ${p} nodes: ${rates.truePositives} of ${trueEdges.size} true edges found and ${rates.falsePositives} false edges at lambda = ${formatValue(lambda * largest)}.`}
        caption="Upper triangle of the precision matrix: green, an edge of the true graph that the estimate finds; red, an edge it invents; grey, a true edge it misses."
      />
      <PlotFigure
        options={rocOptions}
        description={`ROC curves over the regularisation path of score matching and over thresholds of the partial correlations from S inverse, for a ${kind} graph with n = ${n}.`}
        caption="Blue: the score-matching path, λ from λ_max (no edges: the origin) down to 0 (every edge). Red: keeping the largest partial correlations of S⁻¹. The dot is the current λ. Higher and further left is better."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
