import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A list's filters kept in the page's query string, so a filtered view survives a reload and
 * can be shared as a link. Each key reads '' (or its default) when absent; setting a key to
 * its default removes it from the URL. Changes replace the history entry rather than add
 * one per keystroke.
 */
export function useUrlFilters<K extends string>(
  defaults: Record<K, string>,
): [Record<K, string>, (patch: Partial<Record<K, string>>) => void] {
  const [params, setParams] = useSearchParams();
  // React Router hands a functional update the params of the last render, so two updates
  // before the next render (a debounced search firing while a select is picked) would lose
  // the first; each update starts from the latest one instead.
  const latest = useRef(params);
  latest.current = params;
  const keys = Object.keys(defaults) as K[];
  // An absent key reads as its default, a key set to '' as '' (a filter cleared on purpose
  // when the default is not ''), so the two must serialise apart.
  const key = keys
    .map(k => `${k}=${params.get(k) ?? `default:${defaults[k]}`}`)
    .join('&');
  const values = useMemo(() => {
    const out = {} as Record<K, string>;
    for (const k of keys) out[k] = params.get(k) ?? defaults[k];
    return out;
    // The serialised values stand for params and defaults, which are new objects each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const update = useCallback(
    (patch: Partial<Record<K, string>>) => {
      const next = new URLSearchParams(latest.current);
      for (const [k, v] of Object.entries(patch) as Array<[K, string]>) {
        if (v === undefined || v === defaults[k]) next.delete(k);
        else next.set(k, v);
      }
      latest.current = next;
      setParams(next, { replace: true });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setParams, JSON.stringify(defaults)],
  );
  return [values, update];
}
