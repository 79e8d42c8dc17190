import type { ParamSpec } from '../../src/state/params';

interface SliderProps {
  readonly spec: Pick<ParamSpec, 'name' | 'label' | 'min' | 'max' | 'step' | 'unit'>;
  readonly value: number;
  readonly idPrefix: string;
  readonly onInput: (value: number) => void;
  /** Formats the readout; defaults to the slider step's precision. */
  readonly format?: (value: number) => string;
}

function decimalsOf(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.split('.')[1].length : 0;
}

/** A labelled range input with its value printed beside it; arrow keys and Home/End work natively. */
export function Slider({ spec, value, idPrefix, onInput, format }: SliderProps) {
  const id = `${idPrefix}-${spec.name}`;
  const shown = format ? format(value) : value.toFixed(decimalsOf(spec.step));
  return (
    <div class="ld-slider">
      <label for={id}>{spec.label}</label>
      <input
        id={id}
        name={spec.name}
        type="range"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={value}
        aria-valuetext={`${shown}${spec.unit ? ` ${spec.unit}` : ''}`}
        onInput={(event) => onInput(Number((event.currentTarget as HTMLInputElement).value))}
      />
      <output for={id}>{shown}{spec.unit ? <span class="ld-unit"> {spec.unit}</span> : null}</output>
    </div>
  );
}
