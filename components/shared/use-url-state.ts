import { useMemo } from 'preact/hooks';
import type { ParamSpec, ParamValues, SampleSettings, SampleSpec } from '../../src/state/params';
import { useIslandState } from './use-island';

export interface UrlState {
  readonly params: ParamValues;
  readonly sample?: SampleSettings;
  /** Messages about URL values that were clamped or ignored at load. */
  readonly messages: readonly string[];
  readonly setParam: (name: string, value: number) => void;
  readonly setSample: (sample: SampleSettings) => void;
  readonly reset: () => void;
}

/**
 * A live derivation's parameters in the URL, through the same table and code as the islands'
 * `useIsland` (the derivation's id is its URL prefix).
 */
export function useUrlState(prefix: string, specs: readonly ParamSpec[], sampleSpec?: SampleSpec): UrlState {
  const spec = useMemo(() => ({ id: prefix, params: specs, sample: sampleSpec }), [prefix, specs, sampleSpec]);
  return useIslandState(spec);
}
