/**
 * Validation of a pasted list of numbers (the EM island's data box): separators are commas,
 * semicolons and whitespace; anything else gets a reader-facing message and no data.
 */

export const MIN_VALUES = 5;
export const MAX_VALUES = 10_000;

export type ParsedNumbers = { readonly ok: true; readonly values: number[] } | { readonly ok: false; readonly error: string };

/** Parses `text` into finite numbers, or says exactly what is wrong (empty, non-numeric, too few, too many). */
export function parseNumberList(text: string): ParsedNumbers {
  const tokens = text.split(/[\s,;]+/).filter((t) => t.length > 0);
  if (tokens.length === 0) return { ok: false, error: 'The data box is empty: paste at least 5 numbers.' };
  if (tokens.length > MAX_VALUES) {
    return { ok: false, error: `Too many values: ${tokens.length.toLocaleString('en-US')} pasted, at most ${MAX_VALUES.toLocaleString('en-US')} allowed.` };
  }
  const values: number[] = [];
  for (const token of tokens) {
    const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(token) ? Number(token) : NaN;
    if (!Number.isFinite(value)) return { ok: false, error: `"${token.slice(0, 20)}" is not a finite number; separate numbers with commas or spaces.` };
    values.push(value);
  }
  if (values.length < MIN_VALUES) return { ok: false, error: `Too few values: ${values.length} pasted, at least ${MIN_VALUES} needed.` };
  if (Math.max(...values) - Math.min(...values) === 0) return { ok: false, error: 'All values are equal: a mixture needs data with some spread.' };
  return { ok: true, values };
}
