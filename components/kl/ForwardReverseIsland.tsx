import { useMemo } from 'preact/hooks';
import { gaussianLogPdf } from '../../src/math/gaussian';
import { forwardKlFit, reverseKlFit } from '../../src/math/gaussian-fit';
import { densityCurve } from '../../src/math/grid';
import { mixtureLogPdf, twoComponentMixture } from '../../src/math/mixture';
import { integrationRange } from '../../src/math/quadrature';
import { densityPlot } from '../../src/charts/fit-curves';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTensorComputation } from '../shared/use-tensor-computation';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'forward-reverse',
  aliases: ['fr'],
  params: [
  { name: 'd', label: 'separation of the two modes', tex: 'd', min: 0, max: 8, step: 0.1, default: 5 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.1, max: 0.9, step: 0.01, default: 0.5 },
  ],
} as const satisfies IslandSpec;
const CURVES = ['target p', 'forward KL fit (mass covering)', 'reverse KL fit, from the right', 'reverse KL fit, from the left'];
const COLORS = ['#6b6b6b', '#4269d0', '#ff725c', '#3ca951'];

/** One Gaussian fitted to a bimodal mixture in each direction of the KL. */
export default function ForwardReverseIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { d, w } = island.params;
  const mixture = useMemo(() => twoComponentMixture(d, w, 1), [d, w]);
  // The fits are cheap, deterministic float64 optimisations (Nelder-Mead, src/math); the KL values
  // of every fit in both directions are then evaluated by quadrature on the compute backend.
  const forward = useMemo(() => forwardKlFit(mixture), [mixture]);
  const fits = useMemo(
    () => [reverseKlFit(mixture, { mean: d / 2, stdDev: 1 }), reverseKlFit(mixture, { mean: -d / 2, stdDev: 1 })],
    [mixture, d],
  );
  const input = useMemo(() => ({ mixture, gaussians: [forward, ...fits] }), [mixture, forward, fits]);
  const live = useTensorComputation(island, runtimeState, input, async (runtime, { mixture: m, gaussians }) =>
    runtime.call<{ forward: number[]; reverse: number[] }>('klBothDirections', m, gaussians, integrationRange([...gaussians, { mean: -d / 2, stdDev: 1 }, { mean: d / 2, stdDev: 1 }], 12)));
  const kls = live.result;
  const options = useMemo(() => {
    const [lo, hi] = [-d / 2 - 4.5, d / 2 + 4.5];
    const curves = [
      (x: number) => mixtureLogPdf(mixture, x),
      ...[forward, ...fits].map((fit) => (x: number) => gaussianLogPdf(x, fit.mean, fit.stdDev)),
    ].map((logPdf, k) => densityCurve(logPdf, lo, hi, 241).map((row) => ({ ...row, curve: CURVES[k] })));
    return densityPlot(curves.flat(), CURVES, COLORS);
  }, [mixture, forward, fits, d]);
  const describeFit = (fit: { mean: number; stdDev: number }) => `N(${formatValue(fit.mean)}, ${formatValue(fit.stdDev)}²)`;
  return (
    <IslandFrame island={island} runtimeState={runtimeState} ready={kls !== undefined} messages={live.messages}>
      <dl class="ld-readout" aria-live="polite">
        <div><dt>forward: argmin KL(p‖q)</dt><dd data-testid={island.testId('forward')}>N({formatValue(forward.mean)}, {formatValue(forward.stdDev)}²)</dd></div>
        <div><dt>KL(p‖q) / KL(q‖p) there</dt><dd data-testid={island.testId('forward-kl')}>{kls ? `${formatValue(kls.forward[0])} / ${formatValue(kls.reverse[0])}` : '…'}</dd></div>
        <div><dt>reverse, from the right</dt><dd data-testid={island.testId('reverse-right')}>{describeFit(fits[0])}</dd></div>
        <div><dt>KL(p‖q) / KL(q‖p) there</dt><dd data-testid={island.testId('reverse-kl')}>{kls ? `${formatValue(kls.forward[1])} / ${formatValue(kls.reverse[1])}` : '…'}</dd></div>
        <div><dt>reverse, from the left</dt><dd>{describeFit(fits[1])}</dd></div>
        <div><dt>KL(p‖q) / KL(q‖p) there</dt><dd>{kls ? `${formatValue(kls.forward[2])} / ${formatValue(kls.reverse[2])}` : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={`Densities over x: the bimodal target with modes at ${formatValue(-d / 2)} and ${formatValue(d / 2)}, the forward-KL fit ${`N(${formatValue(forward.mean)}, ${formatValue(forward.stdDev)}²)`} spreading over both modes, and the reverse-KL fits ${describeFit(fits[0])} and ${describeFit(fits[1])}, each sitting on one mode.`}
        caption="Forward KL (moment matching) covers both modes; reverse KL, minimised from a start at each mode (Nelder–Mead in float64), locks onto one. The KL values are integrated on the compute backend."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
