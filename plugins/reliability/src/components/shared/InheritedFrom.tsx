import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import { inheritedFromLabel, kindLabel, SourcedValue } from './responsibility';

function FromEntity(props: { fromRef: string; kind: string }) {
  const { primaryTitle } = useEntityPresentation(props.fromRef);
  return (
    <Tooltip title={props.fromRef}>
      <span>
        from {kindLabel(props.kind)} {primaryTitle}
      </span>
    </Tooltip>
  );
}

/**
 * Where an inherited value came from, with the System's or Domain's name as the catalog
 * presents it and its reference on hover: "from System Storefront". Nothing when the entity
 * sets the value itself.
 */
export function InheritedFrom(props: {
  sourced: Pick<SourcedValue, 'from' | 'fromRef'> | null | undefined;
}) {
  const { sourced } = props;
  if (!sourced || sourced.from === 'entity') return null;
  const kind = /^([^:/]+):/.exec(sourced.fromRef)?.[1];
  if (!kind) return <>{inheritedFromLabel(sourced)}</>;
  return <FromEntity fromRef={sourced.fromRef} kind={kind} />;
}
