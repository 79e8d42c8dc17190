/**
 * Shared pieces of the benchmark harness (`npm run bench`, never a test). Every file
 * `src/bench/<name>-bench.ts` exports `suite: BenchSuite`; src/bench/index.ts finds them all by glob,
 * so a chapter adds its benchmark rows by adding one file and touching nothing else.
 */
import type { Runtime } from '../tensor/runtime';

export interface BenchRow {
  readonly backend: string;
  readonly task: string;
  /** The size that varies along the table (N samples, particles, batch, dimension D...). */
  readonly n: number;
  /** What `n` counts, printed in the table ("N", "particles", "batch", "D"). */
  readonly sizeLabel?: string;
  /** Wall time of the first run, which includes shader compilation and buffer creation. */
  readonly firstMs: number;
  /** Median wall time of the repeated runs after the first. */
  readonly medianMs: number;
  readonly repeats: number;
  /** The computed value, so rows can be checked against each other across backends. */
  readonly value: number;
  /** Optional throughput derived from the median ("steps/s", "particle-steps/s"). */
  readonly rate?: { readonly value: number; readonly unit: string };
}

export interface BenchContext {
  readonly runtime: Runtime;
  readonly repeats: number;
  /** True on the first backend only: suites add their plain-JavaScript baseline rows then. */
  readonly includeJs: boolean;
  /** Sizes given on the command line (`--sizes`); each suite decides whether they apply to it. */
  readonly sizes?: readonly number[];
}

export interface BenchSuite {
  readonly name: string;
  readonly run: (context: BenchContext) => Promise<BenchRow[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times `task` once (first run, with compilation) and then `repeats` more times. */
export async function time(
  task: () => Promise<number>,
  repeats: number,
): Promise<{ firstMs: number; medianMs: number; value: number }> {
  let start = performance.now();
  let value = await task();
  const firstMs = performance.now() - start;
  const runs: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    start = performance.now();
    value = await task();
    runs.push(performance.now() - start);
  }
  return { firstMs, medianMs: median(runs), value };
}
