import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_CAPACITY,
  ANNOTATION_SRE_TEAM,
} from '@reliability-suite/plugin-reliability-common';
import type { SreTeamLoad } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useSreTeams } from '../../hooks';
import { NotInCatalog } from '../shared/NotInCatalog';
import { CapacityStatus, SreLoadBar } from '../shared/SreLoad';
import { withRowIds } from '../shared/rowIds';

const columns: TableColumn<SreTeamLoad>[] = [
  {
    title: 'Team',
    render: t =>
      // The backend names a group missing from the catalog by its reference (services
      // name it as their SRE team; the ownership audit reports it).
      t.title === t.groupRef ? (
        <NotInCatalog entityRef={t.groupRef} />
      ) : (
        <EntityRefLink entityRef={t.groupRef} defaultKind="group" hideIcon>
          {t.title}
        </EntityRefLink>
      ),
  },
  {
    title: 'Supported services',
    field: 'services',
    type: 'numeric',
    tooltip: 'Under an engagement that counts towards the load (supported)',
  },
  {
    title: 'Engaged, not counted',
    field: 'engaged',
    type: 'numeric',
    tooltip:
      'Naming the team under consulting or onboarding: weight 0, not in the time budget',
  },
  {
    title: 'Load / capacity',
    cellStyle: { minWidth: 220 },
    render: t => <SreLoadBar load={t} compact />,
  },
  {
    title: 'Capacity',
    cellStyle: { whiteSpace: 'nowrap' },
    render: t => <CapacityStatus load={t} />,
  },
];

/**
 * Every SRE team with the load of the services it supports against its capacity, most loaded
 * first, those over capacity called out above the table.
 */
export function SreTeamsTable() {
  const { value, loading, error } = useSreTeams();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const teams = value?.items ?? [];
  const over = teams.filter(t => t.overCapacity);
  return (
    <>
      {over.length > 0 && (
        <Box mb={2}>
          <Alert severity="error">
            <AlertTitle>
              {over.length === 1
                ? '1 SRE team over capacity'
                : `${over.length} SRE teams over capacity`}
            </AlertTitle>
            {over.map(t => t.title || t.groupRef).join(', ')}: hand services
            back or decline new ones, or raise the capacity.
          </Alert>
        </Box>
      )}
      <Table<SreTeamLoad>
        title={`SRE teams (${teams.length})`}
        subtitle="Supported services carry the load with their tier's weight, and their pages, tickets and incidents make the time budget; services under consulting or onboarding only name the team."
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={withRowIds(teams, t => t.groupRef)}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              No SRE teams yet. A group is an SRE team once a service names it
              with the <code>{ANNOTATION_SRE_TEAM}</code> annotation (on the
              service, its System or its Domain) or it declares what it can
              carry with <code>{ANNOTATION_CAPACITY}</code>.
            </Typography>
          </Box>
        }
      />
    </>
  );
}
