/**
 * Something trained or sampled step by step that owns device memory (GaussianNllFit, ElboAscent,
 * DsmTrainer, ..., or a handle to one in the compute worker). `step(n)` takes n steps and reads back
 * once; `dispose` frees its tensors.
 */
export interface Stepper<S> {
  step(steps: number): Promise<S>;
  dispose(): void;
}
