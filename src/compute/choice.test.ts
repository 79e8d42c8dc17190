import { describe, expect, it } from 'vitest';
import {
  CACHE_PREFIX, TIE_RATIO, calibrationCacheKey, calibrationLimits, chooseBackends, hashText, parseCachedTimings, ratioText, serialiseTimings, timingMs,
} from './choice';
import type { Timings } from './choice';

const SOFTWARE_GPU: Timings = {
  wasm: { eval: 1, train: 14, sample: 98 },
  cpu: { eval: 2.5, train: 92, sample: 1776 },
  webgl: { eval: 17, train: 94, sample: 497 },
  webgpu: { eval: 27, train: 504, sample: 5233 },
};

describe('chooseBackends', () => {
  it('picks the fastest per class and says how much faster than a software WebGPU adapter', () => {
    const choice = chooseBackends(['webgpu', 'webgl', 'wasm', 'cpu'], SOFTWARE_GPU, [], true);
    expect(choice.train).toEqual({ backend: 'wasm', reason: '36x faster here than this software WebGPU adapter' });
    expect(choice.eval.backend).toBe('wasm');
    expect(choice.sample.reason).toBe('53x faster here than this software WebGPU adapter');
  });

  it('keeps a hardware WebGPU adapter where it is fastest, and gives no reason for it', () => {
    const timings: Timings = { webgpu: { eval: 3, train: 2, sample: 1 }, wasm: { eval: 1, train: 14, sample: 98 } };
    const choice = chooseBackends(['webgpu', 'wasm'], timings, [], false);
    expect(choice.train).toEqual({ backend: 'webgpu' });
    expect(choice.sample).toEqual({ backend: 'webgpu' });
    expect(choice.eval).toEqual({ backend: 'wasm', reason: '3x faster here than WebGPU here' });
  });

  it('prefers the earlier backend on a near tie', () => {
    const timings: Timings = { webgpu: { eval: 1.05 * 10, train: 1, sample: 1 }, wasm: { eval: 10, train: 2, sample: 2 } };
    expect(1.05).toBeLessThan(TIE_RATIO);
    expect(chooseBackends(['webgpu', 'wasm'], timings, []).eval.backend).toBe('webgpu');
  });

  it('never picks a backend that failed its smoke test, and names WebGPU\'s failure', () => {
    const failures = [{ backend: 'webgpu' as const, reason: 'no WebGPU adapter is available' }];
    const choice = chooseBackends(['wasm', 'cpu'], { ...SOFTWARE_GPU, webgpu: undefined }, failures);
    expect(choice.train).toEqual({ backend: 'wasm', reason: 'WebGPU unavailable: no WebGPU adapter is available' });
  });

  it('skips a workload that failed on a backend, and treats a cut-off time as a lower bound', () => {
    const timings: Timings = {
      webgpu: { eval: { atLeast: 60 }, train: 'the DSM step computed a loss of NaN', sample: { notTimed: 'not timed on sampling: {adapter} was slow' } },
      wasm: { eval: 0.8, train: 20, sample: 100 },
    };
    const choice = chooseBackends(['webgpu', 'wasm'], timings, [], true);
    expect(choice.eval).toEqual({ backend: 'wasm', reason: 'at least 75x faster here than this software WebGPU adapter' });
    expect(choice.train.reason).toBe('WebGPU failed its calibration: the DSM step computed a loss of NaN');
    expect(choice.sample.reason).toBe('not timed on sampling: this software WebGPU adapter was slow');
  });

  it('falls back to the preference order when nothing could be timed', () => {
    expect(chooseBackends(['webgl', 'cpu'], {}, []).train.backend).toBe('webgl');
    expect(() => chooseBackends([], {}, [])).toThrow(/smoke/);
  });
});

describe('timings and limits', () => {
  it('reads lower bounds and ignores failures', () => {
    expect(timingMs(3)).toBe(3);
    expect(timingMs({ atLeast: 60 })).toBe(60);
    expect(timingMs('failed')).toBeUndefined();
    expect(timingMs({ notTimed: 'x' })).toBeUndefined();
    expect(timingMs(Number.NaN)).toBeUndefined();
  });

  it('gives a hardware GPU a long warm-up and a software one a short one', () => {
    expect(calibrationLimits(10, false).warmupMs).toBeGreaterThanOrEqual(1500);
    expect(calibrationLimits(10, true).warmupMs).toBe(60);
    expect(calibrationLimits(undefined, true).warmupMs).toBeGreaterThan(1000);
  });

  it('writes ratios briefly', () => {
    expect(ratioText(6.04)).toBe('6x');
    expect(ratioText(1.43)).toBe('1.4x');
    expect(ratioText(74.6)).toBe('75x');
  });
});

describe('calibration cache', () => {
  it('keys by browser, adapter and isolation, without the raw user agent', () => {
    const base = { userAgent: 'Mozilla/5.0 HeadlessChrome/140', adapter: 'google swiftshader', softwareAdapter: true, crossOriginIsolated: false };
    const key = calibrationCacheKey(base);
    expect(key.startsWith(`${CACHE_PREFIX}:`)).toBe(true);
    expect(key).not.toContain('Mozilla');
    expect(key).toContain(hashText(base.userAgent));
    expect(calibrationCacheKey({ ...base, adapter: 'nvidia ampere', softwareAdapter: false })).not.toBe(key);
    expect(calibrationCacheKey({ ...base, crossOriginIsolated: true })).not.toBe(key);
    expect(calibrationCacheKey({ ...base, userAgent: 'Firefox' })).not.toBe(key);
    expect(calibrationCacheKey({ ...base, adapter: undefined })).toContain('no-webgpu');
    expect(calibrationCacheKey(base)).toBe(key);
  });

  it('round-trips timings and rejects other versions or garbage', () => {
    expect(parseCachedTimings(serialiseTimings(SOFTWARE_GPU))).toEqual(SOFTWARE_GPU);
    expect(parseCachedTimings('{"version":0,"timings":{}}')).toBeUndefined();
    expect(parseCachedTimings('not json')).toBeUndefined();
    expect(parseCachedTimings(null)).toBeUndefined();
  });
});
