import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { replaceQuery } from '../shared/replace-query';
import { parseChoice, writeChoice } from '../../src/state/url-choice';

/** A word-valued island setting mirrored into the URL as `<key>=<value>`, with a message for an unknown value. */
export function useUrlChoice<T extends string>(key: string, choices: readonly T[], fallback: T) {
  const initial = useMemo(() => parseChoice(typeof location === 'undefined' ? '' : location.search, key, choices, fallback), [key]);
  const [value, setValue] = useState<T>(initial.value);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    replaceQuery(key, (search) => writeChoice(search, key, value, fallback));
  }, [value]);
  return { value, setValue, message: initial.message };
}
