/**
 * Choosing a backend per class of work from measured timings (pure, unit-tested): the fastest
 * proven backend wins; a tie (within TIE_RATIO) goes to the earlier one in BACKEND_ORDER, so a
 * hardware GPU that is as fast keeps the work. A software WebGPU adapter wins only where it is
 * really faster. Also the localStorage cache key: one calibration per browser, adapter and
 * isolation state.
 */
import { BACKEND_ORDER } from '../tensor/runtime';
import type { BackendFailure, BackendName } from '../tensor/runtime';

/** The classes of work timed separately: a small closed-form evaluation, a training step, a sampling step. */
export type WorkClass = 'eval' | 'train' | 'sample';
export const WORK_CLASSES: readonly WorkClass[] = ['eval', 'train', 'sample'];

/**
 * Milliseconds per workload, per backend and class: a number, `{ atLeast }` when the workload was
 * cut off as too slow (a lower bound), or a string saying why it failed there.
 */
export type Timing = number | { readonly atLeast: number } | { readonly notTimed: string } | string;
export type Timings = Partial<Record<BackendName, Partial<Record<WorkClass, Timing>>>>;

/** The milliseconds of a timing (a lower bound counts as its bound), or undefined for a failure. */
export function timingMs(timing: Timing | undefined): number | undefined {
  if (typeof timing === 'number') return Number.isFinite(timing) ? timing : undefined;
  if (typeof timing === 'object' && timing !== null && 'atLeast' in timing && Number.isFinite(timing.atLeast)) return timing.atLeast;
  return undefined;
}

export interface ClassChoice {
  readonly backend: BackendName;
  /** Why this backend and not WebGPU, for the badge (absent when it is WebGPU or forced). */
  readonly reason?: string;
}

export type BackendChoice = Readonly<Record<WorkClass, ClassChoice>>;

/** A difference smaller than this factor is not worth leaving the preferred backend for. */
export const TIE_RATIO = 1.1;

export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** "6x", "1.4x": a speed ratio for the badge. */
export function ratioText(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}x` : `${Number(ratio.toPrecision(2))}x`;
}

/**
 * The backend for each class. `proven` are the backends that passed their smoke test, in
 * preference order; `failures` the ones that did not (their reason is shown when WebGPU is among
 * them); `softwareWebgpu` names a software adapter in the reason.
 */
export function chooseBackends(
  proven: readonly BackendName[],
  timings: Timings,
  failures: readonly BackendFailure[],
  softwareWebgpu = false,
): BackendChoice {
  if (proven.length === 0) throw new Error('no backend passed its smoke test');
  const ordered = BACKEND_ORDER.filter((b) => proven.includes(b));
  const pick = (work: WorkClass): ClassChoice => {
    const timed = ordered
      .map((backend) => ({ backend, ms: timingMs(timings[backend]?.[work]) }))
      .filter((t): t is { backend: BackendName; ms: number } => t.ms !== undefined);
    if (timed.length === 0) {
      // Nothing could be timed: the first proven backend, in order (as before calibration existed).
      return { backend: ordered[0], reason: ordered[0] === 'webgpu' ? undefined : webgpuReason(undefined, failures, timings, work, softwareWebgpu) };
    }
    const fastest = Math.min(...timed.map((t) => t.ms));
    const winner = timed.find((t) => t.ms <= fastest * TIE_RATIO)!;
    if (winner.backend === 'webgpu') return { backend: 'webgpu' };
    return { backend: winner.backend, reason: webgpuReason(winner.ms, failures, timings, work, softwareWebgpu) };
  };
  return { eval: pick('eval'), train: pick('train'), sample: pick('sample') };
}

function webgpuReason(winnerMs: number | undefined, failures: readonly BackendFailure[], timings: Timings, work: WorkClass, software: boolean): string {
  const failed = failures.find((f) => f.backend === 'webgpu');
  if (failed) return `WebGPU unavailable: ${failed.reason}`;
  const gpu = timings.webgpu?.[work];
  const adapter = software ? 'this software WebGPU adapter' : 'WebGPU here';
  if (typeof gpu === 'string') return `WebGPU failed its calibration: ${gpu}`;
  if (typeof gpu === 'object' && 'notTimed' in gpu) return gpu.notTimed.replace('{adapter}', adapter);
  const gpuMs = timingMs(gpu);
  if (gpuMs !== undefined && winnerMs !== undefined && winnerMs > 0) {
    return `${typeof gpu === 'object' ? 'at least ' : ''}${ratioText(gpuMs / winnerMs)} faster here than ${adapter}`;
  }
  return 'WebGPU was not measured';
}

/**
 * How long a candidate may take before it is cut off and recorded as "at least" that long, given
 * the best time so far for the class. A hardware GPU gets a long warm-up (shader compilation is
 * paid once, and it must not lose the class for it); a software adapter does not.
 */
export function calibrationLimits(bestMs: number | undefined, software: boolean): { warmupMs: number; runMs: number } {
  if (bestMs === undefined) return { warmupMs: 3000, runMs: 1000 };
  return {
    warmupMs: software ? Math.max(60, 4 * bestMs) : Math.max(1500, 4 * bestMs),
    runMs: Math.max(20, 3 * bestMs),
  };
}

/** A software GPU this much slower than the best at the small evaluation is not timed on the rest. */
export const SOFTWARE_SKIP_RATIO = 10;

export interface CacheKeyInput {
  readonly userAgent: string;
  /** The WebGPU adapter description, or absent without WebGPU. */
  readonly adapter?: string;
  readonly softwareAdapter?: boolean;
  readonly crossOriginIsolated: boolean;
}

export const CACHE_PREFIX = 'ld-backend-calibration';
/** Bump when the workloads change, so old timings are not reused. */
export const CALIBRATION_VERSION = 3;

/** One cache entry per browser build, adapter and isolation state (threads change wasm's speed). */
export function calibrationCacheKey(input: CacheKeyInput): string {
  const adapter = input.adapter ? `${input.adapter}${input.softwareAdapter ? ' (software)' : ''}` : 'no-webgpu';
  return `${CACHE_PREFIX}:v${CALIBRATION_VERSION}:${hashText(input.userAgent)}:${adapter}:${input.crossOriginIsolated ? 'coi' : 'no-coi'}`;
}

/** FNV-1a, hex: keeps user-agent strings out of the key itself. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Parses a cached entry; undefined when it is missing or not what this version wrote. */
export function parseCachedTimings(text: string | null | undefined): Timings | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as { version?: number; timings?: Timings };
    if (value.version !== CALIBRATION_VERSION || typeof value.timings !== 'object' || value.timings === null) return undefined;
    return value.timings;
  } catch {
    return undefined;
  }
}

export function serialiseTimings(timings: Timings): string {
  return JSON.stringify({ version: CALIBRATION_VERSION, timings });
}
