import {
  AnyRouteRefParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { policyRouteRef, rootRouteRef } from '../../routes';
import { policyRefParts } from './policy';

/**
 * useRouteRef, or undefined when the app does not mount the `/reliability` page (then
 * policies are shown as plain text rather than breaking the entity page). useRouteRef calls
 * all its hooks before it throws for a missing route, so the hook order stays the same.
 */
function useOptionalRouteRef<Params extends AnyRouteRefParams>(
  ref: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(ref);
  } catch {
    return undefined;
  }
}

/** The link to a policy's page, or undefined when the `/reliability` page is not mounted. */
export function usePolicyLink(): ((policyRef: string) => string) | undefined {
  const link = useOptionalRouteRef(policyRouteRef);
  if (!link) return undefined;
  return (policyRef: string) => link(policyRefParts(policyRef));
}

/** The link to the `/reliability` page, or undefined when it is not mounted. */
export function useRootLink(): string | undefined {
  return useOptionalRouteRef(rootRouteRef)?.();
}
