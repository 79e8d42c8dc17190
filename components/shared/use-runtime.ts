import { useEffect, useState } from 'preact/hooks';
import type { Runtime } from '../../src/tensor/runtime';

export type RuntimeState = { status: 'loading' } | { status: 'ready'; runtime: Runtime } | { status: 'failed'; error: string };

/** Loads the page's compute runtime (tfjs and a backend) when the island mounts. */
export function useRuntime(): RuntimeState {
  const [state, setState] = useState<RuntimeState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    import('../../src/tensor/runtime')
      .then(({ getRuntime }) => getRuntime())
      .then((runtime) => !cancelled && setState({ status: 'ready', runtime }))
      .catch((error: unknown) => !cancelled && setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) }));
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
