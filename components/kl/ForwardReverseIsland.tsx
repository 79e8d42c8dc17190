import { useCallback, useMemo, useRef } from 'preact/hooks';
import { klBothDirections } from '../../src/derivations/reverse-kl-fit';
import { gaussianLogPdf } from '../../src/math/gaussian';
import { forwardKlFit, reverseKlLocalMinima } from '../../src/math/gaussian-fit';
import type { ReverseKlMinimum } from '../../src/math/gaussian-fit';
import { mixtureLogPdf, twoComponentMixture } from '../../src/math/mixture';
import { integrationRange } from '../../src/math/quadrature';
import { densityPlot } from '../../src/charts/fit-curves';
import type { DensityRow } from '../../src/charts/fit-curves';
import type { ParamSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useLiveComputation } from '../shared/use-live-computation';
import { useRuntime } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';

const PARAMS: readonly ParamSpec[] = [
  // Default d = 8: there a mode fit is the global reverse-KL minimum (below d of about 5.6 the wide central one is).
  { name: 'd', label: 'separation of the two modes', tex: 'd', min: 0, max: 8, step: 0.1, default: 8 },
  { name: 'w', label: 'weight of the left mode', tex: 'w', min: 0.1, max: 0.9, step: 0.01, default: 0.5 },
];
const CURVES = ['target p', 'forward KL fit (mass covering)', 'reverse KL, left minimum', 'reverse KL, central minimum', 'reverse KL, right minimum'];
const COLORS = ['#6b6b6b', '#4269d0', '#3ca951', '#efb118', '#ff725c'];

/** Which of the three possible minima a fit is: on the left mode, the wide central one, or the right mode. */
function minimumName(fit: ReverseKlMinimum, d: number): 'left' | 'central' | 'right' {
  if (fit.mean < -d / 4) return 'left';
  return fit.mean > d / 4 ? 'right' : 'central';
}

/** One Gaussian fitted to a bimodal mixture in each direction of the KL. */
export default function ForwardReverseIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useRuntime();
  const state = useUrlState('fr', PARAMS);
  const { d, w } = state.params;
  const mixture = useMemo(() => twoComponentMixture(d, w, 1), [d, w]);
  // The fits are cheap, deterministic float64 optimisations (Nelder-Mead, src/math); the KL values
  // of every fit in both directions are then evaluated by quadrature on the compute backend.
  const forward = useMemo(() => forwardKlFit(mixture), [mixture]);
  // Every local minimum of the reverse KL: from each mode and from the centre (the forward fit).
  const fits = useMemo(() => reverseKlLocalMinima(mixture), [mixture]);
  const input = useMemo(() => (runtimeState.status === 'ready' ? { mixture, gaussians: [forward, ...fits] } : undefined), [mixture, forward, fits, runtimeState]);
  const compute = useCallback(async ({ mixture: m, gaussians }: { mixture: typeof mixture; gaussians: { mean: number; stdDev: number }[] }) => {
    if (runtimeState.status !== 'ready') throw new Error('compute runtime not ready');
    return klBothDirections(runtimeState.runtime.tf, m, gaussians, integrationRange([...gaussians, { mean: -d / 2, stdDev: 1 }, { mean: d / 2, stdDev: 1 }], 12));
  }, [runtimeState, d]);
  const live = useLiveComputation(input, compute, visible);
  const kls = live.result;
  const options = useMemo(() => {
    const rows: DensityRow[] = [];
    const [lo, hi] = [-d / 2 - 4.5, d / 2 + 4.5];
    for (let i = 0; i <= 240; i += 1) {
      const x = lo + ((hi - lo) * i) / 240;
      rows.push({ x, density: Math.exp(mixtureLogPdf(mixture, x)), curve: CURVES[0] });
      rows.push({ x, density: Math.exp(gaussianLogPdf(x, forward.mean, forward.stdDev)), curve: CURVES[1] });
      fits.forEach((fit) => rows.push({ x, density: Math.exp(gaussianLogPdf(x, fit.mean, fit.stdDev)), curve: `reverse KL, ${minimumName(fit, d)} minimum` }));
    }
    return densityPlot(rows, CURVES, COLORS);
  }, [mixture, forward, fits, d]);
  const describeFit = (fit: { mean: number; stdDev: number }) => `N(${formatValue(fit.mean)}, ${formatValue(fit.stdDev)}²)`;
  const best = fits.find((fit) => fit.global)!;
  const bestText = fits.length === 1
    ? 'The only reverse-KL minimum is the central one: the modes are too close to hold a fit of their own'
    : minimumName(best, d) === 'central'
      ? 'The wide central fit is the global reverse-KL minimum here, not a mode fit: at this separation mode seeking loses (for equal weights a mode wins from d ≈ 5.6)'
      : 'A fit on one mode is the global reverse-KL minimum: mode seeking';
  return (
    <IslandFrame
      name="forward-reverse"
      frameRef={ref}
      runtimeState={runtimeState}
      ready={kls !== undefined}
      messages={[...state.messages, ...(live.error ? [`The computation failed: ${live.error}`] : [])]}
      onReset={state.reset}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>forward: argmin KL(p‖q)</dt><dd data-testid="fr-forward">N({formatValue(forward.mean)}, {formatValue(forward.stdDev)}²)</dd></div>
        <div><dt>KL(p‖q) / KL(q‖p) there</dt><dd data-testid="fr-forward-kl">{kls ? `${formatValue(kls.forward[0])} / ${formatValue(kls.reverse[0])}` : '…'}</dd></div>
        {fits.map((fit, k) => (
          <div key={minimumName(fit, d)} data-testid={`fr-reverse-${minimumName(fit, d)}`}>
            <dt>reverse, {minimumName(fit, d)} local minimum{fit.global ? ' (global)' : ''}: KL(p‖q) / KL(q‖p)</dt>
            <dd>{describeFit(fit)}: {kls ? `${formatValue(kls.forward[1 + k])} / ${formatValue(kls.reverse[1 + k])}` : '…'}</dd>
          </div>
        ))}
      </dl>
      <p class="ld-note" data-testid="fr-best">{bestText}.</p>
      <PlotFigure
        options={options}
        description={`Densities over x: the bimodal target with modes at ${formatValue(-d / 2)} and ${formatValue(d / 2)}, the forward-KL fit ${`N(${formatValue(forward.mean)}, ${formatValue(forward.stdDev)}²)`} spreading over both modes, and the local minima of the reverse KL, ${fits.map((fit) => `${describeFit(fit)} (${minimumName(fit, d)}${fit.global ? ', global' : ''})`).join(', ')}.`}
        caption="Forward KL (moment matching) covers both modes. Reverse KL is minimised from a start at each mode and at the centre (Nelder–Mead in float64); every local minimum found is drawn, and the readout says which is global. The KL values are integrated on the compute backend."
      />
      <ParamSliders specs={PARAMS} values={state.params} idPrefix="fr" onInput={state.setParam} />
    </IslandFrame>
  );
}
