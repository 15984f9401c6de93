import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { shortRef } from '@reliability-suite/plugin-reliability-common';
import Typography from '@material-ui/core/Typography';

/**
 * An entity that others name but the catalog does not hold (an owner or SRE team written in
 * an annotation or `spec.owner`): its name (with its namespace when not the default one), and
 * that it is missing. A link would open the catalog's "not found" page.
 */
export function NotInCatalog(props: { entityRef: string }) {
  return (
    <>
      <Typography variant="body2" component="span" display="block">
        {shortRef(props.entityRef)}
      </Typography>
      <Typography variant="caption" color="textSecondary" display="block">
        not in the catalog
      </Typography>
    </>
  );
}

/** A team (an owner, an SRE team): linked when the catalog holds it, else named as missing. */
export function TeamRef(props: { entityRef: string; inCatalog: boolean }) {
  return props.inCatalog ? (
    <EntityRefLink entityRef={props.entityRef} defaultKind="group" />
  ) : (
    <NotInCatalog entityRef={props.entityRef} />
  );
}
