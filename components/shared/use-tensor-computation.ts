import { useMemo } from 'preact/hooks';
import type { ComputeRuntime } from '../../src/compute/client';
import { useLiveComputation } from './use-live-computation';
import type { LiveComputation } from './use-live-computation';
import type { Island } from './use-island';
import type { ComputeState } from './use-runtime';

export interface TensorComputation<R> extends LiveComputation<R> {
  /** The failure as a reader-facing notice (empty when none), for `IslandFrame`'s `messages`. */
  readonly messages: readonly string[];
}

/**
 * `useLiveComputation` for an island: runs `compute(runtime, input)` once the page's compute
 * runtime (the worker, or the main thread where no worker runs) is ready, while the island is
 * visible, with the shared scheduling rules (one per frame, latest input wins, stale results
 * dropped). `compute` asks the runtime for named work (`runtime.call('scoreField', …)`), so the
 * tensors never touch the main thread. `input` must keep its identity between renders unless it
 * changes (useMemo). A worker restart hands over a new runtime, and the computation runs again.
 */
export function useTensorComputation<I, R>(
  island: Pick<Island, 'visible'>,
  runtimeState: ComputeState,
  input: I | undefined,
  compute: (runtime: ComputeRuntime, input: I) => Promise<R>,
): TensorComputation<R> {
  const runtime = runtimeState.status === 'ready' ? runtimeState.runtime : undefined;
  const gated = useMemo(() => (runtime && input !== undefined ? { runtime, input } : undefined), [runtime, input]);
  const live = useLiveComputation(gated, (g) => compute(g.runtime, g.input), island.visible);
  return { ...live, messages: live.error ? [`The computation failed: ${live.error}`] : [] };
}
