/**
 * The compute host: owns tfjs and every tensor. It runs in the page's compute worker (worker.ts)
 * or, when no worker can start, on the main thread; the API is the same either way.
 *
 * At `init` it proves each candidate backend with its smoke computation, times one short workload
 * per class of work (workloads.ts) unless the timings are cached, and picks the fastest backend per
 * class (choice.ts). Every call then runs on its class's backend. tfjs has one active backend, so a
 * call that needs another waits until the calls running on the current one have finished.
 */
import { evaluateDerivation, type EvaluateOptions } from '../derivations/engine';
import { loadModel } from '../derivations/registry';
import type { DerivationResult, ParamValues, SampleSettings, StepSpec } from '../derivations/types';
import { BACKEND_ORDER, backendOrderFromQuery, describeAdapter, initBackend, isSoftwareWebgl, loadTf, watchDeviceLoss } from '../tensor/runtime';
import type { AdapterInfo, BackendFailure, BackendName } from '../tensor/runtime';
import type { Tf } from '../tensor/tf';
import { SOFTWARE_SKIP_RATIO, WORK_CLASSES, calibrationCacheKey, calibrationLimits, chooseBackends, parseCachedTimings, ratioText, serialiseTimings, timingMs } from './choice';
import type { BackendChoice, Timing, Timings, WorkClass } from './choice';
import { CALLS, TRAINERS } from './registry';
import type { HostedObject } from './registry';
import { timeWorkload } from './workloads';

export interface InitRequest {
  /** The page's `?backend=` value. */
  readonly query: string | null;
  /** Cached calibrations from the page's localStorage, by key. */
  readonly cache: Readonly<Record<string, string>>;
  readonly userAgent: string;
}

export interface ComputeInfo {
  /** The backend per class of work, with why it is not WebGPU. */
  readonly choice: BackendChoice;
  readonly adapter?: string;
  readonly softwareAdapter: boolean;
  /** "SIMD", "SIMD, 3 threads" for wasm. */
  readonly wasmVariant?: string;
  /** Backends skipped, with the reason (smoke test or calibration failed). */
  readonly failures: readonly BackendFailure[];
  readonly timings: Timings;
  /** True when the timings came from localStorage. */
  readonly cached: boolean;
  /** Milliseconds spent proving and timing backends at start-up. */
  readonly calibrationMs: number;
  /** Milliseconds per start-up phase (loading tfjs, proving each backend, timing), for benches. */
  readonly phases: Readonly<Record<string, number>>;
  /** Set when new timings should be stored: [key, value]. */
  readonly store?: readonly [string, string];
  readonly notice?: string;
  readonly forced: boolean;
}

export interface MemoryInfo {
  readonly numTensors: number;
  readonly numBytes: number;
  /** WebGPU/WebGL allocated bytes where the backend reports them. */
  readonly numBytesInGPU?: number;
  readonly backend: string;
  readonly hosted: number;
}

export interface ComputeHost {
  init(request: InitRequest): Promise<ComputeInfo>;
  ping(): Promise<true>;
  /** `options.mutation` plants a mistake in one step (verify --mutate: does its check catch it?). */
  evaluate(modelId: string, steps: readonly StepSpec[], params: ParamValues, sample: SampleSettings, options?: EvaluateOptions): Promise<DerivationResult>;
  call(name: string, args: readonly unknown[]): Promise<unknown>;
  create(id: number, name: string, args: readonly unknown[]): Promise<void>;
  step(id: number, steps: number): Promise<unknown>;
  invoke(id: number, method: string, args: readonly unknown[]): Promise<unknown>;
  set(id: number, property: string, value: unknown): Promise<void>;
  dispose(id: number): Promise<void>;
  memory(): Promise<MemoryInfo>;
}

