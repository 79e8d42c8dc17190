import type { SampleSettings, SampleSpec } from '../../src/state/params';

interface SampleControlsProps {
  readonly spec: SampleSpec;
  readonly sample: SampleSettings;
  readonly idPrefix: string;
  readonly onChange: (sample: SampleSettings) => void;
}

/** Sample size on a log-scale slider (10^k steps of 0.1) and the seed, with a "new sample" button. */
export function SampleControls({ spec, sample, idPrefix, onChange }: SampleControlsProps) {
  const logMin = Math.log10(spec.minN);
  const logMax = Math.log10(spec.maxN);
  return (
    <div class="ld-sample">
      <div class="ld-slider">
        <label for={`${idPrefix}-n`}>sample size N</label>
        <input
          id={`${idPrefix}-n`}
          name="n"
          type="range"
          min={logMin}
          max={logMax}
          step={0.1}
          value={Math.log10(sample.n)}
          aria-valuetext={`N = ${sample.n}`}
          onInput={(event) => {
            const n = Math.round(10 ** Number((event.currentTarget as HTMLInputElement).value));
            onChange({ ...sample, n: Math.min(spec.maxN, Math.max(spec.minN, n)) });
          }}
        />
        <output for={`${idPrefix}-n`}>{sample.n.toLocaleString('en-US')}</output>
      </div>
      <div class="ld-seed">
        <span>seed {sample.seed}</span>
        <button type="button" onClick={() => onChange({ ...sample, seed: (sample.seed % 999_999) + 1 })}>
          new sample
        </button>
      </div>
    </div>
  );
}
