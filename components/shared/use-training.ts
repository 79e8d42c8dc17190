import { useRef, useState } from 'preact/hooks';
import { useStepper } from './use-stepper';
import type { Stepper } from './use-stepper';
import type { Island } from './use-island';

/** Which network a training run is: Restart makes a new one with fresh initial weights (`seedOffset`). */
export interface TrainingRun {
  readonly id: number;
  readonly seedOffset: number;
}

export interface Training {
  readonly running: boolean;
  readonly setRunning: (running: boolean) => void;
  /** Start or pause. */
  readonly toggle: () => void;
  /** Run exactly one frame's steps, then pause. */
  readonly stepOnce: () => void;
  /** Pause and start again from fresh initial weights. */
  readonly restart: () => void;
  /** Pause and start again from the default initial weights (what "Reset to defaults" does). */
  readonly resetRun: () => void;
  readonly run: TrainingRun;
}

interface TrainingOptions<S> {
  /** Makes a fresh stepper for this run (called when `deps` or the run change), or undefined while not possible. */
  readonly create: (run: TrainingRun) => Stepper<S> | undefined;
  readonly deps: readonly unknown[];
  /** Steps taken at creation to report the starting state (0 or 1). */
  readonly initialSteps: number;
  readonly stepsPerFrame: number;
  /** Receives each state; return false to pause (an iteration cap, divergence). */
  readonly onState: (state: S, initial: boolean) => boolean;
}

/**
 * A training island's loop and its Start/Pause, Step and Restart state, on the shared `useStepper`
 * (never two steps in flight; a pause, leaving the screen or hiding the tab stops the next frame).
 */
export function useTraining<S>(island: Pick<Island, 'visible'>, { create, deps, initialSteps, stepsPerFrame, onState }: TrainingOptions<S>): Training {
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<TrainingRun>({ id: 0, seedOffset: 0 });
  const single = useRef(false);
  useStepper<S>({
    create: () => create(run),
    deps: [...deps, run],
    initialSteps,
    active: running && island.visible,
    stepsPerFrame,
    onState: (state, initial) => {
      const more = onState(state, initial);
      if (initial) return more;
      const go = more && !single.current;
      single.current = false;
      if (!go) setRunning(false);
      return go;
    },
  });
  return {
    running,
    setRunning: (next) => {
      if (!next) single.current = false;
      setRunning(next);
    },
    toggle: () => {
      single.current = false;
      setRunning(!running);
    },
    stepOnce: () => {
      single.current = true;
      setRunning(true);
    },
    restart: () => {
      setRunning(false);
      setRun((r) => ({ id: r.id + 1, seedOffset: r.seedOffset + 1 }));
    },
    resetRun: () => {
      setRunning(false);
      setRun((r) => ({ id: r.id + 1, seedOffset: 0 }));
    },
    run,
  };
}
