import { useCallback, useMemo, useRef } from 'preact/hooks';
import { GAUSSIAN_KL_PARAMS } from '../../src/derivations/gaussian-kl-mc';
import type { ConvergencePoint } from '../../src/derivations/gaussian-kl-mc';
import { gaussianKl } from '../../src/math/gaussian';
import { logSpace } from '../../src/math/stats';
import { convergencePlot } from '../../src/charts/convergence';
import type { ParamValues, SampleSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useLiveComputation } from '../shared/use-live-computation';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatValue } from '../derivation/StepResultView';
import { formatNumber } from '../../src/derivations/check';

const SIZES = logSpace(10, 100_000, 17);
const SAMPLE: SampleSpec = { defaultN: 100_000, minN: 100_000, maxN: 100_000, defaultSeed: 1 };

interface Input {
  readonly params: ParamValues;
  readonly seed: number;
}

/** The sample-mean estimate of KL(p||q) converging to the closed form as N grows. */
export default function McConvergenceIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('mc', GAUSSIAN_KL_PARAMS, SAMPLE);
  const seed = state.sample?.seed ?? SAMPLE.defaultSeed;
  const input = useMemo(() => (runtimeState.status === 'ready' ? { params: state.params, seed } : undefined), [state.params, seed, runtimeState]);
  const compute = useCallback(async ({ params, seed: s }: Input): Promise<ConvergencePoint[]> => {
    if (runtimeState.status !== 'ready') throw new Error('compute runtime not ready');
    return runtimeState.runtime.call<ConvergencePoint[]>('convergenceSeries', { mu1: params.mu1, sd1: params.sd1, mu2: params.mu2, sd2: params.sd2 }, s, SIZES);
  }, [runtimeState]);
  const live = useLiveComputation(input, compute, visible);
  const { mu1, sd1, mu2, sd2 } = state.params;
  const exact = gaussianKl(mu1, sd1, mu2, sd2);
  const rows = live.result;
  const last = rows?.[rows.length - 1];
  const stdDev = last ? last.stdErr * Math.sqrt(last.n) : 0;
  const options = useMemo(() => (rows ? convergencePlot(rows, exact, stdDev) : undefined), [rows, exact, stdDev]);
  const inside = rows ? rows.filter((r) => Math.abs(r.estimate - exact) <= 2 * r.stdErr).length : 0;
  return (
    <IslandFrame
      name="mc-convergence"
      frameRef={ref}
      runtimeState={runtimeState}
      ready={rows !== undefined}
      messages={[...state.messages, ...(live.error ? [`The computation failed: ${live.error}`] : [])]}
      onReset={state.reset}
      actions={<span>seed {seed} <button type="button" onClick={() => state.setSample({ n: SAMPLE.defaultN, seed: (seed % 999_999) + 1 })}>new sample</button></span>}
    >
      <dl class="ld-readout" aria-live="polite">
        <div><dt>exact KL(p‖q)</dt><dd data-testid="mc-exact">{formatValue(exact)}</dd></div>
        <div><dt>estimate at N = 100,000</dt><dd data-testid="mc-estimate">{last ? `${formatValue(last.estimate)} ± ${formatNumber(last.stdErr)}` : '…'}</dd></div>
        <div><dt>within ±2 s.e. of exact</dt><dd data-testid="mc-inside">{rows ? `${inside} of ${rows.length}` : '…'}</dd></div>
      </dl>
      <PlotFigure
        options={options}
        description={rows && last
          ? `Monte-Carlo estimates of KL(p‖q) for N from 10 to 100,000 on a log axis. The exact value is ${formatValue(exact)}; the estimate at N = 100,000 is ${formatValue(last.estimate)} with standard error ${formatNumber(last.stdErr)}; ${inside} of ${rows.length} estimates lie within two standard errors of the exact value.`
          : 'Convergence plot, computing.'}
        caption="Dots: estimates from the first N draws, with ±2 standard-error bars. Dashed line: the closed form. Shaded: exact ± 2·sd/√N, the 1/√N band."
      />
      <ParamSliders specs={GAUSSIAN_KL_PARAMS} values={state.params} idPrefix="mc" onInput={state.setParam} />
    </IslandFrame>
  );
}
