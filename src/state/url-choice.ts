/**
 * A URL parameter that takes one of a fixed list of words (`score-dsm.data=moons`). Untrusted
 * input: compared against the list only, never echoed into HTML.
 */

/** The value of `key` if it is one of `choices`; otherwise the fallback and, when present but unknown, a message. */
export function parseChoice<T extends string>(query: string, key: string, choices: readonly T[], fallback: T): { value: T; message?: string } {
  const raw = new URLSearchParams(query).get(key);
  if (raw === null) return { value: fallback };
  const found = choices.find((choice) => choice === raw.trim());
  if (found !== undefined) return { value: found };
  return { value: fallback, message: `Ignored the URL parameter "${key}": expected one of ${choices.join(', ')}; using ${fallback}.` };
}

/** Sets `key` to `value` in `search`, or removes it when the value is the default. */
export function writeChoice(search: URLSearchParams, key: string, value: string, fallback: string): void {
  if (value === fallback) search.delete(key);
  else search.set(key, value);
}
