import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { COST_DEFAULTS, COST_METHODS, COST_METHOD_LABELS, costSweep, powersOfTwo } from '../../src/training/ssm-cost';
import type { CostMethod, CostProgress, CostTiming } from '../../src/training/ssm-cost';
import { costSummary } from '../../src/math/cost-summary';
import { costPlot } from '../../src/charts/ssm-cost';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { useRuntime } from '../shared/use-runtime';
import { useStepper } from '../shared/use-stepper';
import { formatNumber } from '../../src/derivations/check';

const SPEC = {
  id: 'ssm-cost',
  params: [
  { name: 'dmax', label: 'largest dimension (d = 2, 4, 8, … up to it)', tex: 'd_{\\max}', min: 2, max: 128, step: 2, default: 64 },
  { name: 'batch', label: 'batch size', min: 16, max: 256, step: 16, default: COST_DEFAULTS.batch },
  { name: 'repeats', label: 'timed repeats per cell (median)', min: 1, max: 9, step: 1, default: 3 },
  ],
} as const satisfies IslandSpec;
const NAMES: Readonly<Record<string, string>> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };
type Status = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

interface Run {
  readonly status: Status;
  readonly backend?: string;
  readonly dimensions: readonly number[];
  readonly batch: number;
  readonly repeats: number;
  readonly progress?: CostProgress;
  readonly error?: string;
}

/** What one block of the sweep reports: its progress, the end of the sweep, or why it failed. */
type Block = { readonly progress: CostProgress } | { readonly done: true } | { readonly error: string };
const ratioText = (r: number) => `${formatNumber(r, { digits: 2, trim: false, maxFixed: Infinity })}×`;
const msText = (ms: number) => formatNumber(ms, { digits: 3, trim: false, maxFixed: Infinity });

