/**
 * Entry of the benchmark page (src/pages/bench.astro): exposes `window.__bench` to
 * scripts/bench.mjs. The suites (src/bench/suites.ts) run in the compute worker, on the backend
 * that `?backend=` forces; `?no-worker` runs them on the page's thread instead. Add a suite by
 * adding a `*-bench.ts` file; nothing here changes.
 */
import type { BenchRow } from './harness';
import type { BenchRequest } from './suites';

export type { BenchRequest } from './suites';

const SUITE_NAMES = Object.keys(import.meta.glob('./*-bench.ts')).map((path) => path.replace(/^\.\/|-bench\.ts$/g, ''));

async function run(request: BenchRequest): Promise<BenchRow[]> {
  const { getCompute } = await import('../compute/client');
  const compute = await getCompute();
  return compute.call<BenchRow[]>('runBench', request);
}

declare global {
  interface Window {
    __bench?: { run: typeof run; suites: string[] };
  }
}

window.__bench = { run, suites: SUITE_NAMES };
