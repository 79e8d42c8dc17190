import type { ComponentChildren, RefObject } from 'preact';
import type { ParamSpec, ParamValues } from '../../src/derivations/types';
import type { WorkClass } from '../../src/compute/choice';
import { BackendBadge, backendOf } from './BackendBadge';
import { Notices } from './Notices';
import { Slider } from './Slider';
import type { ComputeState, RuntimeState } from './use-runtime';

interface IslandFrameProps {
  /** `data-island` name, used by tests and verify. */
  readonly name: string;
  readonly frameRef: RefObject<HTMLDivElement>;
  /** The compute runtime, or absent for islands that compute exactly in JavaScript (see `badge`). */
  readonly runtimeState?: RuntimeState | ComputeState;
  /** The island's class of work, for the badge and `data-backend` (default 'eval'; trainers say 'train'). */
  readonly work?: WorkClass;
  /** Replaces the backend badge, e.g. for float64 JavaScript islands. */
  readonly badge?: ComponentChildren;
  /** True once the island shows numbers computed on the current backend. */
  readonly ready: boolean;
  readonly messages: readonly string[];
  readonly onReset: () => void;
  /** Extra controls in the footer, before "Reset to defaults". */
  readonly actions?: ComponentChildren;
  readonly children: ComponentChildren;
}

/** The common frame of a stand-alone island: notices, content, footer with reset and backend badge. */
export function IslandFrame({ name, frameRef, runtimeState, work, badge, ready, messages, onReset, actions, children }: IslandFrameProps) {
  return (
    <div
      ref={frameRef}
      class="ld-island"
      data-island={name}
      data-ready={String(ready)}
      data-backend={runtimeState ? backendOf(runtimeState, work) : 'javascript'}
    >
      <Notices messages={runtimeState?.status === 'ready' && runtimeState.runtime.notice ? [...messages, runtimeState.runtime.notice] : messages} />
      {children}
      <div class="ld-footer">
        {actions}
        <button type="button" onClick={onReset}>Reset to defaults</button>
        {runtimeState ? <BackendBadge state={runtimeState} work={work} /> : badge}
      </div>
    </div>
  );
}

/** One slider per parameter spec. */
export function ParamSliders({ specs, values, idPrefix, onInput }: {
  readonly specs: readonly ParamSpec[];
  readonly values: ParamValues;
  readonly idPrefix: string;
  readonly onInput: (name: string, value: number) => void;
}) {
  return (
    <div class="ld-controls">
      {specs.map((spec) => (
        <Slider key={spec.name} spec={spec} value={values[spec.name]} idPrefix={idPrefix} onInput={(v) => onInput(spec.name, v)} />
      ))}
    </div>
  );
}
