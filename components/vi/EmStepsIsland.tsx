import { useEffect, useMemo, useState } from 'preact/hooks';
import { useHydrated } from '../shared/use-hydrated';
import { emGain, emHalfStep, emIterate, emLatest, emStart } from '../../src/math/gmm-em';
import type { EmHalfStepState } from '../../src/math/gmm-em';
import { mixtureLogPdf, sampleMixture } from '../../src/math/mixture';
import { densityCurve, densityHistogram } from '../../src/math/grid';
import { emTracePlot, mixtureFitPlot } from '../../src/charts/em-plot';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, IslandSampleControls, ParamSliders } from '../shared/IslandFrame';
import { PasteData, usePastedData } from '../shared/PasteData';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { formatValue } from '../derivation/StepResultView';

const SPEC = {
  id: 'em-steps',
  aliases: ['em'],
  params: [{ name: 'K', label: 'number of components K', tex: 'K', min: 2, max: 5, step: 1, default: 3 }],
  sample: { defaultN: 300, minN: 20, maxN: 5000, defaultSeed: 11 },
} as const satisfies IslandSpec;
/** The mixture that generates the seeded data (three clusters of different widths). */
const GENERATOR = { weights: [0.3, 0.5, 0.2], means: [-3, 0.5, 4], stdDevs: [0.7, 1, 0.5] };
const MAX_ITERATIONS = 500;
/**
 * Milliseconds between half-steps while playing: slow enough to see E and M apart. This is why
 * playing is a timer and not the shared animation-frame loop (useStepper), which runs as fast as
 * frames allow; the timer still pauses off screen and in a hidden tab.
 */
const PLAY_INTERVAL_MS = 300;
/** Playing stops once an iteration raises l by less than this (nats). */
const CONVERGED = 1e-6;

/** EM on a 1-D Gaussian mixture, one E- or M-step at a time, with l and F per iteration (float64 JS). */
export default function EmStepsIsland() {
  const island = useIsland(SPEC);
  const hydrated = useHydrated();
  const [playing, setPlaying] = useState(false);
  const { sample } = island;
  const K = island.params.K;
  const paste = usePastedData();
  const pasted = paste.values;
  const seeded = useMemo(() => Array.from(sampleMixture(sample.seed, sample.n, GENERATOR)), [sample.seed, sample.n]);
  const data = pasted ?? seeded;
  const [em, setEm] = useState<{ key: string; state: EmHalfStepState }>();
  const key = `${K}:${sample.seed}:${sample.n}:${pasted ? `pasted ${paste.version}` : 'seeded'}`;
  const current = em && em.key === key ? em.state : emStart(data, K);
  const set = (next: EmHalfStepState) => setEm({ key, state: next });

  // Playing advances one half-step per tick, pauses off screen, and stops at convergence.
  useEffect(() => {
    if (!playing || !island.visible) return undefined;
    const timer = setTimeout(() => {
      const next = emHalfStep(data, current);
      set(next);
      if (emGain(data, current, next) < CONVERGED || next.iteration >= MAX_ITERATIONS) setPlaying(false);
    }, PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, island.visible, current, data]);

  const lower = Math.min(...data);
  const upper = Math.max(...data);
  const pad = 0.1 * (upper - lower);
  const histogram = useMemo(() => densityHistogram(data, lower - pad, upper + pad, 40), [data]);
  const curve = useMemo(() => densityCurve((x) => mixtureLogPdf(current.theta, x), lower - pad, upper + pad, 201), [current.theta, data]);
  const latest = emLatest(current);
  const nextIsE = !current.responsibilities;

  return (
    <IslandFrame
      island={island}
      ready={hydrated}
      badgeDetail="EM in closed form"
      data={{ 'data-iteration': current.iteration }}
      messages={[
        ...(paste.error ? [`Your data were not used: ${paste.error}`] : []),
        ...(current.decreased > 0 ? [`The log-likelihood decreased ${current.decreased} time(s): EM should never do this.`] : []),
      ]}
      onReset={() => { setPlaying(false); setEm(undefined); paste.clear(); }}
      actions={(
        <>
          <button type="button" onClick={() => setPlaying(!playing)} data-testid={island.testId('play')}>{playing ? 'Pause' : 'Play'}</button>
          <button type="button" onClick={() => set(emHalfStep(data, current))} data-testid={island.testId('half-step')}>{nextIsE ? 'E-step' : 'M-step'}</button>
          <button type="button" onClick={() => set(emIterate(data, current, 1, MAX_ITERATIONS))}>One iteration</button>
          <button type="button" onClick={() => set(emIterate(data, current, 20, MAX_ITERATIONS))}>20 iterations</button>
          <span>{pasted ? `your ${pasted.length} values` : `N = ${sample.n.toLocaleString('en-US')}, seed ${sample.seed}`}</span>
        </>
      )}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>iteration t</dt><dd data-testid={island.testId('iteration')}>{current.iteration}</dd></div>
        <div><dt>ℓ(θ<sub>t</sub>)</dt><dd data-testid={island.testId('loglik')}>{formatValue(latest.logLikelihood)}</dd></div>
        <div><dt>F(q, θ) after the last step</dt><dd data-testid={island.testId('elbo')}>{latest.elbo === undefined ? '—' : formatValue(latest.elbo)}</dd></div>
        <div><dt>gap ℓ − F = KL(q‖p(Z|X,θ))</dt><dd data-testid={island.testId('gap')}>{latest.elbo === undefined ? '—' : formatValue(Math.max(0, latest.logLikelihood - latest.elbo))}</dd></div>
      </dl>
      <PlotFigure
        options={current.trace.length > 1 ? emTracePlot(current.trace) : undefined}
        description={`Log-likelihood and ELBO over ${current.iteration} EM iterations; the log-likelihood is now ${formatValue(latest.logLikelihood)} nats${current.decreased > 0 ? ', with a decrease marked in red' : ', never decreasing'}.`}
        caption="Blue: ℓ(θ) at each iteration. Orange: F(q, θ), which touches ℓ after every E-step and climbs after every M-step. A red ring would mark a decrease of ℓ."
      />
      {current.trace.length <= 1 ? <p class="ld-plot-empty">Press E-step: the curves appear here.</p> : null}
      <PlotFigure
        options={mixtureFitPlot(histogram, curve)}
        description={`Histogram of ${data.length} data points with the current ${K}-component mixture density: means ${current.theta.means.map((m) => m.toFixed(2)).join(', ')}.`}
      />
      <ParamSliders island={island} />
      <IslandSampleControls island={island} />
      <PasteData idPrefix={island.id} data={paste} />
    </IslandFrame>
  );
}
