import Tooltip from '@material-ui/core/Tooltip';

/**
 * A catalog location as people read it: the file's name (`slos.yaml` for
 * `file:/repo/examples/slos.yaml` or `url:https://github.com/o/r/blob/main/slos.yaml`), the
 * whole location being on hover. Anything that is not a path is returned as it is.
 */
export function sourceLocationName(location: string): string {
  // A location is `type:target`; a bare path or URL has no registered type before it.
  const target = /^[a-z][a-z0-9+.-]*:(?!\/\/)/i.test(location)
    ? location.slice(location.indexOf(':') + 1)
    : location;
  const path = target.split(/[?#]/)[0].replace(/\/+$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name || location;
}

/** The file name of a location, the full location on hover. */
export function SourceLocation(props: { location: string }) {
  const name = sourceLocationName(props.location);
  if (name === props.location) return <>{name}</>;
  return (
    <Tooltip title={props.location}>
      <span>{name}</span>
    </Tooltip>
  );
}
