import { Link } from '@backstage/core-components';
import { isHttpUrl } from '../shared/policy';

/** A link a person gave (a ticket, a document): linked when it is http(s), else shown as text. */
export function ExternalLink(props: {
  href?: string | null;
  children?: string;
}) {
  if (!props.href) return null;
  if (!isHttpUrl(props.href)) return <>{props.href}</>;
  return <Link to={props.href}>{props.children ?? props.href}</Link>;
}