/** Times one training step of exact ISM and of SSM for an MLP energy as D grows; runs only on request. */
export default function SsmCostIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useRuntime();
  const { dmax, batch, repeats } = island.params;
  const [run, setRun] = useState<Run>({ status: 'idle', dimensions: powersOfTwo(dmax), batch, repeats });
  // 0: no sweep; otherwise the number of the sweep running (a fresh one per Run).
  const [sweepId, setSweepId] = useState(0);
  const sweeps = useRef(0);
  const running = run.status === 'running';

  const stop = (status: Status = 'stopped') => {
    setSweepId(0);
    setRun((previous) => (previous.status === 'running' ? { ...previous, status } : previous));
  };
  // New settings end a run in progress (the sweep frees its tensors when the stepper is disposed).
  useEffect(() => () => stop(), [dmax, batch, repeats]);

  // The shared loop (useStepper) drives the sweep one timed block per frame: the page paints and
  // takes input between blocks, nothing runs off screen or in a hidden tab (timings are per block,
  // so none is skewed), and the sweep is closed only once the block in flight has finished.
  useStepper<Block>({
    create: () => {
      if (sweepId === 0 || runtimeState.status !== 'ready') return undefined;
      const sweep = costSweep(runtimeState.runtime.tf, { ...COST_DEFAULTS, batch, repeats, dimensions: powersOfTwo(dmax), methods: COST_METHODS });
      return {
        step: async () => {
          try {
            const next = await sweep.next();
            return next.done ? { done: true } : { progress: next.value };
          } catch (error) {
            return { error: error instanceof Error ? error.message : String(error) };
          }
        },
        dispose: () => void sweep.return(undefined),
      };
    },
    deps: [sweepId, runtimeState],
    initialSteps: 0,
    active: sweepId !== 0 && island.visible,
    stepsPerFrame: 1,
    onState: (block) => {
      if ('progress' in block) {
        setRun((previous) => (previous.status === 'running' ? { ...previous, progress: block.progress } : previous));
        return true;
      }
      setSweepId(0);
      setRun((previous) => ('error' in block ? { ...previous, status: 'failed', error: block.error } : { ...previous, status: 'done' }));
      return false;
    },
  });

  const start = () => {
    if (runtimeState.status !== 'ready') return;
    setRun({ status: 'running', backend: runtimeState.runtime.backend, dimensions: powersOfTwo(dmax), batch, repeats });
    sweeps.current += 1;
    setSweepId(sweeps.current);
  };

  const timings = run.progress?.timings ?? [];
  const cell = (method: CostMethod, dims: number): CostTiming | undefined => timings.find((t) => t.method === method && t.dims === dims);
  const rows = useMemo(() => timings.map((t) => ({ method: COST_METHOD_LABELS[t.method], dims: t.dims, msPerStep: t.msPerStep })), [timings]);
  const options = useMemo(() => (rows.length > 0 ? costPlot(rows, COST_METHODS.map((m) => COST_METHOD_LABELS[m]), run.dimensions) : undefined), [rows, run.dimensions]);
  const summary = useMemo(() => costSummary(timings, run.dimensions, { slow: 'ism-loop', fast: 'ssm', exactA: 'ism-loop', exactB: 'ism-batched' }), [timings, run.dimensions]);
  const { largest, agreement, disagree } = summary;
  const ratio = (d: number) => summary.ratios.get(d);
  const p = run.progress;
  const backendName = run.backend ? NAMES[run.backend] ?? run.backend : undefined;
  // Off screen or in a hidden tab the loop waits between blocks.
  const status: Status = running && !island.visible ? 'paused' : run.status;
  const statusText = {
    idle: 'Press Run to time the three methods.',
    running: p ? `d = ${p.dims}, ${COST_METHOD_LABELS[p.method]}: ${p.block === 0 ? 'warm-up' : `block ${p.block} of ${run.repeats}`}` : 'starting…',
    paused: 'paused while the island is off screen',
    done: `done on ${backendName}`,
    stopped: `stopped on ${backendName}; the table keeps what was measured`,
    failed: `failed: ${run.error}`,
  }[status];

  return (
    <IslandFrame
      island={island}
      runtimeState={runtimeState}
      ready={runtimeState.status === 'ready'}
      onReset={() => stop()}
      actions={(
        <>
          <button type="button" data-testid={island.testId('run')} disabled={runtimeState.status !== 'ready' || running} onClick={start}>Run</button>
          <button type="button" data-testid={island.testId('stop')} disabled={!running} onClick={() => stop()}>Stop</button>
        </>
      )}
    >
      <div class="ssmc-progress" aria-live="polite">
        <progress max={p?.blocksTotal ?? 1} value={p?.blocksDone ?? 0} aria-label="benchmark progress" />
        <span data-testid={island.testId('status')} data-status={status}>{statusText}</span>
        {p ? <span>{p.blocksDone} of {p.blocksTotal} blocks</span> : null}
      </div>
      {timings.length > 0 ? (
        <table class="ssmc-table" data-testid={island.testId('table')}>
            <caption>ms per training step (median of {run.repeats}), batch {run.batch}{backendName ? `, on ${backendName}` : ''}</caption>
            <thead>
              <tr><th scope="col">d</th>{COST_METHODS.map((m) => <th scope="col" key={m}>{COST_METHOD_LABELS[m]}</th>)}<th scope="col">d passes ÷ SSM</th></tr>
            </thead>
            <tbody>
              {run.dimensions.filter((d) => COST_METHODS.some((m) => cell(m, d))).map((d) => (
                <tr key={d}>
                  <th scope="row">{d}</th>
                  {COST_METHODS.map((m) => {
                    const t = cell(m, d);
                    return <td key={m} data-testid={island.testId(`ms-${m}-${d}`)} data-value={t?.msPerStep}>{t ? msText(t.msPerStep) : '…'}</td>;
                  })}
                  <td data-testid={island.testId(`ratio-${d}`)}>{ratio(d) !== undefined ? ratioText(ratio(d)!) : '…'}</td>
                </tr>
              ))}
            </tbody>
          </table>
      ) : null}
      {agreement.length > 0 ? (
        <p class="ssmc-check" data-testid={island.testId('agree')} data-holds={String(disagree.length === 0)}>
          {disagree.length === 0
            ? `Check: both exact methods reach the same objective J at every d measured (largest relative difference ${Math.max(...agreement.map((a) => a.gap)).toExponential(1)}).`
            : `Check failed: the two exact methods disagree at d = ${disagree.join(', ')}; this backend computed one of them wrongly.`}
        </p>
      ) : null}
      {options ? (
        <PlotFigure
          options={options}
          description={`Milliseconds per training step against the input dimension d on log-log axes, measured on ${backendName}, for exact implicit score matching with the trace by d backward passes, the same with the d Hessian-vector products batched, and sliced score matching with one projection.${largest ? ` At d = ${largest}, the d-pass step takes ${ratioText(ratio(largest)!).replace('×', '')} times as long as the sliced one.` : ''}`}
          caption="Each point: median wall time of one loss-and-gradient step (a warm-up step excluded, one readback per timed step). A line of slope 1 on these axes is cost proportional to d."
        />
      ) : <p class="ld-plot-empty">Nothing measured yet: the benchmark runs only when you press Run.</p>}
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
