import { useMemo } from 'preact/hooks';
import { mixtureLogPdf, twoComponentMixture } from '../../src/math/mixture';
import { mixtureScore } from '../../src/math/smoothing';
import { scoreLinePlot, unnormalisedDensityPlot } from '../../src/charts/score-line';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useHydrated } from '../shared/use-hydrated';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const PARAMS = [
  { name: 'd', label: 'distance between the bumps', tex: 'd', min: 0, max: 6, step: 0.1, default: 3 },
  { name: 'w', label: 'weight of the left bump', tex: 'w', min: 0.05, max: 0.95, step: 0.05, default: 0.7 },
  { name: 'logc', label: 'log10 of the unknown constant c', tex: '\\log_{10} c', min: -3, max: 3, step: 0.5, default: 0 },
];
const PROBE = 1;
const POINTS = 241;

const SPEC = { id: 'score-line', params: PARAMS } as const satisfies IslandSpec;

/** c p(x) for a two-bump mixture p, and its score, which is the same for every c (float64 JavaScript). */
export default function ScoreLineIsland() {
  const hydrated = useHydrated();
  const island = useIsland(SPEC);
  const { d, w, logc } = island.params;
  const mixture = useMemo(() => twoComponentMixture(d, w, 0.8), [d, w]);
  const c = 10 ** logc;
  const rows = useMemo(() => {
    const half = d / 2 + 4;
    return Array.from({ length: POINTS }, (_, i) => {
      const x = -half + (2 * half * i) / (POINTS - 1);
      return { x, density: c * Math.exp(mixtureLogPdf(mixture, x)), score: mixtureScore(mixture, x) };
    });
  }, [mixture, c, d]);
  // The score from the unnormalised log-density by a central difference: ln c cancels.
  const h = 1e-4;
  const logTilde = (x: number) => Math.log(c) + mixtureLogPdf(mixture, x);
  const differenced = (logTilde(PROBE + h) - logTilde(PROBE - h)) / (2 * h);
  const densityOptions = useMemo(() => unnormalisedDensityPlot(rows), [rows]);
  const scoreOptions = useMemo(() => scoreLinePlot(rows, 6), [rows]);
  return (
    <IslandFrame
      island={island}
      ready={hydrated}
      >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>c·p(x) at x = {PROBE}</dt><dd data-testid={island.testId('density')}>{formatValue(c * Math.exp(mixtureLogPdf(mixture, PROBE)))}</dd></div>
        <div><dt>score at x = {PROBE}, exact</dt><dd data-testid={island.testId('score')}>{formatValue(mixtureScore(mixture, PROBE))}</dd></div>
        <div><dt>d/dx ln(c·p) at x = {PROBE}, differenced</dt><dd data-testid={island.testId('differenced')}>{formatValue(differenced)}</dd></div>
      </dl>
      <PlotFigure
        options={densityOptions}
        description={`The unnormalised density c times p(x) with c = ${formatValue(c)}: two bumps ${d} apart, the left with weight ${w}.`}
        caption="The unnormalised density c·p(x). Changing c rescales the vertical axis and nothing else."
      />
      <PlotFigure
        options={scoreOptions}
        description={`The score of the same density: positive left of each mode, negative right of it, crossing zero at the modes and at any dip between them; it does not change with c.`}
        caption="Its score d/dx ln(c·p(x)), clipped to ±6. It is zero at each mode (and at the dip, when there is one), positive (pointing right) below a mode and negative above it. Move c: this curve does not move."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
