import { describe, expect, it } from 'vitest';
import { REMOTE_MAX_FACTOR, REMOTE_ROUND_TRIP_MS, nextRemoteSteps } from './stepper';

describe('nextRemoteSteps', () => {
  it('doubles a fast call, halves a slow one, keeps one near the target', () => {
    expect(nextRemoteSteps(4, 4, 5)).toBe(8);
    expect(nextRemoteSteps(16, 4, REMOTE_ROUND_TRIP_MS * 3)).toBe(8);
    expect(nextRemoteSteps(8, 4, REMOTE_ROUND_TRIP_MS)).toBe(8);
  });

  it('stays between the per-frame count and its cap', () => {
    expect(nextRemoteSteps(4, 4, 10_000)).toBe(4);
    expect(nextRemoteSteps(4 * REMOTE_MAX_FACTOR, 4, 1)).toBe(4 * REMOTE_MAX_FACTOR);
  });
});
