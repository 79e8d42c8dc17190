import { useEffect, useState } from 'preact/hooks';

/**
 * False in the server-rendered HTML, true once the island runs in the browser: islands that
 * compute synchronously in JavaScript use it for `data-ready`, so tests never click a dead button.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
