import { useApi } from '@backstage/core-plugin-api';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../api';

/** The reliability backend's client of the app. */
export function useReliabilityApi(): ReliabilityApi {
  return useApi(reliabilityApiRef);
}

/**
 * One call to the reliability API, made again when `deps` change; `retry()` makes it again
 * (after a change the page made). The one way components load from the API, so loading,
 * errors and reloads behave alike everywhere.
 */
export function useReliabilityQuery<T>(
  call: (api: ReliabilityApi) => Promise<T>,
  deps: DependencyList,
) {
  const api = useReliabilityApi();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => call(api), [api, ...deps]);
}
