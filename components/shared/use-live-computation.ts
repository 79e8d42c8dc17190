import { useEffect, useRef, useState } from 'preact/hooks';

export interface LiveComputation<R> {
  readonly result?: R;
  readonly error?: string;
  /** True while the shown result is older than the current inputs. */
  readonly stale: boolean;
}

/**
 * Runs `compute(input)` whenever `input` changes, at most once per animation frame and never
 * two at a time: moves that arrive while a computation runs are coalesced into one follow-up
 * with the latest input, and a result older than one already shown is dropped. After the first
 * result, nothing runs while `active` is false (island off screen or tab hidden); the latest
 * input runs when it becomes true again.
 */
export function useLiveComputation<I, R>(input: I | undefined, compute: (input: I) => Promise<R>, active: boolean): LiveComputation<R> {
  const [state, setState] = useState<LiveComputation<R>>({ stale: true });
  const latest = useRef<I | undefined>(input);
  const computeRef = useRef(compute);
  const control = useRef({ frame: 0, running: false, dirty: false, requested: 0, shown: 0 });
  const activeRef = useRef(active);
  latest.current = input;
  computeRef.current = compute;
  activeRef.current = active;

  const run = () => {
    const c = control.current;
    c.frame = 0;
    if (c.running || (!activeRef.current && c.shown > 0)) {
      c.dirty = true;
      return;
    }
    const current = latest.current;
    if (current === undefined) return;
    c.running = true;
    c.dirty = false;
    const generation = ++c.requested;
    computeRef.current(current)
      .then((result) => {
        if (generation > c.shown) {
          c.shown = generation;
          setState({ result, stale: c.requested !== generation });
        }
      })
      .catch((error: unknown) => {
        if (generation > c.shown) {
          c.shown = generation;
          setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error), stale: false }));
        }
      })
      .finally(() => {
        c.running = false;
        if (c.dirty) schedule();
      });
  };
  const schedule = () => {
    const c = control.current;
    if (c.frame !== 0) return;
    c.frame = requestAnimationFrame(run);
  };

  useEffect(() => {
    if (input === undefined) return;
    // The first result is always computed (the island hydrated because it was seen); later
    // inputs wait while the island is off screen or the tab is hidden.
    if (!active && control.current.shown > 0) {
      control.current.dirty = true;
      return;
    }
    setState((previous) => (previous.stale ? previous : { ...previous, stale: true }));
    schedule();
  }, [input, active]);

  useEffect(() => () => {
    if (control.current.frame !== 0) cancelAnimationFrame(control.current.frame);
  }, []);

  return state;
}
