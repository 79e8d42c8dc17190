import { useState } from 'preact/hooks';
import { parseNumberList } from '../../src/state/parse-numbers';

interface PasteNumbersProps {
  readonly idPrefix: string;
  /** True while the island shows pasted data (offers the way back to the seeded sample). */
  readonly pasted: boolean;
  /** Valid numbers, or undefined with the reader-facing reason when the text was rejected (nothing else changes). */
  readonly onParsed: (values: number[] | undefined, error?: string) => void;
  readonly onClear: () => void;
}

/** "Use your own data": a text box validated by parseNumberList; bad input reports why and leaves the data alone. */
export function PasteNumbers({ idPrefix, pasted, onParsed, onClear }: PasteNumbersProps) {
  const [text, setText] = useState('');
  const use = () => {
    const parsed = parseNumberList(text);
    if (parsed.ok) onParsed(parsed.values);
    else onParsed(undefined, parsed.error);
  };
  return (
    <details class="ld-paste">
      <summary>Use your own data</summary>
      <label for={`${idPrefix}-data`}>Numbers separated by commas or spaces (5 to 10,000 values)</label>
      <textarea id={`${idPrefix}-data`} rows={3} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      <button type="button" onClick={use} data-testid={`${idPrefix}-use-data`}>Use these numbers</button>{' '}
      {pasted ? <button type="button" onClick={onClear}>Back to the seeded sample</button> : null}
    </details>
  );
}
