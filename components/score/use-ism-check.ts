import { useCallback, useMemo } from 'preact/hooks';
import { ismAutodiffCheck } from '../../src/training/polynomial-ism';
import type { AutodiffCheck } from '../../src/training/polynomial-ism';
import { useLiveComputation } from '../shared/use-live-computation';
import type { ComputeState, RuntimeState } from '../shared/use-runtime';

/** J^ and grad_theta J^ by tfjs autodiff at the closed-form ISM solution (standardised data), recomputed when either changes. */
export function useIsmAutodiffCheck(runtimeState: RuntimeState | ComputeState, z: Float32Array, thetaZ: number[] | undefined, visible: boolean): AutodiffCheck | undefined {
  const input = useMemo(() => (runtimeState.status === 'ready' && thetaZ ? { z, theta: thetaZ } : undefined), [runtimeState, z, thetaZ]);
  const compute = useCallback(async ({ z: samples, theta }: { z: Float32Array; theta: number[] }): Promise<AutodiffCheck> => {
    if (runtimeState.status !== 'ready') throw new Error('compute runtime not ready');
    const { runtime } = runtimeState;
    // In the compute worker, or with the main-thread tf of an island still on useRuntime.
    return 'tf' in runtime ? ismAutodiffCheck(runtime.tf, samples, theta) : runtime.call<AutodiffCheck>('ismAutodiffCheck', samples, theta);
  }, [runtimeState]);
  return useLiveComputation(input, compute, visible).result;
}

/** The largest |dJ^/d theta_k| of a check, the number that should be ~0 at a minimiser. */
export function largestGradient(check: AutodiffCheck | undefined): number | undefined {
  return check ? Math.max(...check.gradient.map(Math.abs)) : undefined;
}
