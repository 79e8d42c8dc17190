/**
 * The compute runtime: loads tfjs on first use (never at page load), picks a backend in the order
 * webgpu -> webgl -> wasm -> cpu (or the one named by `?backend=`), proves it works with a tiny smoke
 * computation, and falls back to the next backend when one fails.
 *
 * `getRuntime()` is the main-thread runtime that islands written against `useRuntime()` get. The
 * compute worker (src/compute/) uses `loadTf` and `initBackend` to prove every candidate and then
 * picks the fastest per class of work by measurement.
 *
 * This folder is the only one that imports @tensorflow/tfjs* at run time.
 */
import type { Tf } from './tf';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

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
  /** True when the WebGPU adapter is a software one (SwiftShader, llvmpipe, WARP, isFallbackAdapter). */
  readonly softwareAdapter?: boolean;
  /** For wasm: "SIMD", "SIMD, 4 threads" or "" (plain). */
  readonly variant?: string;
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
      notice: 'Ignored the URL parameter "backend": expected webgpu, webgl, wasm or cpu.',
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

async function loadBackend(tf: Tf, name: BackendName): Promise<string | undefined> {
  // Each backend registers itself with tfjs-core when its module is evaluated.
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'wasm') return loadWasm(tf);
  else await import('@tensorflow/tfjs-backend-cpu');
  return undefined;
}

/**
 * The WASM backend, its .wasm binaries served from this site (bundled by Vite, never a CDN).
 * Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page; elsewhere SIMD only.
 */
async function loadWasm(tf: Tf): Promise<string> {
  const [wasm, plain, simd, threaded] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': plain.default,
    'tfjs-backend-wasm-simd.wasm': simd.default,
    'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
  });
  const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
  if (!isolated) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const hasSimd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = isolated && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const count = threads ? Math.max(1, Math.min(4, (navigator.hardwareConcurrency ?? 2) - 1)) : 0;
  if (threads) wasm.setThreadsCount(count);
  return [hasSimd ? 'SIMD' : '', threads ? `${count} threads` : ''].filter(Boolean).join(', ');
}

/** The WebGPU adapter as the browser describes it, and whether it is a software one. */
export interface AdapterInfo {
  readonly description?: string;
  readonly software: boolean;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|warp|software|basic render|cpu/i;

/** A software adapter by the browser's own flag (isFallbackAdapter) or by its well-known names. */
export function isSoftwareAdapter(description: string | undefined, isFallback: boolean | undefined): boolean {
  return isFallback === true || (description !== undefined && SOFTWARE_ADAPTER.test(description));
}

export async function describeAdapter(): Promise<AdapterInfo> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
  const adapter = (await gpu.requestAdapter()) as { info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null;
  if (!adapter) throw new Error('no WebGPU adapter is available');
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.description].filter((part): part is string => typeof part === 'string' && part.length > 0);
  const description = parts.length > 0 ? Array.from(new Set(parts)).join(' ') : undefined;
  const fallback = (info.isFallbackAdapter as boolean | undefined) ?? adapter.isFallbackAdapter;
  return { description, software: isSoftwareAdapter(description, fallback) };
}

/** True when tfjs's WebGL context renders in software (SwiftShader, llvmpipe), by its renderer string. */
export function isSoftwareWebgl(tf: Tf): boolean {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return false;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    return SOFTWARE_ADAPTER.test(renderer);
  } catch {
    return false;
  }
}

let tfPromise: Promise<Tf> | null = null;

/** tfjs-core with every gradient registered, loaded once per thread. */
export function loadTf(): Promise<Tf> {
  tfPromise ??= (async () => {
    const tf = (await import('@tensorflow/tfjs-core')) as unknown as Tf;
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    return tf;
  })();
  return tfPromise;
}

export interface PreparedBackend {
  readonly backend: BackendName;
  readonly adapter?: AdapterInfo;
  readonly variant?: string;
}

/** Loads, activates and smoke-tests one backend; throws with the reason when it does not work. */
export async function initBackend(tf: Tf, backend: BackendName): Promise<PreparedBackend> {
  const adapter = backend === 'webgpu' ? await describeAdapter() : undefined;
  const variant = await loadBackend(tf, backend);
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`tfjs could not initialise the ${backend} backend`);
  await tf.ready();
  await smokeTest(tf);
  return { backend, adapter, variant };
}

/** Runs a computation whose answer is known; catches shader-compilation and driver failures. */
export async function smokeTest(tf: Tf): Promise<void> {
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
  const tf = await loadTf();
  const query = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('backend');
  const { order, notice } = backendOrderFromQuery(query);
  const failures: BackendFailure[] = [...lostBackends];
  for (const backend of order) {
    if (lostBackends.some((lost) => lost.backend === backend)) continue;
    try {
      const { adapter, variant } = await initBackend(tf, backend);
      if (backend === 'webgpu') watchDeviceLoss(tf);
      exposeForTests(tf);
      return { tf, backend, adapter: adapter?.description, softwareAdapter: adapter?.software, variant, failures, notice };
    } catch (error) {
      failures.push({ backend, reason: errorMessage(error) });
    }
  }
  throw new Error(`no compute backend works here: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

export function watchDeviceLoss(tf: Tf, onLost?: (reason: string) => void): void {
  const backend = tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } };
  backend.device?.lost?.then((info) => {
    const reason = `device lost${info?.message ? `: ${info.message}` : ''}`;
    lostBackends = [...lostBackends, { backend: 'webgpu', reason }];
    runtimePromise = null;
    onLost?.(reason);
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
    __liveRuntime?: { backend: () => string; numTensors: () => number; memory: () => Record<string, unknown>; source?: 'compute' | 'main' };
  }
}

function exposeForTests(tf: Tf): void {
  if (typeof window === 'undefined') return;
  // The compute worker's hook (src/compute/client.ts) wins: most numbers are computed there.
  if (window.__liveRuntime?.source === 'compute') return;
  window.__liveRuntime = {
    source: 'main',
    backend: () => tf.getBackend(),
    numTensors: () => tf.memory().numTensors,
    memory: () => ({ ...tf.memory() }) as Record<string, unknown>,
  };
}
