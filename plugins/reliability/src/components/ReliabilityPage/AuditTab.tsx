import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  AUDIT_FINDING_KINDS,
  ENGAGEMENT_MODELS,
  toFullRef,
} from '@reliability-suite/plugin-reliability-common';
import type {
  AuditExportQuery,
  AuditFinding,
  AuditFindingKind,
  AuditSummary,
  EngagementModel,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import FilterListIcon from '@material-ui/icons/FilterList';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import {
  useAuditFindings,
  useAuditSummary,
  useReliabilityApi,
} from '../../hooks';
import { downloadText } from '../shared/download';
import { errorText } from '../shared/policy';
import { findingKindTitle, shortRef } from '../shared/responsibility';
import { OffsetPagination } from '../shared/OffsetPagination';
import { TeamRef } from '../shared/NotInCatalog';
import { withRowIds } from '../shared/rowIds';
import { formatDateTime } from '../shared/format';
import { FilterSelect } from '../shared/FilterSelect';
import { useUrlFilters } from '../shared/useUrlFilters';

/** The file the CSV export is saved as. */
export const AUDIT_CSV_FILENAME = 'reliability-audit.csv';

/** The filters of the audit, as the selects and the URL hold them ('' for all). */
type Filters = {
  owner: string;
  system: string;
  tier: string;
  engagement: string;
  severity: string;
  kind: string;
};

const NO_FILTERS: Filters = {
  owner: '',
  system: '',
  tier: '',
  engagement: '',
  severity: '',
  kind: '',
};

/** The filters as the API takes them, leaving out those set to all. */
function toQuery(f: Filters): AuditExportQuery {
  return {
    owner: f.owner || undefined,
    system: f.system || undefined,
    tier: f.tier ? Number(f.tier) : undefined,
    engagement: (f.engagement || undefined) as EngagementModel | undefined,
    severity: (f.severity || undefined) as 'error' | 'warning' | undefined,
    kind: (f.kind || undefined) as AuditFindingKind | undefined,
  };
}

function SeverityIcon(props: { severity: string }) {
  return props.severity === 'error' ? (
    <StatusError>Error</StatusError>
  ) : (
    <StatusWarning>Warning</StatusWarning>
  );
}

/** An owner; `inCatalog` false when the summary found the catalog does not hold it. */
function OwnerRef(props: { value: string | null; inCatalog?: boolean }) {
  return props.value ? (
    <TeamRef entityRef={props.value} inCatalog={props.inCatalog ?? true} />
  ) : (
    <Typography variant="body2" color="textSecondary" component="span">
      no owner
    </Typography>
  );
}

/** The findings counted by owning team; a team's filter button narrows the findings to it. */
function SummaryTable(props: {
  summary: AuditSummary;
  onFilter: (team: string | null) => void;
}) {
  const columns: TableColumn<AuditSummary['teams'][number]>[] = [
    {
      title: 'Team',
      render: t => <OwnerRef value={t.ownerRef} inCatalog={t.ownerInCatalog} />,
    },
    {
      title: 'Entities with findings',
      field: 'entities',
      type: 'numeric',
    },
    {
      title: 'Errors',
      field: 'errors',
      type: 'numeric',
      render: t => (
        <Typography
          variant="body2"
          color={t.errors > 0 ? 'error' : 'textPrimary'}
        >
          {t.errors}
        </Typography>
      ),
    },
    { title: 'Warnings', field: 'warnings', type: 'numeric' },
    {
      title: '',
      width: '56px',
      render: t => {
        const label = t.ownerRef
          ? `Show the findings of ${shortRef(t.ownerRef)}`
          : 'Show the entities without an owner';
        return (
          <Tooltip title={label}>
            <IconButton
              size="small"
              aria-label={label}
              onClick={() => props.onFilter(t.ownerRef)}
            >
              <FilterListIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        );
      },
    },
  ];
  const errors = props.summary.bySeverity.error ?? 0;
  const warnings = props.summary.bySeverity.warning ?? 0;
  return (
    <Table
      title="Findings by owning team"
      subtitle={`${errors} error${
        errors === 1 ? '' : 's'
      }, ${warnings} warning${warnings === 1 ? '' : 's'} in all`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={withRowIds(props.summary.teams, t => t.ownerRef ?? '')}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            No findings for any team: every audited entity has what its tier
            asks for.
          </Typography>
        </Box>
      }
    />
  );
}

/** The findings' columns; `missingOwners`: owners the summary found the catalog does not hold. */
const findingColumns = (
  missingOwners: ReadonlySet<string>,
): TableColumn<AuditFinding>[] => [
  {
    title: 'Entity',
    render: f => (
      <>
        <EntityRefLink entityRef={f.entityRef}>
          {f.title || undefined}
        </EntityRefLink>
        <Typography variant="caption" display="block" color="textSecondary">
          {[
            f.tier !== null ? `tier ${f.tier}` : undefined,
            f.engagement ?? undefined,
            f.systemRef ? (
              <EntityDisplayName
                entityRef={f.systemRef}
                defaultKind="system"
                hideIcon
              />
            ) : undefined,
          ]
            .filter(Boolean)
            .map((part, i) => (
              <Fragment key={i}>
                {i > 0 && ' · '}
                {part}
              </Fragment>
            ))}
        </Typography>
      </>
    ),
  },
  { title: 'Finding', render: f => findingKindTitle(f.kind) },
  {
    title: 'Severity',
    cellStyle: { whiteSpace: 'nowrap' },
    render: f => <SeverityIcon severity={f.severity} />,
  },
  { title: 'Message', field: 'message' },
  { title: 'Fix', field: 'fix' },
  {
    title: 'Owner',
    render: f => (
      <OwnerRef
        value={f.ownerRef}
        inCatalog={!(f.ownerRef && missingOwners.has(f.ownerRef))}
      />
    ),
  },
];

/**
 * The ownership audit: the findings counted by owning team, the findings themselves filtered
 * by owner, system, tier, engagement, severity and kind, a page at a time, and the CSV export
 * of everything matching the filters.
 */
export function AuditTab() {
  const api = useReliabilityApi();
  // In the URL, so that a filtered audit survives a reload and can be sent as a link.
  const [filters, setFilters] = useUrlFilters<keyof Filters>(NO_FILTERS);
  const [systemInput, setSystemInput] = useState(filters.system);
  const systemWritten = useRef(filters.system);
  useEffect(() => {
    // Only a change from elsewhere (back, a link) replaces what is typed.
    if (filters.system !== systemWritten.current) {
      systemWritten.current = filters.system;
      setSystemInput(filters.system);
    }
  }, [filters.system]);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>();

  const summary = useAuditSummary();
  const findings = useAuditFindings({
    ...toQuery(filters),
    limit: pageSize,
    offset: page * pageSize,
  });

  const setFilter = (patch: Partial<Filters>) => {
    if (patch.system !== undefined) systemWritten.current = patch.system;
    setFilters(patch);
    setPage(0);
  };

  // The system is typed: apply it once typing pauses, as a full reference.
  const systemRef = systemInput.trim()
    ? toFullRef(systemInput.trim(), 'system', 'default')
    : '';
  useDebounce(
    () => {
      if (systemRef !== null && systemRef !== filters.system) {
        setFilter({ system: systemRef });
      }
    },
    400,
    [systemRef],
  );

  const onDownload = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const csv = await api.exportAuditFindings(toQuery(filters));
      downloadText(AUDIT_CSV_FILENAME, csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  const owners = (summary.value?.teams ?? [])
    .map(t => t.ownerRef)
    .filter((r): r is string => !!r);
  if (filters.owner && !owners.includes(filters.owner)) {
    owners.push(filters.owner);
  }
  // Made again only when the summary is (a new array of columns would reset the table).
  const columns = useMemo(
    () =>
      findingColumns(
        new Set(
          (summary.value?.teams ?? [])
            .filter(t => t.ownerRef && !t.ownerInCatalog)
            .map(t => t.ownerRef!),
        ),
      ),
    [summary.value],
  );
  const filtered = Object.values(filters).some(v => v !== '');
  const result = findings.value;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {summary.loading && <Progress />}
        {summary.error && <ResponseErrorPanel error={summary.error} />}
        {summary.value && (
          <SummaryTable
            summary={summary.value}
            onFilter={team =>
              setFilter(
                team
                  ? { owner: team, kind: '' }
                  : { owner: '', kind: 'no-owner' },
              )
            }
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Ownership audit"
          subheader="What each entity lacks for its tier, with the fix in one line"
        >
          <Box
            display="flex"
            alignItems="flex-end"
            flexWrap="wrap"
            style={{ gap: 24 }}
            mb={2}
          >
            <FilterSelect
              label="Owner"
              minWidth={200}
              value={filters.owner}
              onChange={owner => setFilter({ owner })}
              options={owners.map(r => [
                r,
                <EntityDisplayName
                  key={r}
                  entityRef={r}
                  defaultKind="group"
                  hideIcon
                  disableTooltip
                />,
              ])}
            />
            <TextField
              id="audit-system-filter"
              label="System"
              placeholder="system:default/payments"
              value={systemInput}
              onChange={e => setSystemInput(e.target.value)}
              error={systemRef === null}
              helperText={
                systemRef === null ? 'Not an entity reference' : undefined
              }
            />
            <FilterSelect
              label="Tier"
              minWidth={100}
              value={filters.tier}
              onChange={tier => setFilter({ tier })}
              options={['1', '2', '3', '4'].map(t => [t, `Tier ${t}`])}
            />
            <FilterSelect
              label="Engagement"
              value={filters.engagement}
              onChange={engagement => setFilter({ engagement })}
              options={ENGAGEMENT_MODELS.map(e => [e, e])}
            />
            <FilterSelect
              label="Severity"
              minWidth={120}
              value={filters.severity}
              onChange={severity => setFilter({ severity })}
              options={[
                ['error', 'Error'],
                ['warning', 'Warning'],
              ]}
            />
            <FilterSelect
              label="Finding"
              minWidth={220}
              value={filters.kind}
              onChange={kind => setFilter({ kind })}
              options={(
                Object.keys(AUDIT_FINDING_KINDS) as AuditFindingKind[]
              ).map(k => [k, findingKindTitle(k)])}
            />
            <Box flexGrow={1} />
            <Button
              variant="outlined"
              color="primary"
              startIcon={<GetAppIcon />}
              disabled={exporting}
              onClick={onDownload}
            >
              {exporting ? 'Preparing CSV…' : 'Download CSV'}
            </Button>
          </Box>
          {exportError !== undefined && (
            <Box mb={2}>
              <Alert severity="error" onClose={() => setExportError(undefined)}>
                Could not export the findings: {errorText(exportError).message}
              </Alert>
            </Box>
          )}
          {findings.error && <ResponseErrorPanel error={findings.error} />}
          {findings.loading && <Progress />}
          {!findings.loading && !findings.error && result && (
            <>
              {result.totalCount === 0 && !filtered ? (
                <Typography variant="body2">
                  No findings: all {result.entitiesAudited} audited entities
                  have an owner in the catalog, and what their tier asks for —
                  on-call, runbook, SLOs with data.
                </Typography>
              ) : (
                <Table<AuditFinding>
                  title={`Findings (${result.totalCount})`}
                  subtitle={`${
                    result.entitiesAudited
                  } entities audited · ${formatDateTime(result.computedAt)}`}
                  options={{
                    paging: false,
                    search: false,
                    padding: 'dense',
                    toolbar: true,
                  }}
                  columns={columns}
                  data={withRowIds(
                    result.items,
                    f => `${f.entityRef}\u0000${f.kind}`,
                  )}
                  emptyContent={
                    <Typography variant="body2" style={{ padding: 16 }}>
                      No findings match these filters.
                    </Typography>
                  }
                />
              )}
            </>
          )}
          {(result?.totalCount ?? 0) > 0 && (
            <OffsetPagination
              total={result?.totalCount ?? 0}
              page={page}
              pageSize={pageSize}
              sizes={[20, 50, 100]}
              onChange={(p, size) => {
                setPage(p);
                setPageSize(size);
              }}
            />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
