import { useEffect, useRef } from 'preact/hooks';

import { nextRemoteSteps } from '../../src/training/stepper';
import type { Stepper } from '../../src/training/stepper';

export type { Stepper } from '../../src/training/stepper';

interface StepperOptions<S> {
  /** Makes a fresh stepper (called whenever `deps` change), or undefined while not possible. */
  readonly create: () => Stepper<S> | undefined;
  readonly deps: readonly unknown[];
  /** Steps taken at creation to report the starting state (0 or 1). */
  readonly initialSteps: number;
  /** Animate while true (running, on screen, tab visible). */
  readonly active: boolean;
  readonly stepsPerFrame: number;
  /** Receives each state; return false to stop animating (e.g. at an iteration cap). */
  readonly onState: (state: S, initial: boolean) => boolean;
  /** A step failed (e.g. the compute worker died); the loop stops until `deps` change. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The training loop shared by islands: one stepper per parameter set, several steps per animation
 * frame with one readback, never two steps in flight, and the stepper's tensors freed only once a
 * step in flight has finished.
 */
export function useStepper<S>({ create, deps, initialSteps, active, stepsPerFrame, onState, onError }: StepperOptions<S>): void {
  const stepper = useRef<Stepper<S> | undefined>();
  const busy = useRef(false);
  const onStateRef = useRef(onState);
  onStateRef.current = onState;
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    const made = create();
    if (!made) return undefined;
    stepper.current = made;
    busy.current = true;
    made.step(initialSteps).then((state) => {
      busy.current = false;
      if (stepper.current === made) onStateRef.current(state, true);
    }, (error: unknown) => {
      // A stepper whose compute worker died: the island gets a new runtime and makes a new one.
      busy.current = false;
      onErrorRef.current?.(error);
    });
    return () => {
      stepper.current = undefined;
      const release = () => (busy.current ? setTimeout(release, 20) : made.dispose());
      release();
    };
  }, deps);

  useEffect(() => {
    if (!active) return undefined;
    let frame = 0;
    // Set by the cleanup (pause, off screen, hidden tab): a step in flight then still reports its
    // state, but schedules no further frame; cancelAnimationFrame alone cannot stop a loop that is
    // awaiting its step when the cleanup runs.
    let stopped = false;
    // A stepper in the compute worker does not block the page while it steps, so after the first
    // call of a run it may take more steps per call: results then arrive about every
    // REMOTE_ROUND_TRIP_MS, and the page redraws its charts that often instead of every few steps.
    let steps = stepsPerFrame;
    const tick = async () => {
      const current = stepper.current;
      if (!current || busy.current) {
        if (!stopped) frame = requestAnimationFrame(tick);
        return;
      }
      busy.current = true;
      let state: S;
      const started = performance.now();
      try {
        state = await current.step(steps);
      } catch (error) {
        busy.current = false;
        if (stepper.current === current) onErrorRef.current?.(error);
        return;
      } finally {
        busy.current = false;
      }
      if (stepper.current !== current) return;
      if (current.remote) steps = nextRemoteSteps(steps, stepsPerFrame, performance.now() - started);
      if (onStateRef.current(state, false) && !stopped) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
    };
  }, [active, ...deps]);
}
