import {
  ANNOTATION_SRE_TEAM,
  CONCERN_TITLES,
} from '@reliability-suite/plugin-reliability-common';
import type {
  EntityResponsibility,
  ResponsibilityConcern,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { InheritedFrom } from './InheritedFrom';
import { TeamRef } from './NotInCatalog';
import { RACI_LEGEND, raciDescription } from './responsibility';

function PartyHeader(props: {
  groupRef: string | null;
  inCatalog: boolean;
  party: string;
  missing: string;
}) {
  return (
    <TableCell align="center">
      {props.groupRef ? (
        <TeamRef entityRef={props.groupRef} inCatalog={props.inCatalog} />
      ) : (
        <Typography variant="body2" component="span" color="textSecondary">
          {props.missing}
        </Typography>
      )}
      <Typography variant="caption" display="block" color="textSecondary">
        {props.party}
      </Typography>
    </TableCell>
  );
}

function Letters(props: { letters: string }) {
  const title = raciDescription(props.letters);
  return (
    <TableCell align="center">
      <abbr title={title} style={{ textDecoration: 'none', fontWeight: 500 }}>
        {props.letters || '—'}
      </abbr>
    </TableCell>
  );
}

/** R responsible · A accountable · C consulted · I informed · — not involved. */
export function RaciLegend() {
  const entries: Array<[string, string]> = [
    ...RACI_LEGEND,
    ['—', 'not involved'],
  ];
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="p"
      aria-label="Legend"
      style={{ marginTop: 8 }}
    >
      {entries.map(([letter, word], i) => (
        <span key={letter}>
          {i > 0 && ' · '}
          <strong>{letter}</strong> {word}
        </span>
      ))}
    </Typography>
  );
}

/**
 * Who does what for the entity: per concern of running it, the RACI letters of the owning
 * team and of its SRE team — named, and linked to their pages — under the entity's engagement
 * model (`none` when it has none).
 */
export function ResponsibilityMatrix(props: { value: EntityResponsibility }) {
  const { value } = props;
  const sreTeamRef = value.sreTeam ? String(value.sreTeam.value) : null;
  const engagement = value.engagement ? String(value.engagement.value) : null;
  const inherited = !!value.engagement && value.engagement.from !== 'entity';
  const sreHasDuties = value.matrix.some(row => row.sre !== '');
  let intro: ReactNode;
  if (engagement) {
    intro = (
      <>
        Engagement model <strong>{engagement}</strong>
        {inherited && (
          <>
            {' '}
            (<InheritedFrom sourced={value.engagement} />)
          </>
        )}
        .
      </>
    );
  } else {
    intro = (
      <>
        No engagement model set: the matrix for <strong>none</strong> applies,
        the owning team does everything.
      </>
    );
  }
  return (
    <>
      <Typography variant="body2" paragraph>
        {intro}
      </Typography>
      {!sreTeamRef && sreHasDuties && (
        <Box mb={2}>
          <Alert severity="warning">
            This engagement model gives an SRE team duties, but none is set:
            name one with the <code>{ANNOTATION_SRE_TEAM}</code> annotation on
            the entity, its System or its Domain.
          </Alert>
        </Box>
      )}
      <Table size="small" aria-label="Responsibility matrix">
        <TableHead>
          <TableRow>
            <TableCell>Concern</TableCell>
            <PartyHeader
              groupRef={value.ownerRef}
              inCatalog={value.ownerInCatalog}
              party="owning team"
              missing="No owner"
            />
            <PartyHeader
              groupRef={sreTeamRef}
              inCatalog={value.sreTeamInCatalog}
              party="SRE team"
              missing="No SRE team"
            />
          </TableRow>
        </TableHead>
        <TableBody>
          {value.matrix.map(row => (
            <TableRow key={row.concern}>
              <TableCell component="th" scope="row">
                {row.title ||
                  CONCERN_TITLES[row.concern as ResponsibilityConcern] ||
                  row.concern}
              </TableCell>
              <Letters letters={row.owner} />
              <Letters letters={row.sre} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <RaciLegend />
    </>
  );
}
