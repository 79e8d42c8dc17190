/**
 * The score-matching chapter's cost table: one loss-and-gradient step of exact ISM (trace by D
 * backward passes, or D Hessian-vector products batched into one pass) against sliced score
 * matching (one Hessian-vector product) for an MLP energy on R^D, per backend. The timed code is
 * src/training/ssm-cost.ts, the same the chapter's island runs. The rate column gives each
 * method's time as a multiple of SSM's at the same D.
 */
import type { BenchRow, BenchSuite } from './harness';
import { COST_DEFAULTS, COST_METHODS, COST_METHOD_LABELS, costSweep, powersOfTwo } from '../training/ssm-cost';
import type { CostTiming } from '../training/ssm-cost';

const DEFAULT_DIMENSIONS = powersOfTwo(64);

export const suite: BenchSuite = {
  name: 'ssm',
  run: async ({ runtime, repeats, sizes }) => {
    const settings = { ...COST_DEFAULTS, dimensions: sizes ?? DEFAULT_DIMENSIONS, methods: COST_METHODS, repeats: Math.max(2, Math.min(repeats, 5)) };
    let timings: readonly CostTiming[] = [];
    for await (const progress of costSweep(runtime.tf, settings)) timings = progress.timings;
    return timings.map((t): BenchRow => {
      const ssm = timings.find((s) => s.method === 'ssm' && s.dims === t.dims);
      return {
        backend: runtime.backend,
        task: `${COST_METHOD_LABELS[t.method]} (batch ${settings.batch})`,
        n: t.dims,
        sizeLabel: 'D',
        firstMs: t.firstMsPerStep,
        medianMs: t.msPerStep,
        repeats: t.repeats,
        value: t.loss,
        rate: ssm ? { value: t.msPerStep / ssm.msPerStep, unit: '× SSM' } : undefined,
      };
    });
  },
};
