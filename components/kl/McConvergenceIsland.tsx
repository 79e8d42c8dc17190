import { useMemo } from 'preact/hooks';
import { GAUSSIAN_KL_PARAMS } from '../../src/derivations/gaussian-kl-mc';
import type { ConvergencePoint } from '../../src/derivations/gaussian-kl-mc';
import { gaussianKl } from '../../src/math/gaussian';
import { logSpace } from '../../src/math/stats';
import { convergencePlot } from '../../src/charts/convergence';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTensorComputation } from '../shared/use-tensor-computation';
import { formatValue } from '../derivation/StepResultView';
import { formatNumber } from '../../src/derivations/check';

const SIZES = logSpace(10, 100_000, 17);
const SAMPLE = { defaultN: 100_000, minN: 100_000, maxN: 100_000, defaultSeed: 1 };
const SPEC = { id: 'mc-convergence', aliases: ['mc'], params: GAUSSIAN_KL_PARAMS, sample: SAMPLE } as const satisfies IslandSpec;

/** The sample-mean estimate of KL(p||q) converging to the closed form as N grows. */
export default function McConvergenceIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { seed } = island.sample;
  const input = useMemo(() => ({ params: island.params, seed }), [island.params, seed]);
  const live = useTensorComputation(island, runtimeState, input, async (runtime, { params, seed: s }) =>
    runtime.call<ConvergencePoint[]>('convergenceSeries', { mu1: params.mu1, sd1: params.sd1, mu2: params.mu2, sd2: params.sd2 }, s, SIZES));
  const { mu1, sd1, mu2, sd2 } = island.params;
  const exact = gaussianKl(mu1, sd1, mu2, sd2);
  const rows = live.result;
  const last = rows?.[rows.length - 1];
  const stdDev = last ? last.stdErr * Math.sqrt(last.n) : 0;
  const options = useMemo(() => (rows ? convergencePlot(rows, exact, stdDev) : undefined), [rows, exact, stdDev]);
  const inside = rows ? rows.filter((r) => Math.abs(r.estimate - exact) <= 2 * r.stdErr).length : 0;
  return (
    <IslandFrame
      island={island}
      runtimeState={runtimeState}
      ready={rows !== undefined}
      messages={live.messages}
      actions={<span>seed {seed} <button type="button" onClick={() => island.setSample({ n: SAMPLE.defaultN, seed: (seed % 999_999) + 1 })}>new sample</button></span>}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>exact KL(p‖q)</dt><dd data-testid={island.testId('exact')}>{formatValue(exact)}</dd></div>
        <div><dt>estimate at N = 100,000</dt><dd data-testid={island.testId('estimate')}>{last ? `${formatValue(last.estimate)} ± ${formatNumber(last.stdErr)}` : '…'}</dd></div>
        <div><dt>within ±2 s.e. of exact</dt><dd data-testid={island.testId('inside')}>{rows ? `${inside} of ${rows.length}` : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={rows && last
          ? `Monte-Carlo estimates of KL(p‖q) for N from 10 to 100,000 on a log axis. The exact value is ${formatValue(exact)}; the estimate at N = 100,000 is ${formatValue(last.estimate)} with standard error ${formatNumber(last.stdErr)}; ${inside} of ${rows.length} estimates lie within two standard errors of the exact value.`
          : 'Convergence plot, computing.'}
        caption="Dots: estimates from the first N draws, with ±2 standard-error bars. Dashed line: the closed form. Shaded: exact ± 2·sd/√N, the 1/√N band."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
