/**
 * Validation of a typed observation sequence (the HMM island's box): symbols are the digits
 * 1..M, optionally separated by commas, semicolons or whitespace ("1 2 2 1", "1,2,2,1", "1221"),
 * returned 0-based (symbol m as m - 1) for src/math/hmm.ts.
 */

export const MIN_SYMBOLS = 2;
export const MAX_SYMBOLS = 60;

export type ParsedSymbols = { readonly ok: true; readonly values: number[] } | { readonly ok: false; readonly error: string };

/** Parses `text` into 0-based symbols (digits 1..symbols typed), or says exactly what is wrong (empty, not a symbol, too short, too long). */
export function parseSymbolSequence(text: string, symbols: number): ParsedSymbols {
  const characters = [...text.replace(/[\s,;]+/g, '')];
  const range = `1 to ${symbols}`;
  if (characters.length === 0) return { ok: false, error: `The sequence box is empty: type at least ${MIN_SYMBOLS} symbols (${range}).` };
  if (characters.length > MAX_SYMBOLS) return { ok: false, error: `Too long: ${characters.length} symbols typed, at most ${MAX_SYMBOLS} allowed.` };
  const values: number[] = [];
  for (const character of characters) {
    const value = /^[0-9]$/.test(character) ? Number(character) : NaN;
    if (!(value >= 1 && value <= symbols)) return { ok: false, error: `"${character}" is not a symbol: use the digits ${range}, one per time step.` };
    values.push(value - 1);
  }
  if (values.length < MIN_SYMBOLS) return { ok: false, error: `Too short: ${values.length} symbol typed, at least ${MIN_SYMBOLS} needed.` };
  return { ok: true, values };
}
