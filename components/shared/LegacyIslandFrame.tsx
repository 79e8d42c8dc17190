import type { ComponentChildren, RefObject } from 'preact';
import type { ParamSpec, ParamValues } from '../../src/state/params';
import { BackendBadge } from './BackendBadge';
import { Notices } from './Notices';
import { Slider } from './Slider';
import type { RuntimeState } from './use-runtime';

interface IslandFrameProps {
  /** `data-island` name, used by tests and verify. */
  readonly name: string;
  readonly frameRef: RefObject<HTMLDivElement>;
  /** The compute runtime, or absent for islands that compute exactly in JavaScript (see `badge`). */
  readonly runtimeState?: RuntimeState;
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

/** Before the island contract (to be deleted once every island is on `IslandFrame`). The common frame of a stand-alone island: notices, content, footer with reset and backend badge. */
export function LegacyIslandFrame({ name, frameRef, runtimeState, badge, ready, messages, onReset, actions, children }: IslandFrameProps) {
  return (
    <div
      ref={frameRef}
      class="ld-island"
      data-island={name}
      data-ready={String(ready)}
      data-backend={runtimeState?.status === 'ready' ? runtimeState.runtime.backend : runtimeState ? undefined : 'javascript'}
    >
      <Notices messages={messages} />
      {children}
      <div class="ld-footer">
        {actions}
        <button type="button" onClick={onReset}>Reset to defaults</button>
        {runtimeState ? <BackendBadge state={runtimeState} /> : badge}
      </div>
    </div>
  );
}

/** One slider per parameter spec. */
export function LegacyParamSliders({ specs, values, idPrefix, onInput }: {
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
