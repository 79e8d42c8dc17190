/**
 * The compute runtime: loads tfjs on first use (never at page load), picks a backend in the order
 * webgpu -> webgl -> cpu (or the one named by `?backend=`), proves it works with a tiny smoke
 * computation, and falls back to the next backend when one fails. One runtime per page.
 *
 * This folder is the only one that imports @tensorflow/tfjs* at run time.
 */
import type { Tf } from './tf';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** Why a backend was skipped, shown on the island badge. */
export interface BackendFailure {
  readonly backend: BackendName;
  readonly reason: string;
}

export interface Runtime {
  readonly tf: Tf;
  readonly backend: BackendName;
  /** The WebGPU adapter as the browser describes it, e.g. "google swiftshader". */
  readonly adapter?: string;
  /** Backends tried before this one, with the reason each failed. */
  readonly failures: readonly BackendFailure[];
  /** A message about the `?backend=` URL parameter when it was not understood. */
  readonly notice?: string;
}

/** Parses `?backend=`: the preferred order, or a notice when the value is not a backend name. */
export function backendOrderFromQuery(value: string | null): { order: BackendName[]; notice?: string } {
  if (value === null || value === '') return { order: [...BACKEND_ORDER] };
  const wanted = value.trim().toLowerCase();
  const index = BACKEND_ORDER.indexOf(wanted as BackendName);
  if (index < 0) {
    return {
      order: [...BACKEND_ORDER],
      notice: 'Ignored the URL parameter "backend": expected webgpu, webgl or cpu.',
    };
  }
  return { order: BACKEND_ORDER.slice(index) };
}

let runtimePromise: Promise<Runtime> | null = null;
let lostBackends: BackendFailure[] = [];

/** The page's runtime, created on first call. A lost WebGPU device makes the next call fall back. */
export function getRuntime(): Promise<Runtime> {
  if (!runtimePromise) runtimePromise = createRuntime();
  return runtimePromise;
}

async function loadBackend(name: BackendName): Promise<void> {
  // Each backend registers itself with tfjs-core when its module is evaluated.
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else await import('@tensorflow/tfjs-backend-cpu');
}

async function describeAdapter(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
  const adapter = (await gpu.requestAdapter()) as { info?: Record<string, string> } | null;
  if (!adapter) throw new Error('no WebGPU adapter is available');
  const info = adapter.info;
  if (!info) return undefined;
  const parts = [info.vendor, info.architecture, info.description].filter((part) => part && part.length > 0);
  return parts.length > 0 ? Array.from(new Set(parts)).join(' ') : undefined;
}

/** Runs a computation whose answer is known; catches shader-compilation and driver failures. */
async function smokeTest(tf: Tf): Promise<void> {
  const result = tf.tidy(() => {
    const x = tf.tensor1d([1, 2, 3, 4], 'float32');
    return tf.sum(tf.mul(tf.log(x), x));
  });
  const [value] = await result.data();
  result.dispose();
  const expected = 2 * Math.log(2) + 3 * Math.log(3) + 4 * Math.log(4);
  if (!(Math.abs(value - expected) < 1e-4)) {
    throw new Error(`smoke test computed ${value}, expected ${expected.toFixed(6)}`);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function createRuntime(): Promise<Runtime> {
  const tf = (await import('@tensorflow/tfjs-core')) as unknown as Tf;
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  const query = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('backend');
  const { order, notice } = backendOrderFromQuery(query);
  const failures: BackendFailure[] = [...lostBackends];
  for (const backend of order) {
    if (lostBackends.some((lost) => lost.backend === backend)) continue;
    try {
      const adapter = backend === 'webgpu' ? await describeAdapter() : undefined;
      await loadBackend(backend);
      const ok = await tf.setBackend(backend);
      if (!ok) throw new Error(`tfjs could not initialise the ${backend} backend`);
      await tf.ready();
      await smokeTest(tf);
      if (backend === 'webgpu') watchDeviceLoss(tf);
      exposeForTests(tf);
      return { tf, backend, adapter, failures, notice };
    } catch (error) {
      failures.push({ backend, reason: errorMessage(error) });
    }
  }
  throw new Error(`no compute backend works here: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

function watchDeviceLoss(tf: Tf): void {
  const backend = tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } };
  backend.device?.lost?.then((info) => {
    lostBackends = [...lostBackends, { backend: 'webgpu', reason: `device lost${info?.message ? `: ${info.message}` : ''}` }];
    runtimePromise = null;
  });
}

/** Forgets the current runtime after a failure so that the next `getRuntime` falls back. */
export function reportBackendFailure(backend: BackendName, reason: string): void {
  lostBackends = [...lostBackends, { backend, reason }];
  runtimePromise = null;
}

declare global {
  interface Window {
    /** For e2e tests and `npm run soak`: the backend in use, the live tensor count and tf.memory() (GPU bytes on webgpu). */
    __liveRuntime?: { backend: () => string; numTensors: () => number; memory: () => Record<string, unknown> };
  }
}

function exposeForTests(tf: Tf): void {
  if (typeof window === 'undefined') return;
  window.__liveRuntime = {
    backend: () => tf.getBackend(),
    numTensors: () => tf.memory().numTensors,
    memory: () => ({ ...tf.memory() }) as Record<string, unknown>,
  };
}
