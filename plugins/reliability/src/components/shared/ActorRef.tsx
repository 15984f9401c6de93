import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** The actor the backend records for what it does itself (automatic freezes, state changes). */
export const SYSTEM_ACTOR = 'plugin:reliability';

/**
 * Who did something: a user or group as a link to its catalog page, the suite itself as
 * "Reliability Suite", anything else (a service principal) as it is.
 */
export function ActorRef(props: { value: string }) {
  if (props.value === SYSTEM_ACTOR) return <>Reliability Suite</>;
  try {
    const ref = parseEntityRef(props.value);
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (kind === 'user' || kind === 'group') {
      return <EntityRefLink entityRef={ref} />;
    }
  } catch {
    // not an entity reference
  }
  return <>{props.value}</>;
}
