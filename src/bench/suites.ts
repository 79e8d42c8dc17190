/**
 * Every `src/bench/*-bench.ts` suite, and the runner that scripts/bench.mjs reaches through the
 * bench page. The runner is given the tfjs namespace, so it runs in the compute worker (the
 * default; `runBench` in src/compute/registry.ts) or, with `?no-worker`, on the page's thread.
 */
import type { Runtime } from '../tensor/runtime';
import type { Tf } from '../tensor/tf';
import type { BenchRow, BenchSuite } from './harness';

const modules = import.meta.glob<{ suite: BenchSuite }>('./*-bench.ts', { eager: true });
export const SUITES: BenchSuite[] = Object.values(modules).map((module) => module.suite);

export interface BenchRequest {
  /** Suite names to run; all when empty or absent. */
  readonly suites?: readonly string[];
  readonly repeats: number;
  readonly includeJs: boolean;
  readonly sizes?: readonly number[];
}

export async function runSuites(tf: Tf, request: BenchRequest): Promise<BenchRow[]> {
  const runtime = { tf, backend: tf.getBackend(), failures: [] } as unknown as Runtime;
  const wanted = request.suites?.length ? request.suites : SUITES.map((suite) => suite.name);
  const unknown = wanted.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (unknown.length > 0) throw new Error(`unknown bench suite(s): ${unknown.join(', ')}; have ${SUITES.map((s) => s.name).join(', ')}`);
  const rows: BenchRow[] = [];
  for (const suite of SUITES.filter((s) => wanted.includes(s.name))) {
    console.info(`bench suite ${suite.name} on ${runtime.backend}`);
    rows.push(...(await suite.run({ runtime, repeats: request.repeats, includeJs: request.includeJs, sizes: request.sizes })));
  }
  return rows;
}
