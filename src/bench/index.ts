/**
 * Entry of the benchmark page (src/pages/bench.astro): collects every `src/bench/*-bench.ts` suite
 * and exposes `window.__bench` to scripts/bench.mjs. Add a suite by adding a file; nothing here changes.
 */
import { getRuntime } from '../tensor/runtime';
import type { BenchRow, BenchSuite } from './harness';

const modules = import.meta.glob<{ suite: BenchSuite }>('./*-bench.ts', { eager: true });
const suites: BenchSuite[] = Object.values(modules).map((module) => module.suite);

export interface BenchRequest {
  /** Suite names to run; all when empty or absent. */
  readonly suites?: readonly string[];
  readonly repeats: number;
  readonly includeJs: boolean;
  readonly sizes?: readonly number[];
}

async function run(request: BenchRequest): Promise<BenchRow[]> {
  const runtime = await getRuntime();
  const wanted = request.suites?.length ? request.suites : suites.map((suite) => suite.name);
  const unknown = wanted.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) throw new Error(`unknown bench suite(s): ${unknown.join(', ')}; have ${suites.map((s) => s.name).join(', ')}`);
  const rows: BenchRow[] = [];
  for (const suite of suites.filter((s) => wanted.includes(s.name))) {
    console.info(`bench suite ${suite.name} on ${runtime.backend}`);
    rows.push(...(await suite.run({ runtime, repeats: request.repeats, includeJs: request.includeJs, sizes: request.sizes })));
  }
  return rows;
}

declare global {
  interface Window {
    __bench?: { run: typeof run; suites: string[] };
  }
}

window.__bench = { run, suites: suites.map((suite) => suite.name) };
