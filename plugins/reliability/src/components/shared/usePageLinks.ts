import { parseEntityRef } from '@backstage/catalog-model';
import {
  AnyRouteRefParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ENTITY_RELIABILITY_TAB,
  EntityReliabilitySection,
  entityReliabilitySectionPath,
} from '@reliability-suite/plugin-reliability-common';
import {
  policyRouteRef,
  postmortemRouteRef,
  rootRouteRef,
  sloRouteRef,
} from '../../routes';
import { policyRefParts } from './policy';

/**
 * useRouteRef, or undefined when the app does not mount the route (then the thing is shown
 * as plain text rather than breaking the page). useRouteRef calls all its hooks before it
 * throws for a missing route, so the hook order stays the same.
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

/** The link to an SLO's page (`slo:ns/name`), or undefined when the page is not mounted. */
export function useSloLink(): ((sloRef: string) => string) | undefined {
  const link = useOptionalRouteRef(sloRouteRef);
  if (!link) return undefined;
  return (sloRef: string) => {
    const ref = parseEntityRef(sloRef, {
      defaultKind: 'slo',
      defaultNamespace: 'default',
    });
    return link({ namespace: ref.namespace, name: ref.name });
  };
}

/** The link to a postmortem's page, or undefined when the page is not mounted. */
export function usePostmortemLink(): ((id: string) => string) | undefined {
  const link = useOptionalRouteRef(postmortemRouteRef);
  if (!link) return undefined;
  return (id: string) => link({ id });
}

/**
 * The link to an entity's Reliability tab, or one of its sections, from anywhere in the app:
 * the catalog's entity page with the tab's path (`reliability`, as the install steps mount
 * it) and the section's sub-route.
 */
export function useEntityReliabilityLink(): (
  entityRef: string,
  section?: EntityReliabilitySection,
) => string {
  const entityLink = useRouteRef(entityRouteRef);
  return (entityRef, section = 'overview') => {
    const ref = parseEntityRef(entityRef);
    const sub = entityReliabilitySectionPath(section);
    return `${entityLink({
      kind: ref.kind.toLocaleLowerCase('en-US'),
      namespace: ref.namespace,
      name: ref.name,
    })}/${ENTITY_RELIABILITY_TAB}${sub ? `/${sub}` : ''}`;
  };
}
