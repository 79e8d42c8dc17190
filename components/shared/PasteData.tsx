import { useState } from 'preact/hooks';
import { parseNumberList } from '../../src/state/parse-numbers';

/** The reader's own numbers, if any, and the last validation error (shown in the island's notices). */
export interface PastedData {
  readonly values: readonly number[] | undefined;
  /** Increases with every accepted paste, so islands can tell two pastes apart cheaply. */
  readonly version: number;
  readonly error: string | undefined;
  readonly use: (values: number[]) => void;
  readonly fail: (error: string) => void;
  readonly clear: () => void;
}

/** State for PasteData: a rejected paste sets `error` and leaves `values` (and so the island) as it was. */
export function usePastedData(): PastedData {
  const [current, setCurrent] = useState<{ values?: readonly number[]; version: number }>({ version: 0 });
  const [error, setError] = useState<string | undefined>();
  return {
    values: current.values,
    version: current.version,
    error,
    use: (values) => { setError(undefined); setCurrent(({ version }) => ({ values, version: version + 1 })); },
    fail: setError,
    clear: () => { setError(undefined); setCurrent(({ version }) => ({ version: version + 1 })); },
  };
}

/** "Use your own data": a text box of numbers, validated by parseNumberList (src/state/parse-numbers.ts). */
export function PasteData({ idPrefix, data }: { readonly idPrefix: string; readonly data: PastedData }) {
  const [text, setText] = useState('');
  const submit = () => {
    const parsed = parseNumberList(text);
    if (parsed.ok) data.use(parsed.values);
    else data.fail(parsed.error);
  };
  return (
    <details class="ld-paste">
      <summary>Use your own data</summary>
      <label for={`${idPrefix}-data`}>Numbers separated by commas or spaces (5 to 10,000 values)</label>
      <textarea id={`${idPrefix}-data`} rows={3} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      <button type="button" onClick={submit} data-testid={`${idPrefix}-use-data`}>Use these numbers</button>{' '}
      {data.values ? <button type="button" onClick={data.clear}>Back to the seeded sample</button> : null}
    </details>
  );
}
