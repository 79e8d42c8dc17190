import { useMemo } from 'preact/hooks';
import { useHydrated } from '../shared/use-hydrated';
import { correlatedTarget, covarianceOf, meanFieldKl, optimalMeanFieldKl, runCavi } from '../../src/math/mean-field';
import { ellipse, meanFieldPlot } from '../../src/charts/mean-field-plot';
import type { ParamSpec } from '../../src/derivations/types';
import { Notices } from '../shared/Notices';
import { PlotFigure } from '../shared/PlotFigure';
import { Slider } from '../shared/Slider';
import { useUrlState } from '../shared/use-url-state';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  { name: 'rho', label: 'correlation of the target', tex: '\\rho', min: -0.95, max: 0.95, step: 0.05, default: 0.8 },
  { name: 'sweeps', label: 'CAVI sweeps from (−2, 2)', min: 0, max: 12, step: 1, default: 12 },
];
const CURVES = ['target p (exact)', 'mean-field q₁q₂'];
const START: [number, number] = [-2, 2];

/** Mean-field VI for N(0, [[1, rho], [rho, 1]]): contours of p and of q = q1 q2, CAVI path, KL (float64 JS). */
export default function MeanFieldIsland() {
  const hydrated = useHydrated();
  const state = useUrlState('mf', PARAMS);
  const { rho, sweeps } = state.params;
  const target = useMemo(() => correlatedTarget(rho), [rho]);
  const path = useMemo(() => runCavi(target, START, sweeps), [target, sweeps]);
  const q = path[path.length - 1]!;
  const covariance = covarianceOf(target);
  const contours = useMemo(() => [1, 2].flatMap((r) => [
    ...ellipse(target.mean, covariance, r, CURVES[0]!),
    ...ellipse(q.means, [q.variances[0], 0, q.variances[1]], r, CURVES[1]!),
  ]), [target, q]);
  const options = useMemo(() => meanFieldPlot(contours, path.map((p) => ({ x: p.means[0], y: p.means[1] })), CURVES, 3.2), [contours, path]);
  const kl = meanFieldKl(target, q);
  const klStar = optimalMeanFieldKl(target);
  return (
    <div class="ld-island" data-island="mean-field" data-ready={String(hydrated)}>
      <Notices messages={state.messages} />
      <dl class="ld-readout" aria-live="polite">
        <div><dt>true marginal variance Σ₁₁</dt><dd data-testid="mf-true-var">{formatValue(covariance[0])}</dd></div>
        <div><dt>mean-field variance 1/Λ₁₁ = 1 − ρ²</dt><dd data-testid="mf-q-var">{formatValue(q.variances[0])}</dd></div>
        <div><dt>KL(q‖p) after {sweeps} sweeps</dt><dd data-testid="mf-kl">{formatValue(kl)}</dd></div>
        <div><dt>−½ ln(1 − ρ²) (the optimum)</dt><dd data-testid="mf-kl-star">{formatValue(klStar)}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={`Contours at 1 and 2 standard deviations of the target with correlation ${rho.toFixed(2)} (tilted ellipses) and of the mean-field approximation (axis-aligned, narrower: variance ${formatValue(q.variances[0])} instead of 1), with the CAVI path of the means from (−2, 2).`}
        caption="The factorised q cannot tilt, so it shrinks to fit inside the target: its marginal variances 1 − ρ² are too small. Dots: the means after each coordinate update."
      />
      <div class="ld-controls">
        {PARAMS.map((spec) => (
          <Slider key={spec.name} spec={spec} value={state.params[spec.name]} idPrefix="mf" onInput={(v) => state.setParam(spec.name, v)} />
        ))}
      </div>
      <div class="ld-footer">
        <button type="button" onClick={() => state.reset()}>Reset to defaults</button>
        <span class="ld-badge" data-testid="compute-badge">computed in JavaScript (float64)</span>
      </div>
    </div>
  );
}
