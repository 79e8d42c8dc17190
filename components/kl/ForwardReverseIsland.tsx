import { useMemo } from 'preact/hooks';
import { gaussianLogPdf } from '../../src/math/gaussian';
import { forwardKlFit, reverseKlLocalMinima } from '../../src/math/gaussian-fit';
import type { ReverseKlMinimum } from '../../src/math/gaussian-fit';
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
    // Default d = 8: there a mode fit is the global reverse-KL minimum (below d of about 5.6 the wide central one is).
    { name: 'd', label: 'separation of the two modes', tex: 'd', min: 0, max: 8, step: 0.1, default: 8 },
    { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.1, max: 0.9, step: 0.01, default: 0.5 },
  ],
} as const satisfies IslandSpec;
const CURVES = ['target p', 'forward KL fit (mass covering)', 'reverse KL, left minimum', 'reverse KL, central minimum', 'reverse KL, right minimum'];
const COLORS = ['#6b6b6b', '#4269d0', '#3ca951', '#efb118', '#ff725c'];

/** Which of the three possible minima a fit is: on the left mode, the wide central one, or the right mode. */
function minimumName(fit: ReverseKlMinimum, d: number): 'left' | 'central' | 'right' {
  if (fit.mean < -d / 4) return 'left';
  return fit.mean > d / 4 ? 'right' : 'central';
}

/** One Gaussian fitted to a bimodal mixture in each direction of the KL. */
export default function ForwardReverseIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { d, w } = island.params;
  const mixture = useMemo(() => twoComponentMixture(d, w, 1), [d, w]);
  // The fits are cheap, deterministic float64 optimisations (Nelder-Mead, src/math); the KL values
  // of every fit in both directions are then evaluated by quadrature on the compute backend.
  const forward = useMemo(() => forwardKlFit(mixture), [mixture]);
  // Every local minimum of the reverse KL: from each mode and from the centre (the forward fit).
  const fits = useMemo(() => reverseKlLocalMinima(mixture), [mixture]);
  const input = useMemo(() => ({ mixture, gaussians: [forward, ...fits] }), [mixture, forward, fits]);
  const live = useTensorComputation(island, runtimeState, input, async (runtime, { mixture: m, gaussians }) =>
    runtime.call<{ forward: number[]; reverse: number[] }>('klBothDirections', m, gaussians, integrationRange([...gaussians, { mean: -d / 2, stdDev: 1 }, { mean: d / 2, stdDev: 1 }], 12)));
  const kls = live.result;
  const options = useMemo(() => {
    const [lo, hi] = [-d / 2 - 4.5, d / 2 + 4.5];
    const curves = [
      { label: CURVES[0], logPdf: (x: number) => mixtureLogPdf(mixture, x) },
      { label: CURVES[1], logPdf: (x: number) => gaussianLogPdf(x, forward.mean, forward.stdDev) },
      ...fits.map((fit) => ({ label: `reverse KL, ${minimumName(fit, d)} minimum`, logPdf: (x: number) => gaussianLogPdf(x, fit.mean, fit.stdDev) })),
    ].map(({ label, logPdf }) => densityCurve(logPdf, lo, hi, 241).map((row) => ({ ...row, curve: label })));
    return densityPlot(curves.flat(), CURVES, COLORS);
  }, [mixture, forward, fits, d]);
  const describeFit = (fit: { mean: number; stdDev: number }) => `N(${formatValue(fit.mean)}, ${formatValue(fit.stdDev)}²)`;
  const best = fits.find((fit) => fit.global)!;
  const bestText = fits.length === 1
    ? 'The only reverse-KL minimum is the central one: the modes are too close to hold a fit of their own'
    : minimumName(best, d) === 'central'
      ? 'The wide central fit is the global reverse-KL minimum here, not a mode fit: at this separation mode seeking loses (for equal weights a mode wins from d ≈ 5.6)'
      : 'A fit on one mode is the global reverse-KL minimum: mode seeking';
  return (
    <IslandFrame island={island} runtimeState={runtimeState} ready={kls !== undefined} messages={live.messages}>
      <dl class="ld-readout" aria-live="polite">
        <div><dt>forward: argmin KL(p‖q)</dt><dd data-testid={island.testId('forward')}>N({formatValue(forward.mean)}, {formatValue(forward.stdDev)}²)</dd></div>
        <div><dt>KL(p‖q) / KL(q‖p) there</dt><dd data-testid={island.testId('forward-kl')}>{kls ? `${formatValue(kls.forward[0])} / ${formatValue(kls.reverse[0])}` : '…'}</dd></div>
        {fits.map((fit, k) => (
          <div key={minimumName(fit, d)} data-testid={island.testId(`reverse-${minimumName(fit, d)}`)}>
            <dt>reverse, {minimumName(fit, d)} local minimum{fit.global ? ' (global)' : ''}: KL(p‖q) / KL(q‖p)</dt>
            <dd>{describeFit(fit)}: {kls ? `${formatValue(kls.forward[1 + k])} / ${formatValue(kls.reverse[1 + k])}` : '…'}</dd>
          </div>
        ))}
      </dl>
      <p class="ld-note" data-testid={island.testId('best')}>{bestText}.</p>
      <PlotFigure
        options={options}
        description={`Densities over x: the bimodal target with modes at ${formatValue(-d / 2)} and ${formatValue(d / 2)}, the forward-KL fit ${`N(${formatValue(forward.mean)}, ${formatValue(forward.stdDev)}²)`} spreading over both modes, and the local minima of the reverse KL, ${fits.map((fit) => `${describeFit(fit)} (${minimumName(fit, d)}${fit.global ? ', global' : ''})`).join(', ')}.`}
        caption="Forward KL (moment matching) covers both modes. Reverse KL is minimised from a start at each mode and at the centre (Nelder–Mead in float64); every local minimum found is drawn, and the readout says which is global. The KL values are integrated on the compute backend."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
