import type { ComponentChildren } from 'preact';
import type { ChoiceSpec, ParamSpec } from '../../src/state/params';
import type { WorkClass } from '../../src/compute/choice';
import { BackendBadge, backendOf, JavaScriptBadge } from './BackendBadge';
import { Notices } from './Notices';
import { SampleControls } from './SampleControls';
import { Slider } from './Slider';
import type { Island } from './use-island';
import type { ComputeState, RuntimeState } from './use-runtime';

interface IslandFrameProps {
  readonly island: Island;
  /** The compute runtime; absent for islands that compute exactly in JavaScript (float64). */
  readonly runtimeState?: RuntimeState | ComputeState;
  /** The island's class of work, for the badge and `data-backend` (default 'eval'; trainers say 'train'). */
  readonly work?: WorkClass;
  /** For JavaScript islands: what was computed, shown on the badge ("16 logits, Adam until …"). */
  readonly badgeDetail?: string;
  /** True once the island shows numbers computed on the current backend (`data-ready`). */
  readonly ready: boolean;
  /** Reader-facing messages besides the URL notices (diverged training, bad pasted data). */
  readonly messages?: readonly string[];
  /** Runs after the table is back at its defaults: stop training, drop results. */
  readonly onReset?: () => void;
  /** Extra controls in the footer, before "Reset to defaults" (e.g. `TrainingControls`). */
  readonly actions?: ComponentChildren;
  /** Extra `data-*` attributes on the frame for tests (`{ 'data-iteration': 3 }`). */
  readonly data?: Readonly<Record<`data-${string}`, string | number>>;
  readonly children: ComponentChildren;
}

/**
 * The frame of every stand-alone island: `data-island` (the island's id), `data-ready`,
 * `data-backend`, notices, content, and a footer with its actions, "Reset to defaults" and the
 * badge naming what computed the numbers.
 */
export function IslandFrame({ island, runtimeState, work, badgeDetail, ready, messages = [], onReset, actions, data, children }: IslandFrameProps) {
  return (
    <div
      ref={island.frameRef}
      class="ld-island"
      data-island={island.id}
      data-ready={String(ready)}
      data-backend={runtimeState ? backendOf(runtimeState, work) : 'javascript'}
      {...data}
    >
      <Notices messages={[...island.messages, ...messages, ...(runtimeState?.status === 'ready' && runtimeState.runtime.notice ? [runtimeState.runtime.notice] : [])]} />
      {children}
      <div class="ld-footer">
        {actions}
        <button type="button" onClick={() => { island.reset(); onReset?.(); }} data-testid={island.testId('reset')}>Reset to defaults</button>
        {runtimeState ? <BackendBadge state={runtimeState} work={work} /> : <JavaScriptBadge detail={badgeDetail} />}
      </div>
    </div>
  );
}

/** One slider per parameter of the island's table (or of `specs`, a part of it). */
export function ParamSliders({ island, specs = island.spec.params ?? [] }: { readonly island: Island; readonly specs?: readonly ParamSpec[] }) {
  return (
    <div class="ld-controls">
      {specs.map((spec) => (
        <Slider key={spec.name} spec={spec} value={island.params[spec.name]} idPrefix={island.id} onInput={(v) => island.setParam(spec.name, v)} />
      ))}
    </div>
  );
}

/** The sample size and seed controls of an island whose table has a `sample`. */
export function IslandSampleControls({ island, onChange }: { readonly island: Island; readonly onChange?: () => void }) {
  const { sample } = island.spec;
  if (!sample || !island.sample) return null;
  return <SampleControls spec={sample} sample={island.sample} idPrefix={island.id} onChange={(s) => { onChange?.(); island.setSample(s); }} />;
}

/** A word choice of the island's table as radio buttons; the word is kept in the URL. */
export function ChoiceField({ island, spec, onChange }: { readonly island: Island; readonly spec: ChoiceSpec; readonly onChange?: (value: string) => void }) {
  return (
    <fieldset class="ld-unit-switch" data-testid={island.testId(spec.name)}>
      <legend>{spec.label}</legend>
      {spec.options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={`${island.id}-${spec.name}`}
            value={option.value}
            checked={island.choices[spec.name] === option.value}
            onChange={() => { island.setChoice(spec.name, option.value); onChange?.(option.value); }}
          />
          {' '}{option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Every word choice of the island's table. */
export function ChoiceFields({ island, specs = island.spec.choices ?? [] }: { readonly island: Island; readonly specs?: readonly ChoiceSpec[] }) {
  return (
    <div class="ld-controls ld-controls-two">
      {specs.map((spec) => <ChoiceField key={spec.name} island={island} spec={spec} />)}
    </div>
  );
}
