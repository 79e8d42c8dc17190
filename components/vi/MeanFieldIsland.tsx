import { useMemo } from 'preact/hooks';
import { useHydrated } from '../shared/use-hydrated';
import { correlatedTarget, covarianceOf, meanFieldKl, optimalMeanFieldKl, runCavi } from '../../src/math/mean-field';
import { ellipse, meanFieldPlot } from '../../src/charts/mean-field-plot';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'mean-field',
  aliases: ['mf'],
  params: [
    { name: 'rho', label: 'correlation of the target', tex: '\\rho', min: -0.95, max: 0.95, step: 0.05, default: 0.8 },
    { name: 'sweeps', label: 'CAVI sweeps from (−2, 2)', min: 0, max: 12, step: 1, default: 12 },
  ],
} as const satisfies IslandSpec;
const CURVES = ['target p (exact)', 'mean-field q₁q₂'];
const START: [number, number] = [-2, 2];

/** Mean-field VI for N(0, [[1, rho], [rho, 1]]): contours of p and of q = q1 q2, CAVI path, KL (float64 JS). */
export default function MeanFieldIsland() {
  const hydrated = useHydrated();
  const island = useIsland(SPEC);
  const { rho, sweeps } = island.params;
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
    <IslandFrame island={island} ready={hydrated} badgeDetail="closed forms and CAVI">
      <dl class="ld-readout" aria-live="polite">
        <div><dt>true marginal variance Σ₁₁</dt><dd data-testid={island.testId('true-var')}>{formatValue(covariance[0])}</dd></div>
        <div><dt>mean-field variance 1/Λ₁₁ = 1 − ρ²</dt><dd data-testid={island.testId('q-var')}>{formatValue(q.variances[0])}</dd></div>
        <div><dt>KL(q‖p) after {sweeps} sweeps</dt><dd data-testid={island.testId('kl')}>{formatValue(kl)}</dd></div>
        <div><dt>−½ ln(1 − ρ²) (the optimum)</dt><dd data-testid={island.testId('kl-star')}>{formatValue(klStar)}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={`Contours at 1 and 2 standard deviations of the target with correlation ${rho.toFixed(2)} (tilted ellipses) and of the mean-field approximation (axis-aligned, narrower: variance ${formatValue(q.variances[0])} instead of 1), with the CAVI path of the means from (−2, 2).`}
        caption="The factorised q cannot tilt, so it shrinks to fit inside the target: its marginal variances 1 − ρ² are too small. Dots: the means after each coordinate update."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
