import { useCallback, useMemo, useRef } from 'preact/hooks';
import { gridPoints } from '../../src/training/score-field';
import type { ScoreField, ScoreFieldParams } from '../../src/training/score-field';
import { scoreFieldPlot } from '../../src/charts/score-field';
import type { Arrow } from '../../src/charts/score-field';
import type { ParamSpec } from '../../src/derivations/types';
import { BackendBadge } from '../shared/BackendBadge';
import { Notices } from '../shared/Notices';
import { PlotFigure } from '../shared/PlotFigure';
import { Slider } from '../shared/Slider';
import { useLiveComputation } from '../shared/use-live-computation';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  { name: 'd', label: 'separation of the two modes', tex: 'd', min: 0, max: 5, step: 0.1, default: 3 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.1, max: 0.9, step: 0.01, default: 0.5 },
  { name: 'rho', label: 'correlation within each mode', tex: '\\rho', min: -0.8, max: 0.8, step: 0.05, default: 0.3 },
];
const HEAT = { extent: 4, count: 64 };
const ARROWS = { extent: 4, count: 13 };
const ARROW_POINTS = gridPoints(ARROWS);

/** An unnormalised 2-D mixture as a heat map, with its score grad_x ln q~ (tfjs autodiff) as arrows. */
export default function ScoreFieldIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('score-field', PARAMS);
  const { d, w, rho } = state.params;
  const input = useMemo(() => (runtimeState.status === 'ready' ? { d, w, rho } : undefined), [d, w, rho, runtimeState]);
  const compute = useCallback(async (params: ScoreFieldParams): Promise<ScoreField> => {
    if (runtimeState.status !== 'ready') throw new Error('compute runtime not ready');
    return runtimeState.runtime.call<ScoreField>('scoreField', params, HEAT, ARROWS);
  }, [runtimeState]);
  const live = useLiveComputation(input, compute, visible);
  const field = live.result;

  const summary = useMemo(() => {
    if (!field) return undefined;
    const arrows: Arrow[] = Array.from({ length: ARROW_POINTS.length / 2 }, (_, i) => ({
      x: ARROW_POINTS[2 * i], y: ARROW_POINTS[2 * i + 1], s1: field.scores[2 * i], s2: field.scores[2 * i + 1],
    }));
    const peak = Math.max(...field.logDensity);
    const density = Array.from(field.logDensity, (value) => Math.exp(value - peak));
    const lengths = arrows.map((a) => Math.hypot(a.s1, a.s2));
    return { arrows, density, peak, longest: Math.max(...lengths), shortest: Math.min(...lengths) };
  }, [field]);
  const options = useMemo(() => (summary ? scoreFieldPlot(summary.density, HEAT.count, HEAT.extent, summary.arrows) : undefined), [summary]);

  return (
    <div ref={ref} class="ld-island" data-island="score-field" data-ready={String(field !== undefined)} data-backend={runtimeState.status === 'ready' ? runtimeState.runtime.backend : undefined}>
      <Notices messages={[...state.messages, ...(live.error ? [`The computation failed: ${live.error}`] : [])]} />
      <dl class="ld-readout" aria-live="polite">
        <div><dt>largest |score| on the arrow grid</dt><dd data-testid="score-longest">{summary ? formatValue(summary.longest) : '…'}</dd></div>
        <div><dt>smallest |score| on the arrow grid</dt><dd data-testid="score-shortest">{summary ? formatValue(summary.shortest) : '…'}</dd></div>
        <div><dt>max ln q̃ (no normaliser)</dt><dd data-testid="score-peak">{summary ? formatValue(summary.peak) : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={`Heat map of an unnormalised mixture of two Gaussian bumps centred at (${formatValue(-d / 2)}, 0) with weight ${formatValue(w)} and (${formatValue(d / 2)}, 0) with weight ${formatValue(1 - w)}, correlation ${formatValue(rho)}, with arrows showing the score, the gradient of the log-density, pointing uphill towards the modes.`}
        caption="Heat map: q̃(x) relative to its maximum. Arrows: the score ∇ₓ ln q̃(x) on a 13 × 13 grid, computed by automatic differentiation, with length proportional to its magnitude."
      />
      <div class="ld-controls">
        {PARAMS.map((spec) => (
          <Slider key={spec.name} spec={spec} value={state.params[spec.name]} idPrefix="score-field" onInput={(v) => state.setParam(spec.name, v)} />
        ))}
      </div>
      <div class="ld-footer">
        <button type="button" onClick={state.reset}>Reset to defaults</button>
        <BackendBadge state={runtimeState} />
      </div>
    </div>
  );
}
