import { Link } from '@backstage/core-components';
import type { EntityResponsibility } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { isHttpUrl } from './policy';
import { InheritedFrom } from './InheritedFrom';
import { TeamRef } from './NotInCatalog';
import { SourcedValue } from './responsibility';

export function NotSet() {
  return (
    <Typography variant="body2" component="span" color="textSecondary">
      not set
    </Typography>
  );
}

/** A value with, when inherited, the System or Domain it came from. */
function Sourced(props: {
  sourced: SourcedValue | null;
  render?: (value: unknown) => ReactNode;
}) {
  const { sourced } = props;
  if (!sourced) return <NotSet />;
  const inherited = sourced.from !== 'entity';
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="baseline"
      style={{ columnGap: 8 }}
    >
      <span>
        {props.render ? props.render(sourced.value) : String(sourced.value)}
      </span>
      {inherited && (
        <Typography variant="caption" color="textSecondary">
          <InheritedFrom sourced={sourced} />
        </Typography>
      )}
    </Box>
  );
}

function Oncall(props: { value: unknown }) {
  const value = String(props.value);
  return isHttpUrl(value) ? <Link to={value}>{value}</Link> : <>{value}</>;
}

function Links(props: { links: Array<{ url: string; title?: string }> }) {
  if (props.links.length === 0) return <NotSet />;
  return (
    <>
      {props.links.map((l, i) => (
        <span key={`${l.url}-${i}`}>
          {i > 0 && ', '}
          {isHttpUrl(l.url) ? (
            <Link to={l.url}>{l.title || l.url}</Link>
          ) : (
            l.title || l.url
          )}
        </span>
      ))}
    </>
  );
}

/**
 * Who is responsible for the entity: owner, SRE team, engagement model, tier, on-call and the
 * runbook, dashboard and playbook links, as the backend resolves them — values the entity does
 * not set itself are inherited from its System or Domain, and say which; "not set" where none
 * of them says.
 */
export function ResponsibilityTable(props: { value: EntityResponsibility }) {
  const { value } = props;
  const rows: Array<[string, ReactNode]> = [
    [
      'Owner',
      value.ownerRef ? (
        <TeamRef entityRef={value.ownerRef} inCatalog={value.ownerInCatalog} />
      ) : (
        <NotSet />
      ),
    ],
    [
      'SRE team',
      <Sourced
        sourced={value.sreTeam}
        render={v => (
          <TeamRef entityRef={String(v)} inCatalog={value.sreTeamInCatalog} />
        )}
      />,
    ],
    ['Engagement', <Sourced sourced={value.engagement} />],
    ['Tier', <Sourced sourced={value.tier} />],
    [
      'On-call',
      <Sourced sourced={value.oncall} render={v => <Oncall value={v} />} />,
    ],
    ['Runbook', <Links links={value.links.runbook} />],
    ['Dashboard', <Links links={value.links.dashboard} />],
    ['Playbook', <Links links={value.links.playbook} />],
  ];
  return (
    <Table size="small" aria-label="Responsibility">
      <TableBody>
        {rows.map(([label, cell]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row">
              {label}
            </TableCell>
            <TableCell>{cell}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