/** Calibration order: CPU-side backends first (see `start`). */
const CALIBRATION_ORDER: readonly BackendName[] = ['wasm', 'cpu', 'webgl', 'webgpu'];

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createComputeHost(): ComputeHost {
  let tf: Tf | undefined;
  let info: ComputeInfo | undefined;
  let initPromise: Promise<ComputeInfo> | undefined;
  const hosted = new Map<number, { object: HostedObject; work: WorkClass; busy: Promise<unknown> }>();

  // The backend lock: calls on the active backend run concurrently; switching waits for them.
  let active: BackendName | undefined;
  let running = 0;
  let drained: (() => void)[] = [];
  const acquire = async (backend: BackendName) => {
    while (active !== backend && running > 0) await new Promise<void>((resolve) => drained.push(resolve));
    if (active !== backend) {
      await tf!.setBackend(backend);
      active = backend;
    }
    running += 1;
  };
  const release = () => {
    running -= 1;
    if (running === 0) {
      const waiting = drained;
      drained = [];
      waiting.forEach((resolve) => resolve());
    }
  };
  const onBackend = async <R>(work: WorkClass, run: (tf: Tf) => Promise<R> | R): Promise<R> => {
    if (!info || !tf) throw new Error('the compute host was not initialised');
    await acquire(info.choice[work].backend);
    try {
      return await run(tf);
    } finally {
      release();
    }
  };

  const start = async (request: InitRequest): Promise<ComputeInfo> => {
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    let mark = t0;
    const lap = (name: string) => {
      const t = performance.now();
      phases[name] = (phases[name] ?? 0) + (t - mark);
      mark = t;
    };
    tf = await loadTf();
    lap('load tfjs');
    const { order, notice } = backendOrderFromQuery(request.query);
    const forced = request.query !== null && request.query !== '' && notice === undefined;
    const failures: BackendFailure[] = [];
    let adapter: AdapterInfo | undefined;
    let wasmVariant: string | undefined;
    const proven: BackendName[] = [];
    const prove = async (backend: BackendName): Promise<boolean> => {
      try {
        lap('other');
        const prepared = await initBackend(tf!, backend).finally(() => lap(`prove ${backend}`));
        if (prepared.adapter) adapter = prepared.adapter;
        if (backend === 'wasm') wasmVariant = prepared.variant;
        if (backend === 'webgpu') watchDeviceLoss(tf!);
        proven.push(backend);
        return true;
      } catch (error) {
        failures.push({ backend, reason: errorText(error) });
        return false;
      }
    };
    const finish = (choice: BackendChoice, timings: Timings, cached: boolean, store?: readonly [string, string]): ComputeInfo => ({
      choice, adapter: adapter?.description, softwareAdapter: adapter?.software ?? false, wasmVariant, failures, timings, cached,
      calibrationMs: performance.now() - t0, phases, store, notice, forced,
    });

    if (forced) {
      // `?backend=` forces one backend for all work (falling back in order if it fails).
      for (const backend of order) if (await prove(backend)) break;
      if (proven.length === 0) throw new Error(`no compute backend works here: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
      const only = { backend: proven[0] };
      active = proven[0];
      return finish({ eval: only, train: only, sample: only }, {}, false);
    }

    // A cached calibration: prove only the backends it chose, and recalibrate if one fails now.
    const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
    const keyFor = () => calibrationCacheKey({ userAgent: request.userAgent, adapter: adapter?.description, softwareAdapter: adapter?.software, crossOriginIsolated: isolated });
    const hasGpu = typeof navigator !== 'undefined' && 'gpu' in navigator;
    if (hasGpu) {
      // The key needs the adapter: describe it cheaply without initialising the backend.
      try {
        adapter = await describeAdapter();
        lap('describe adapter');
      } catch {
        adapter = undefined;
      }
    }
    const cachedTimings = parseCachedTimings(request.cache[keyFor()]);
    if (cachedTimings) {
      const wanted = BACKEND_ORDER.filter((b) => cachedTimings[b] !== undefined);
      const choice = chooseBackends(wanted, cachedTimings, [], adapter?.software);
      const needed = Array.from(new Set(WORK_CLASSES.map((w) => choice[w].backend)));
      let ok = true;
      for (const backend of needed) ok = (await prove(backend)) && ok;
      if (ok) {
        active = tf.getBackend() as BackendName;
        return finish(choice, cachedTimings, true);
      }
      proven.length = 0;
    }

    // Fast CPU-side candidates first: their times set the cut-off for slower (software GPU) ones,
    // and a cut-off GPU run finishing in the background then skews no one else's timing.
    const timings: Timings = {};
    const best: Partial<Record<WorkClass, number>> = {};
    for (const backend of CALIBRATION_ORDER) {
      if (!order.includes(backend)) continue;
      if (!(proven.includes(backend) || (await prove(backend)))) continue;
      await tf.setBackend(backend);
      const software = backend === 'webgpu' ? adapter?.software ?? false : backend === 'webgl' ? isSoftwareWebgl(tf) : false;
      const row: Partial<Record<WorkClass, Timing>> = {};
      for (const work of WORK_CLASSES) {
        // A software GPU far slower at the small evaluation would only burn seconds of CPU (its
        // shader compilation blocks the thread) to lose training and sampling too.
        const evalMs = timingMs(row.eval);
        if (work !== 'eval' && software && evalMs !== undefined && best.eval !== undefined && evalMs >= SOFTWARE_SKIP_RATIO * best.eval) {
          row[work] = { notTimed: `not timed on ${work === 'train' ? 'training' : 'sampling'}: {adapter} was already ${typeof row.eval === 'object' ? 'at least ' : ''}${ratioText(evalMs / best.eval)} slower on a small evaluation` };
          continue;
        }
        const limits = calibrationLimits(best[work], software);
        lap('other');
        const { timing } = await timeWorkload(tf, work, limits, backend === 'cpu');
        lap(`time ${backend}`);
        row[work] = timing;
        const ms = timingMs(timing);
        if (ms !== undefined && typeof timing === 'number') best[work] = Math.min(best[work] ?? Infinity, ms);
      }
      timings[backend] = row;
      if (WORK_CLASSES.every((w) => typeof row[w] === 'string')) {
        failures.push({ backend, reason: `calibration failed: ${String(row.eval)}` });
        proven.splice(proven.indexOf(backend), 1);
      }
    }
    if (proven.length === 0) throw new Error(`no compute backend works here: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
    const choice = chooseBackends(proven, timings, failures, adapter?.software);
    await tf.setBackend(choice.eval.backend);
    active = choice.eval.backend;
    return finish(choice, timings, false, [keyFor(), serialiseTimings(timings)]);
  };

  const hostedObject = (id: number) => {
    const entry = hosted.get(id);
    if (!entry) throw new Error(`no trainer with handle ${id} (disposed, or the worker restarted)`);
    return entry;
  };
  // One call at a time per hosted object (a step in flight finishes before the next or dispose).
  const serial = async <R>(id: number, run: (entry: { object: HostedObject; work: WorkClass }) => Promise<R>): Promise<R> => {
    const entry = hostedObject(id);
    const next = entry.busy.catch(() => undefined).then(() => onBackend(entry.work, () => run(entry)));
    entry.busy = next;
    return next;
  };

  return {
    init(request) {
      initPromise ??= start(request).then((result) => (info = result));
      return initPromise;
    },
    async ping() {
      return true;
    },
    async evaluate(modelId, steps, params, sample, options) {
      const model = await loadModel(modelId);
      return onBackend('eval', (t) => evaluateDerivation(t, model, steps, params, sample, options));
    },
    async call(name, args) {
      const entry = CALLS[name];
      if (!entry) throw new Error(`the compute host has no function "${name}"`);
      const fn = await entry.load();
      return onBackend(entry.work, (t) => (fn as (tf: Tf, ...rest: unknown[]) => unknown)(t, ...args));
    },
    async create(id, name, args) {
      const entry = TRAINERS[name];
      if (!entry) throw new Error(`the compute host has no trainer "${name}"`);
      const factory = await entry.load();
      const object = await onBackend(entry.work, (t) => factory(t, [...args], (other) => hostedObject(other).object));
      hosted.set(id, { object, work: entry.work, busy: Promise.resolve() });
    },
    step(id, steps) {
      return serial(id, ({ object }) => {
        if (typeof object.step !== 'function') throw new Error(`trainer ${id} has no step()`);
        return object.step(steps);
      });
    },
    invoke(id, method, args) {
      return serial(id, async ({ object }) => {
        const member = object[method];
        if (typeof member !== 'function') throw new Error(`trainer ${id} has no method "${method}"`);
        return (member as (...a: unknown[]) => unknown).apply(object, [...args]);
      });
    },
    async set(id, property, value) {
      const entry = hostedObject(id);
      (entry.object as Record<string, unknown>)[property] = value;
    },
    async dispose(id) {
      const entry = hosted.get(id);
      if (!entry) return;
      hosted.delete(id);
      await entry.busy.catch(() => undefined);
      entry.object.dispose();
    },
    async memory() {
      const t = tf ?? (await loadTf());
      // tf.memory() as tfjs reports it (numBytesAllocatedInGPU on WebGPU, read by npm run soak), plus the host's own counts.
      const m = t.memory() as { numTensors: number; numBytes: number; numBytesInGPU?: number; numBytesAllocatedInGPU?: number; unreliable?: boolean };
      return { ...m, numBytesInGPU: m.numBytesAllocatedInGPU ?? m.numBytesInGPU, backend: t.getBackend(), hosted: hosted.size };
    },
  };
}
