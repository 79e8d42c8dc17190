/**
 * Debounced URL updates: browsers throttle (and warn about) more than a few history writes per
 * second, and a slider drag produces dozens.
 */
const pending = new Map<string, (search: URLSearchParams) => void>();
let timer = 0;

/** Queues an update of the query string under `owner`; the latest update per owner wins. */
export function replaceQuery(owner: string, update: (search: URLSearchParams) => void): void {
  pending.set(owner, update);
  window.clearTimeout(timer);
  timer = window.setTimeout(() => {
    const search = new URLSearchParams(location.search);
    pending.forEach((apply) => apply(search));
    pending.clear();
    const text = search.toString();
    const query = text === '' ? '' : `?${text}`;
    if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  }, 150);
}
