/**
 * The page side of the compute worker: starts one worker per page (shared by every island), and
 * hands islands a `ComputeRuntime` whose calls run there. Faults:
 * - the worker cannot be created or fails to start: compute on the main thread, and say why;
 * - the worker dies (error, no answer to a heartbeat, or killed by the e2e test hook): restart it
 *   once, and every island recomputes with a notice; a second death moves compute to the main
 *   thread with a message. Island state (sliders, URL, pasted data) lives on the page and survives.
 */
import * as Comlink from 'comlink';
import type { DerivationResult, ParamValues, SampleSettings, StepSpec } from '../derivations/types';
import type { EvaluateOptions } from '../derivations/engine';
import type { BackendFailure, BackendName } from '../tensor/runtime';
import { CACHE_PREFIX, WORK_CLASSES } from './choice';
import type { WorkClass } from './choice';
import type { ComputeHost, ComputeInfo, InitRequest, MemoryInfo } from './host';

export type ComputeThread = 'worker' | 'main';

/** A trainer or sampler living in the compute host, driven like the local `Stepper`s. */
export interface TrainerHandle<S> {
  step(steps: number): Promise<S>;
  /** Calls a method of the hosted object (e.g. `field(level)`), after any step in flight. */
  invoke<R>(method: string, ...args: unknown[]): Promise<R>;
  /** Sets a property of the hosted object (e.g. `fieldLevel`). */
  set(property: string, value: unknown): void;
  /** Frees the object's tensors and GPU buffers in the host (after a step in flight). */
  dispose(): void;
  /** The handle id in the host, for samplers that start from a trainer (`dsm-sampler`). */
  readonly id: number;
  /** Marks a worker-side stepper for useStepper; false when the host runs on the main thread. */
  readonly remote: boolean;
}

export interface ComputeRuntime {
  /** The backend of small evaluations (the field older code reads). */
  readonly backend: BackendName;
  readonly adapter?: string;
  readonly softwareAdapter?: boolean;
  readonly failures: readonly BackendFailure[];
  /** A message for the islands: a restart, a fall-back to the main thread, an ignored `?backend=`. */
  readonly notice?: string;
  readonly thread: ComputeThread;
  /** Why compute runs on the main thread, when it does. */
  readonly threadReason?: string;
  readonly info: ComputeInfo;
  /** Increases with every restart: islands that depend on the runtime recompute. */
  readonly generation: number;
  backendFor(work: WorkClass): BackendName;
  /** Why `work` does not run on WebGPU (badge text), if it does not. */
  reasonFor(work: WorkClass): string | undefined;
  evaluate(modelId: string, steps: readonly StepSpec[], params: ParamValues, sample: SampleSettings, options?: EvaluateOptions): Promise<DerivationResult>;
  call<R>(name: string, ...args: unknown[]): Promise<R>;
  trainer<S>(name: string, ...args: unknown[]): TrainerHandle<S>;
  memory(): Promise<MemoryInfo>;
}

/** Thrown by calls that were in flight when the worker died. */
export class WorkerDied extends Error {}

const START_TIMEOUT_MS = 90_000;
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 45_000;

interface Connection {
  readonly host: Comlink.Remote<ComputeHost> | ComputeHost;
  readonly thread: ComputeThread;
  readonly died: Promise<string>;
  kill(reason: string): void;
}

function readCache(): Record<string, string> {
  const cache: Record<string, string> = {};
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(CACHE_PREFIX)) cache[key] = localStorage.getItem(key) ?? '';
    }
  } catch {
    // No storage (privacy mode): calibrate every visit.
  }
  return cache;
}

function initRequest(): InitRequest {
  const query = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('backend');
  return { query, cache: readCache(), userAgent: navigator.userAgent };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function startWorker(): Connection {
  if (typeof Worker === 'undefined') throw new Error('this browser has no Web Workers');
  if (new URLSearchParams(location.search).has('no-worker')) throw new Error('the page asked for no worker (?no-worker)');
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'live-derivations-compute' });
  let kill: (reason: string) => void = () => undefined;
  const died = new Promise<string>((resolve) => {
    kill = (reason) => {
      worker.terminate();
      resolve(reason);
    };
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    kill(`the worker failed: ${event.message || 'it could not be loaded'}`);
  });
  const host = Comlink.wrap<ComputeHost>(worker);
  // A worker that stops answering is dead to the page (an out-of-memory kill sends no event).
  const timer = setInterval(() => {
    const answer = host.ping();
    const timeout = setTimeout(() => kill('the worker stopped answering'), HEARTBEAT_TIMEOUT_MS);
    answer.then(() => clearTimeout(timeout), () => undefined);
  }, HEARTBEAT_MS);
  died.then(() => clearInterval(timer));
  return { host, thread: 'worker', died, kill };
}

