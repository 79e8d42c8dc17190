/**
 * Something trained or sampled step by step that owns device memory (GaussianNllFit, ElboAscent,
 * DsmTrainer, ..., or a handle to one in the compute worker). `step(n)` takes n steps and reads back
 * once; `dispose` frees its tensors.
 */
export interface Stepper<S> {
  step(steps: number): Promise<S>;
  dispose(): void;
  /** True for a handle to a stepper in the compute worker (its steps do not block the page). */
  readonly remote?: boolean;
}

/** How often a worker-side stepper reports while running, and how far its steps per call may grow. */
export const REMOTE_ROUND_TRIP_MS = 120;
export const REMOTE_MAX_FACTOR = 16;

/** Steps for the next call of a worker-side stepper, from the last call's duration (pure). */
export function nextRemoteSteps(steps: number, stepsPerFrame: number, elapsedMs: number): number {
  const max = stepsPerFrame * REMOTE_MAX_FACTOR;
  if (elapsedMs < REMOTE_ROUND_TRIP_MS / 2) return Math.min(max, steps * 2);
  if (elapsedMs > REMOTE_ROUND_TRIP_MS * 2) return Math.max(stepsPerFrame, Math.floor(steps / 2));
  return steps;
}
