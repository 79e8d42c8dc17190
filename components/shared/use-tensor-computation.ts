import { useMemo } from 'preact/hooks';
import type { Tf } from '../../src/derivations/types';
import { useLiveComputation } from './use-live-computation';
import type { LiveComputation } from './use-live-computation';
import type { Island } from './use-island';
import type { RuntimeState } from './use-runtime';

export interface TensorComputation<R> extends LiveComputation<R> {
  /** The failure as a reader-facing notice (empty when none), for `IslandFrame`'s `messages`. */
  readonly messages: readonly string[];
}

/**
 * `useLiveComputation` for an island: runs `compute(tf, input)` once the runtime is ready, while
 * the island is visible, with the shared scheduling rules (one per frame, latest input wins,
 * stale results dropped). `input` must keep its identity between renders unless it changes (useMemo).
 */
export function useTensorComputation<I, R>(
  island: Pick<Island, 'visible'>,
  runtimeState: RuntimeState,
  input: I | undefined,
  compute: (tf: Tf, input: I) => Promise<R>,
): TensorComputation<R> {
  const tf = runtimeState.status === 'ready' ? runtimeState.runtime.tf : undefined;
  const gated = useMemo(() => (tf && input !== undefined ? { tf, input } : undefined), [tf, input]);
  const live = useLiveComputation(gated, (g) => compute(g.tf, g.input), island.visible);
  return { ...live, messages: live.error ? [`The computation failed: ${live.error}`] : [] };
}
