import { useEffect, useState } from 'preact/hooks';
import type { Runtime } from '../../src/tensor/runtime';
import type { ComputeRuntime } from '../../src/compute/client';

export type RuntimeState = { status: 'loading' } | { status: 'ready'; runtime: Runtime } | { status: 'failed'; error: string };

/** The compute worker's runtime: `runtime.evaluate`, `runtime.call`, `runtime.trainer` run off the main thread. */
export type ComputeState = { status: 'loading' } | { status: 'ready'; runtime: ComputeRuntime } | { status: 'failed'; error: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Loads tfjs and a backend on the main thread when the island mounts (`runtime.tf`). Kept for
 * islands that still hand `tf` to their code; new islands use `useCompute`, which keeps the page
 * responsive.
 */
export function useRuntime(): RuntimeState {
  const [state, setState] = useState<RuntimeState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    import('../../src/tensor/runtime')
      .then(({ getRuntime }) => getRuntime())
      .then((runtime) => !cancelled && setState({ status: 'ready', runtime }))
      .catch((error: unknown) => !cancelled && setState({ status: 'failed', error: message(error) }));
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}

/**
 * The page's compute worker (one per page, shared by all islands; the main thread if no worker
 * can run). After a worker restart the state changes to the new runtime, so islands that depend
 * on it recompute or recreate their trainers.
 */
export function useCompute(): ComputeState {
  const [state, setState] = useState<ComputeState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    import('../../src/compute/client')
      .then(({ getCompute, onComputeChange }) => {
        unsubscribe = onComputeChange((runtime) => !cancelled && setState({ status: 'ready', runtime }));
        return getCompute();
      })
      .then((runtime) => !cancelled && setState((old) => (old.status === 'ready' && old.runtime.generation > runtime.generation ? old : { status: 'ready', runtime })))
      .catch((error: unknown) => !cancelled && setState({ status: 'failed', error: message(error) }));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);
  return state;
}
