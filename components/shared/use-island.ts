import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { ChoiceValues, IslandSpec, ListValues, TextValues, ParamValues, SampleSettings, SampleSpec } from '../../src/state/params';
import { defaultIslandState, parseIslandState, writeIslandState } from '../../src/state/url-state';
import type { IslandState } from '../../src/state/url-state';
import { quantisePoints } from '../../src/state/points-param';
import { replaceQuery } from './replace-query';
import { useVisible } from './use-visible';

/** The URL-backed state of an island's table: numbers, sample, words and drawn points. */
export interface IslandStateHandle<S extends IslandSpec = IslandSpec> {
  readonly params: ParamValues;
  /** The sample settings; present exactly when the spec has a `sample`. */
  readonly sample: S['sample'] extends SampleSpec ? SampleSettings : undefined;
  readonly choices: ChoiceValues;
  readonly lists: ListValues;
  readonly texts: TextValues;
  /** Interleaved drawn points (empty unless the spec has `points`), as the URL keeps them. */
  readonly points: Float32Array;
  /** Messages about URL values that were clamped or ignored at load (cleared by reset). */
  readonly messages: readonly string[];
  readonly setParam: (name: string, value: number) => void;
  readonly setSample: (sample: SampleSettings) => void;
  readonly setChoice: (name: string, value: string) => void;
  readonly setList: (name: string, values: readonly number[]) => void;
  readonly setText: (name: string, value: string) => void;
  readonly setPoints: (points: Float32Array) => void;
  /** Back to the table's defaults (and a URL without this island's keys). */
  readonly reset: () => void;
}

/** Everything a stand-alone island needs from its one spec: state, names, the frame's ref and visibility. */
export interface Island<S extends IslandSpec = IslandSpec> extends IslandStateHandle<S> {
  readonly spec: S;
  /** The one name: URL prefix, `data-island`, element-id prefix and test-id prefix. */
  readonly id: string;
  readonly frameRef: RefObject<HTMLDivElement>;
  /** True while the island is on screen and the tab is visible: compute pauses otherwise. */
  readonly visible: boolean;
  /** `${id}-${name}`: the test id (and element id) of one of the island's parts. */
  readonly testId: (name: string) => string;
}

/**
 * An island's state, mirrored into the URL through the parameter table (debounced: browsers
 * throttle rapid history writes). The URL is left as the reader typed it until they change something.
 */
export function useIslandState<S extends IslandSpec>(spec: S): IslandStateHandle<S> {
  const initial = useMemo(() => parseIslandState(typeof location === 'undefined' ? '' : location.search, spec), [spec]);
  const [state, setState] = useState<IslandState>(initial);
  const [messages, setMessages] = useState<readonly string[]>(initial.messages);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    replaceQuery(spec.id, (search) => {
      const next = new URLSearchParams(writeIslandState(search.toString(), spec, state));
      Array.from(search.keys()).forEach((key) => search.delete(key));
      next.forEach((value, key) => search.set(key, value));
    });
  }, [state, spec]);

  return {
    params: state.params,
    sample: state.sample as IslandStateHandle<S>['sample'],
    choices: state.choices,
    lists: state.lists,
    texts: state.texts,
    points: state.points ?? EMPTY,
    messages,
    setParam: (name, value) => setState((s) => ({ ...s, params: { ...s.params, [name]: value } })),
    setSample: (sample) => setState((s) => ({ ...s, sample })),
    setChoice: (name, value) => setState((s) => ({ ...s, choices: { ...s.choices, [name]: value } })),
    setList: (name, values) => setState((s) => ({ ...s, lists: { ...s.lists, [name]: values } })),
    setText: (name, value) => setState((s) => ({ ...s, texts: { ...s.texts, [name]: value } })),
    // Stored as the URL will give them back, so a shared link reproduces exactly these points.
    setPoints: (points) => setState((s) => ({ ...s, points: spec.points ? quantisePoints(points, spec.points.extent) : points })),
    reset: () => {
      setState(defaultIslandState(spec));
      setMessages([]);
    },
  };
}

const EMPTY = new Float32Array(0);

/**
 * The one way to start a stand-alone island: `const island = useIsland(SPEC)` with a module-level
 * `IslandSpec`, then `<IslandFrame island={island} …>`. The spec's id names everything.
 */
export function useIsland<S extends IslandSpec>(spec: S): Island<S> {
  const frameRef = useRef<HTMLDivElement>(null);
  const visible = useVisible(frameRef);
  const state = useIslandState(spec);
  return { ...state, spec, id: spec.id, frameRef, visible, testId: (name) => `${spec.id}-${name}` };
}
