import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { COST_DEFAULTS, COST_METHODS, COST_METHOD_LABELS, costSweep, powersOfTwo } from '../../src/derivations/ssm-cost';
import type { CostMethod, CostProgress, CostTiming } from '../../src/derivations/ssm-cost';
import { costPlot } from '../../src/charts/ssm-cost';
import type { ParamSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useRuntime } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { formatNumber } from '../../src/derivations/check';

const PARAMS: readonly ParamSpec[] = [
  { name: 'dmax', label: 'largest dimension (d = 2, 4, 8, … up to it)', tex: 'd_{\\max}', min: 2, max: 128, step: 2, default: 64 },
  { name: 'batch', label: 'batch size', min: 16, max: 256, step: 16, default: COST_DEFAULTS.batch },
  { name: 'repeats', label: 'timed repeats per cell (median)', min: 1, max: 9, step: 1, default: 3 },
];
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

/** Resolves after the next frame has been painted (never while the tab is hidden). */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const ratioText = (r: number) => `${formatNumber(r, { digits: 2, trim: false, maxFixed: Infinity })}×`;
const msText = (ms: number) => formatNumber(ms, { digits: 3, trim: false, maxFixed: Infinity });

/** Times one training step of exact ISM and of SSM for an MLP energy as D grows; runs only on request. */
export default function SsmCostIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const runtimeState = useRuntime();
  const state = useUrlState('ssm-cost', PARAMS);
  const { dmax, batch, repeats } = state.params;
  const [run, setRun] = useState<Run>({ status: 'idle', dimensions: powersOfTwo(dmax), batch, repeats });
  const generation = useRef(0);

  const stop = (status: Status = 'stopped') => {
    generation.current += 1;
    setRun((previous) => (previous.status === 'running' || previous.status === 'paused' ? { ...previous, status } : previous));
  };
  // New settings or leaving the page end a run in progress (the sweep frees its tensors on exit).
  useEffect(() => () => stop(), [dmax, batch, repeats]);

  const start = async () => {
    if (runtimeState.status !== 'ready') return;
    const mine = ++generation.current;
    const { tf, backend } = runtimeState.runtime;
    const dimensions = powersOfTwo(dmax);
    const settings = { status: 'running' as const, backend, dimensions, batch, repeats };
    setRun(settings);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      const sweep = costSweep(tf, { ...COST_DEFAULTS, batch, repeats, dimensions, methods: COST_METHODS });
      for await (const progress of sweep) {
        if (generation.current !== mine) break;
        setRun({ ...settings, progress });
        // Let the page paint and take input between blocks: on the cpu backend a block never yields.
        await nextPaint();
        // Off screen or in a hidden tab, wait between blocks (timings are per block, so none is skewed).
        if (!visibleRef.current) {
          setRun((previous) => ({ ...previous, status: 'paused' }));
          while (!visibleRef.current && generation.current === mine) await sleep(250);
          if (generation.current !== mine) break;
          setRun((previous) => ({ ...previous, status: 'running' }));
        }
        if (generation.current !== mine) break;
      }
      if (generation.current === mine) setRun((previous) => ({ ...previous, status: 'done' }));
    } catch (error) {
      if (generation.current === mine) setRun((previous) => ({ ...previous, status: 'failed', error: error instanceof Error ? error.message : String(error) }));
    }
  };

  const timings = run.progress?.timings ?? [];
  const cell = (method: CostMethod, dims: number): CostTiming | undefined => timings.find((t) => t.method === method && t.dims === dims);
  const rows = useMemo(() => timings.map((t) => ({ method: COST_METHOD_LABELS[t.method], dims: t.dims, msPerStep: t.msPerStep })), [timings]);
  const options = useMemo(() => (rows.length > 0 ? costPlot(rows, COST_METHODS.map((m) => COST_METHOD_LABELS[m]), run.dimensions) : undefined), [rows, run.dimensions]);
  const largest = [...run.dimensions].reverse().find((d) => cell('ism-loop', d) && cell('ssm', d));
  const ratio = (d: number) => {
    const loop = cell('ism-loop', d);
    const ssm = cell('ssm', d);
    return loop && ssm ? loop.msPerStep / ssm.msPerStep : undefined;
  };
  // Both exact methods take the same steps from the same weights, so they must reach the same J.
  const agreement = run.dimensions.flatMap((d) => {
    const loop = cell('ism-loop', d);
    const batched = cell('ism-batched', d);
    return loop && batched ? [{ d, gap: Math.abs(loop.loss - batched.loss) / Math.max(1, Math.abs(batched.loss)) }] : [];
  });
  const disagree = agreement.filter((a) => !(a.gap <= 1e-3));
  const p = run.progress;
  const running = run.status === 'running' || run.status === 'paused';
  const backendName = run.backend ? NAMES[run.backend] ?? run.backend : undefined;
  const statusText = {
    idle: 'Press Run to time the three methods.',
    running: p ? `d = ${p.dims}, ${COST_METHOD_LABELS[p.method]}: ${p.block === 0 ? 'warm-up' : `block ${p.block} of ${run.repeats}`}` : 'starting…',
    paused: 'paused while the island is off screen',
    done: `done on ${backendName}`,
    stopped: `stopped on ${backendName}; the table keeps what was measured`,
    failed: `failed: ${run.error}`,
  }[run.status];

  return (
    <IslandFrame
      name="ssm-cost"
      frameRef={ref}
      runtimeState={runtimeState}
      ready={runtimeState.status === 'ready'}
      messages={state.messages}
      onReset={() => { stop(); state.reset(); }}
      actions={(
        <>
          <button type="button" data-testid="ssmc-run" disabled={runtimeState.status !== 'ready' || running} onClick={start}>Run</button>
          <button type="button" data-testid="ssmc-stop" disabled={!running} onClick={() => stop()}>Stop</button>
        </>
      )}
    >
      <div class="ssmc-progress" aria-live="polite">
        <progress max={p?.blocksTotal ?? 1} value={p?.blocksDone ?? 0} aria-label="benchmark progress" />
        <span data-testid="ssmc-status" data-status={run.status}>{statusText}</span>
        {p ? <span>{p.blocksDone} of {p.blocksTotal} blocks</span> : null}
      </div>
      {timings.length > 0 ? (
        <table class="ssmc-table" data-testid="ssmc-table">
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
                    return <td key={m} data-testid={`ssmc-ms-${m}-${d}`} data-value={t?.msPerStep}>{t ? msText(t.msPerStep) : '…'}</td>;
                  })}
                  <td data-testid={`ssmc-ratio-${d}`}>{ratio(d) !== undefined ? ratioText(ratio(d)!) : '…'}</td>
                </tr>
              ))}
            </tbody>
          </table>
      ) : null}
      {agreement.length > 0 ? (
        <p class="ssmc-check" data-testid="ssmc-agree" data-holds={String(disagree.length === 0)}>
          {disagree.length === 0
            ? `Check: both exact methods reach the same objective J at every d measured (largest relative difference ${Math.max(...agreement.map((a) => a.gap)).toExponential(1)}).`
            : `Check failed: the two exact methods disagree at d = ${disagree.map((a) => a.d).join(', ')}; this backend computed one of them wrongly.`}
        </p>
      ) : null}
      {options ? (
        <PlotFigure
          options={options}
          description={`Milliseconds per training step against the input dimension d on log-log axes, measured on ${backendName}, for exact implicit score matching with the trace by d backward passes, the same with the d Hessian-vector products batched, and sliced score matching with one projection.${largest ? ` At d = ${largest}, the d-pass step takes ${ratioText(ratio(largest)!).replace('×', '')} times as long as the sliced one.` : ''}`}
          caption="Each point: median wall time of one loss-and-gradient step (a warm-up step excluded, one readback per timed step). A line of slope 1 on these axes is cost proportional to d."
        />
      ) : <p class="ld-plot-empty">Nothing measured yet: the benchmark runs only when you press Run.</p>}
      <ParamSliders specs={PARAMS} values={state.params} idPrefix="ssm-cost" onInput={state.setParam} />
    </IslandFrame>
  );
}
