import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { replaceQuery } from './replace-query';
import type { ParamSpec, ParamValues, SampleSettings, SampleSpec } from '../../src/derivations/types';
import { defaultParams, parseState, writeState } from '../../src/state/url-state';

export interface UrlState {
  readonly params: ParamValues;
  readonly sample?: SampleSettings;
  /** Messages about URL values that were clamped or ignored at load. */
  readonly messages: readonly string[];
  readonly setParam: (name: string, value: number) => void;
  readonly setSample: (sample: SampleSettings) => void;
  readonly reset: () => void;
}

/** An island's parameters, mirrored into the URL (debounced: browsers throttle rapid history writes). */
export function useUrlState(prefix: string, specs: readonly ParamSpec[], sampleSpec?: SampleSpec): UrlState {
  const initial = useMemo(() => {
    const query = typeof location === 'undefined' ? '' : location.search;
    return parseState(query, prefix, specs, sampleSpec);
  }, [prefix, specs, sampleSpec]);
  const [params, setParams] = useState<ParamValues>(initial.params);
  const [sample, setSampleState] = useState<SampleSettings | undefined>(initial.sample);
  const [messages, setMessages] = useState<readonly string[]>(initial.messages);
  const firstRender = useRef(true);

  useEffect(() => {
    // Leave the URL as the reader typed it until they change something.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    replaceQuery(prefix, (search) => {
      const next = new URLSearchParams(writeState(search.toString(), prefix, specs, params, sampleSpec, sample));
      Array.from(search.keys()).forEach((key) => search.delete(key));
      next.forEach((value, key) => search.set(key, value));
    });
  }, [params, sample, prefix, specs, sampleSpec]);

  return {
    params,
    sample,
    messages,
    setParam: (name, value) => setParams((previous) => ({ ...previous, [name]: value })),
    setSample: (next) => setSampleState(next),
    reset: () => {
      setParams(defaultParams(specs));
      if (sampleSpec) setSampleState({ n: sampleSpec.defaultN, seed: sampleSpec.defaultSeed });
      setMessages([]);
    },
  };
}
