import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { readDeclaredResponsibility } from '@reliability-suite/plugin-reliability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

function NotSet() {
  return (
    <Typography variant="body2" color="textSecondary">
      not set
    </Typography>
  );
}

function GroupRef(props: { value?: string; namespace: string }) {
  if (!props.value) return <NotSet />;
  return (
    <EntityRefLink
      entityRef={props.value}
      defaultKind="group"
      defaultNamespace={props.namespace}
    />
  );
}

/** Who is responsible for the entity, as the entity declares it. */
export function ResponsibilityTable(props: { entity: Entity }) {
  const declared = readDeclaredResponsibility(props.entity);
  const namespace = props.entity.metadata.namespace ?? 'default';
  const rows: Array<[string, JSX.Element]> = [
    ['Owner', <GroupRef value={declared.owner} namespace={namespace} />],
    ['SRE team', <GroupRef value={declared.sreTeam} namespace={namespace} />],
    [
      'Engagement',
      declared.engagement ? <>{declared.engagement}</> : <NotSet />,
    ],
    ['Tier', declared.tier ? <>{declared.tier}</> : <NotSet />],
    ['On-call', declared.oncall ? <>{declared.oncall}</> : <NotSet />],
  ];
  return (
    <Table size="small" aria-label="Responsibility">
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row">
              {label}
            </TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