async function mainThreadConnection(): Promise<Connection> {
  const { createComputeHost } = await import('./host');
  return { host: createComputeHost(), thread: 'main', died: new Promise<string>(() => undefined), kill: () => undefined };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

let nextHandle = 1;

function makeRuntime(connection: Connection, info: ComputeInfo, generation: number, notice: string | undefined, threadReason?: string): ComputeRuntime {
  const { host } = connection;
  const guard = <T>(promise: Promise<T>): Promise<T> => Promise.race([
    promise,
    connection.died.then((reason) => { throw new WorkerDied(`the compute worker stopped: ${reason}`); }),
  ]);
  const failures = info.failures;
  const notices = [info.notice, notice].filter(Boolean).join(' ');
  return {
    backend: info.choice.eval.backend,
    adapter: info.adapter,
    softwareAdapter: info.softwareAdapter,
    failures,
    notice: notices.length > 0 ? notices : undefined,
    thread: connection.thread,
    threadReason,
    info,
    generation,
    backendFor: (work) => info.choice[work].backend,
    reasonFor: (work) => info.choice[work].reason,
    evaluate: (modelId, steps, params, sample, options) => guard(host.evaluate(modelId, steps, params, sample, options) as Promise<DerivationResult>),
    call: <R>(name: string, ...args: unknown[]) => guard(host.call(name, args) as Promise<R>),
    trainer: <S>(name: string, ...args: unknown[]): TrainerHandle<S> => {
      const id = nextHandle++;
      const created = guard(host.create(id, name, args) as Promise<void>);
      let disposed = false;
      return {
        id,
        remote: connection.thread === 'worker',
        step: (steps) => created.then(() => guard(host.step(id, steps) as Promise<S>)),
        invoke: <R>(method: string, ...rest: unknown[]) => created.then(() => guard(host.invoke(id, method, rest) as Promise<R>)),
        set: (property, value) => { created.then(() => host.set(id, property, value)).catch(() => undefined); },
        dispose: () => {
          if (disposed) return;
          disposed = true;
          created.then(() => host.dispose(id)).catch(() => undefined);
        },
      };
    },
    memory: () => guard(host.memory() as Promise<MemoryInfo>),
  };
}

type Listener = (runtime: ComputeRuntime) => void;
const listeners = new Set<Listener>();
let current: Promise<ComputeRuntime> | null = null;
let deaths = 0;
let generation = 0;
let connection: Connection | undefined;

function storeCalibration(info: ComputeInfo): void {
  if (!info.store) return;
  try {
    localStorage.setItem(info.store[0], info.store[1]);
  } catch {
    // Storage full or unavailable: calibrate again next visit.
  }
}

async function connect(notice?: string): Promise<ComputeRuntime> {
  const request = initRequest();
  let reason: string | undefined;
  if (deaths < 2) {
    try {
      const worker = startWorker();
      const info = await withTimeout(Promise.race([
        worker.host.init(request) as Promise<ComputeInfo>,
        worker.died.then((why) => { throw new Error(why); }),
      ]), START_TIMEOUT_MS, 'starting the compute worker');
      storeCalibration(info);
      connection = worker;
      const runtime = makeRuntime(worker, info, generation, notice);
      watch(worker);
      return runtime;
    } catch (error) {
      reason = errorText(error);
    }
  }
  const main = await mainThreadConnection();
  const info = await (main.host as ComputeHost).init(request);
  storeCalibration(info);
  connection = main;
  const why = reason ?? 'the compute worker failed twice';
  return makeRuntime(main, info, generation, notice ?? (reason ? `Computing on the main thread: the compute worker did not start (${reason}).` : undefined), why);
}

function watch(worker: Connection): void {
  worker.died.then((reason) => {
    if (connection !== worker) return;
    deaths += 1;
    generation += 1;
    const notice = deaths === 1
      ? `The compute worker stopped (${reason}); it was restarted and the numbers were recomputed.`
      : `The compute worker stopped again (${reason}); computing on the main thread from now on, so the page may respond more slowly.`;
    current = connect(notice);
    current.then((runtime) => listeners.forEach((listener) => listener(runtime)), () => undefined);
  });
}

/** The page's compute runtime (worker, or main thread as a fall-back), created on first call. */
export function getCompute(): Promise<ComputeRuntime> {
  if (!current) {
    current = connect();
    exposeForTests();
  }
  return current;
}

/** Calls `listener` with each new runtime after a restart or fall-back; returns the unsubscribe. */
export function onComputeChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

declare global {
  interface Window {
    /** For e2e tests, benches and `npm run soak`: the compute worker, read and killed from the page. */
    __liveCompute?: {
      thread: () => Promise<ComputeThread>;
      generation: () => number;
      info: () => Promise<ComputeInfo>;
      memory: () => Promise<MemoryInfo>;
      /** Terminates the worker as a crash would (the page restarts it once, then falls back). */
      crash: () => void;
      backends: () => Promise<Record<WorkClass, BackendName>>;
    };
  }
}

function exposeForTests(): void {
  if (typeof window === 'undefined') return;
  const runtime = () => current!;
  window.__liveCompute = {
    thread: async () => (await runtime()).thread,
    generation: () => generation,
    info: async () => (await runtime()).info,
    memory: async () => (await runtime()).memory(),
    crash: () => connection?.kill('terminated by the test hook'),
    backends: async () => {
      const r = await runtime();
      return Object.fromEntries(WORK_CLASSES.map((w) => [w, r.backendFor(w)])) as Record<WorkClass, BackendName>;
    },
  };
  // The hook older tests and the soak script read; its answers now come from the worker.
  window.__liveRuntime = {
    backend: (async () => (await runtime()).backend) as unknown as () => string,
    numTensors: (async () => (await (await runtime()).memory()).numTensors) as unknown as () => number,
    memory: (async () => (await (await runtime()).memory()) as unknown as Record<string, unknown>) as unknown as () => Record<string, unknown>,
    source: 'compute',
  } as NonNullable<Window['__liveRuntime']>;
}
