import { useMemo } from 'preact/hooks';
import { gridPoints } from '../../src/training/score-field';
import type { ScoreField } from '../../src/training/score-field';
import { relativeDensity, vectorField } from '../../src/math/grid';
import { scoreFieldPlot } from '../../src/charts/score-field';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTensorComputation } from '../shared/use-tensor-computation';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'score-field',
  params: [
  { name: 'd', label: 'separation of the two modes', tex: 'd', min: 0, max: 5, step: 0.1, default: 3 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.1, max: 0.9, step: 0.01, default: 0.5 },
  { name: 'rho', label: 'correlation within each mode', tex: '\\rho', min: -0.8, max: 0.8, step: 0.05, default: 0.3 },
  ],
} as const satisfies IslandSpec;
const HEAT = { extent: 4, count: 64 };
const ARROWS = { extent: 4, count: 13 };
const ARROW_POINTS = gridPoints(ARROWS);

/** An unnormalised 2-D mixture as a heat map, with its score grad_x ln q~ (tfjs autodiff) as arrows. */
export default function ScoreFieldIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { d, w, rho } = island.params;
  const input = useMemo(() => ({ d, w, rho }), [d, w, rho]);
  const live = useTensorComputation(island, runtimeState, input, async (runtime, params) => runtime.call<ScoreField>('scoreField', params, HEAT, ARROWS));
  const field = live.result;
  const summary = useMemo(() => (field ? { ...vectorField(ARROW_POINTS, field.scores), ...relativeDensity(field.logDensity) } : undefined), [field]);
  const options = useMemo(() => (summary ? scoreFieldPlot(summary.density, HEAT.count, HEAT.extent, summary.arrows) : undefined), [summary]);

  return (
    <IslandFrame island={island} runtimeState={runtimeState} ready={field !== undefined} messages={live.messages}>
      <dl class="ld-readout" aria-live="polite">
        <div><dt>largest |score| on the arrow grid</dt><dd data-testid={island.testId('longest')}>{summary ? formatValue(summary.longest) : '…'}</dd></div>
        <div><dt>smallest |score| on the arrow grid</dt><dd data-testid={island.testId('shortest')}>{summary ? formatValue(summary.shortest) : '…'}</dd></div>
        <div><dt>max ln q̃ (no normaliser)</dt><dd data-testid={island.testId('peak')}>{summary ? formatValue(summary.peak) : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={`Heat map of an unnormalised mixture of two Gaussian bumps centred at (${formatValue(-d / 2)}, 0) with weight ${formatValue(w)} and (${formatValue(d / 2)}, 0) with weight ${formatValue(1 - w)}, correlation ${formatValue(rho)}, with arrows showing the score, the gradient of the log-density, pointing uphill towards the modes.`}
        caption="Heat map: q̃(x) relative to its maximum. Arrows: the score ∇ₓ ln q̃(x) on a 13 × 13 grid, computed by automatic differentiation, with length proportional to its magnitude."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
