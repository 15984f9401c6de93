import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  Policy,
  SloListItem,
  SloState,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { usePolicies, useSloList } from '../../hooks';
import { STATE_LABEL, formatBudgetLeft, formatPercent } from '../shared/format';
import { FilterSelect } from '../shared/FilterSelect';
import { isCollectingData, partialDataText } from '../shared/dataCoverage';
import { APP_CONFIG_POLICY_REF } from '@reliability-suite/plugin-reliability-common';
import { FreezeChip, PolicyStateIndicator } from '../shared/PolicyState';
import { StateIndicator } from '../shared/StateIndicator';
import { sourceProblem, sourceProblemSentence } from '../shared/sourceProblem';
import {
  useEntityReliabilityLink,
  usePolicyLink,
  useSloLink,
} from '../shared/usePageLinks';
import { useUrlFilters } from '../shared/useUrlFilters';
import { OffsetPagination } from '../shared/OffsetPagination';
import { withRowIds } from '../shared/rowIds';

function PolicyCell(props: {
  item: SloListItem;
  policies: Map<string, Policy>;
  policyLink?: (ref: string) => string;
}) {
  const { policy } = props.item;
  if (!policy) return <>—</>;
  const known = props.policies.get(policy.ref);
  const href = props.policyLink?.(policy.ref);
  const title =
    known?.title ??
    (policy.ref === APP_CONFIG_POLICY_REF ? 'app-config default' : policy.ref);
  return (
    <>
      {/* Wrap rather than squeeze: the state keeps its width, the chip goes below. */}
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 4, whiteSpace: 'nowrap' }}
      >
        <PolicyStateIndicator
          policy={known}
          state={policy.state}
          partial={policy.partial}
        />
        {policy.frozen && <FreezeChip />}
      </Box>
      <Typography variant="caption" display="block" color="textSecondary">
        {href ? <Link to={href}>{title}</Link> : title}
      </Typography>
    </>
  );
}

/** The SLO's title with the objective's name when the title does not already say it. */
function objectiveTitle(i: SloListItem): string {
  return i.objective.name && i.title.includes(i.objective.name)
    ? i.title
    : `${i.title} — ${i.objective.name}`;
}

type Links = {
  slo?: (sloRef: string) => string;
  entity: (entityRef: string) => string;
};

function baseColumns(links: Links): TableColumn<SloListItem>[] {
  return [
    {
      title: 'SLO',
      // Titles on at most three lines at 1440 px (the table shares its width by content).
      cellStyle: { minWidth: 200 },
      // Its title, linking to the SLO's page in the suite (or its catalog page without it).
      render: i =>
        links.slo ? (
          <Link to={links.slo(i.sloRef)}>{objectiveTitle(i)}</Link>
        ) : (
          <EntityRefLink entityRef={i.sloRef} hideIcon disableTooltip>
            {objectiveTitle(i)}
          </EntityRefLink>
        ),
    },
    {
      title: 'Service',
      // To the service's Reliability tab: what this list is about, not the entity's Overview.
      render: i => (
        <Link to={links.entity(i.serviceRef)}>
          <EntityDisplayName entityRef={i.serviceRef} hideIcon />
        </Link>
      ),
    },
    {
      title: 'Owner',
      render: i =>
        i.ownerRef ? <EntityRefLink entityRef={i.ownerRef} hideIcon /> : '—',
    },
    {
      title: 'State',
      render: i => (
        <>
          <StateIndicator
            state={i.objective.state}
            dataQuality={i.objective.dataQuality}
          />
          {i.objective.source && i.objective.source.state !== 'ok' && (
            // The source's own words (a sentence, often with its query or address) on
            // hover and on the SLO's page: written out here they set the State column's
            // width, and the SLO titles wrapped onto four lines at 1440 px. Focusable, so
            // that the keyboard reaches the sentence too.
            <Tooltip title={sourceProblemSentence(i.objective.source)}>
              <Typography
                variant="caption"
                color="error"
                display="block"
                tabIndex={0}
              >
                {sourceProblem(i.objective.source)}
              </Typography>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      title: 'SLI / target',
      cellStyle: { whiteSpace: 'nowrap' },
      render: i =>
        `${formatPercent(i.objective.sli)} / ${formatPercent(
          i.objective.target,
        )}`,
    },
    {
      title: 'Budget left',
      render: i => {
        if (i.objective.dataQuality === 'no-data') return '—';
        if (isCollectingData(i.objective)) return partialDataText(i.objective);
        const left = formatBudgetLeft(i.objective.errorBudget.remaining);
        return i.objective.dataQuality === 'partial' ? (
          <>
            {left}
            <Typography variant="caption" display="block" color="textSecondary">
              {partialDataText(i.objective)}
            </Typography>
          </>
        ) : (
          left
        );
      },
    },
  ];
}

/** The list's filters as kept in the URL ('' for none). */
export const SLO_LIST_FILTERS = {
  q: '',
  owner: '',
  system: '',
  tier: '',
  state: '',
  policy: '',
  frozen: '',
};

/**
 * Catalog entities of a kind as filter options: reference and name, by name. Without a
 * catalog API (an app that does not install the catalog) the filter offers none.
 */
function useEntityOptions(kind: string): Array<[string, string]> {
  const catalog = useApiHolder().get(catalogApiRef);
  const { value } = useAsync(
    async () =>
      catalog?.getEntities({
        filter: { kind },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
        ],
      }),
    [catalog, kind],
  );
  return useMemo(
    () =>
      (value?.items ?? [])
        .map((e): [string, string] => [
          stringifyEntityRef(e),
          (e.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
            e.metadata.title ??
            e.metadata.name,
        ])
        .sort((a, b) => a[1].localeCompare(b[1])),
    [value],
  );
}

/**
 * The options with the filter's current value among them: a link may name an owner the
 * catalog has not answered with yet (or no longer knows), and the select must show it.
 */
function withCurrent(
  options: Array<[string, ReactNode]>,
  value: string,
): Array<[string, ReactNode]> {
  if (!value || options.some(([v]) => v === value)) return options;
  return [
    [value, <EntityDisplayName key={value} entityRef={value} hideIcon />],
    ...options,
  ];
}

/**
 * Every SLO objective in the organisation, most urgent first (paging, exhausted, ticket, at
 * risk, healthy, no data — the backend's order, so pages agree), with the state its
 * service's error-budget policy recommends; searchable, and filtered by owner, system, tier,
 * state, policy and release freeze, all kept in the URL.
 */
export function SloTable(props: { onEmpty: JSX.Element }) {
  const policyLink = usePolicyLink();
  const sloLink = useSloLink();
  const entityLink = useEntityReliabilityLink();
  const [filters, setFilters] = useUrlFilters(SLO_LIST_FILTERS);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  // The search box answers each keystroke; the URL and the request follow once typing pauses.
  const [search, setSearch] = useState(filters.q);
  const written = useRef(filters.q);
  useEffect(() => {
    // Only a change from elsewhere (back, a link) replaces what is typed.
    if (filters.q !== written.current) {
      written.current = filters.q;
      setSearch(filters.q);
    }
  }, [filters.q]);
  useDebounce(
    () => {
      if (search !== written.current) {
        written.current = search;
        setFilters({ q: search });
        setPage(0);
      }
    },
    300,
    [search],
  );
  const owners = useEntityOptions('Group');
  const systems = useEntityOptions('System');
  // The policies, for the filter and to show each state by its title; the table works without.
  const policies = usePolicies();
  const policyMap = useMemo(
    () =>
      new Map((policies.value?.items ?? []).map(i => [i.policy.ref, i.policy])),
    [policies.value],
  );
  const { value, loading, error } = useSloList({
    q: filters.q.trim() || undefined,
    owner: filters.owner || undefined,
    system: filters.system || undefined,
    tier: filters.tier ? Number(filters.tier) : undefined,
    state: (filters.state as SloState) || undefined,
    policy: filters.policy || undefined,
    frozen: filters.frozen === 'true' ? true : undefined,
    limit: pageSize,
    offset: page * pageSize,
  });
  const columns = useMemo(
    () => [
      ...baseColumns({ slo: sloLink, entity: entityLink }),
      {
        title: 'Policy',
        cellStyle: { minWidth: 160 },
        render: (i: SloListItem) => (
          <PolicyCell item={i} policies={policyMap} policyLink={policyLink} />
        ),
      },
    ],
    // The link builders are new functions each render but depend only on the app's routes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [policyMap, policyLink === undefined, sloLink === undefined],
  );
  const filter = (patch: Partial<typeof SLO_LIST_FILTERS>) => {
    setFilters(patch);
    setPage(0);
  };
  const filtered = Object.values(filters).some(v => v !== '');
  if (!loading && !error && value?.totalCount === 0 && !filtered) {
    return props.onEmpty;
  }
  return (
    <>
      <Box
        display="flex"
        alignItems="flex-end"
        flexWrap="wrap"
        style={{ gap: 24 }}
        mb={2}
      >
        <TextField
          label="Search"
          placeholder="SLO, service or owner"
          value={search}
          onChange={e => setSearch(e.target.value)}
          inputProps={{ 'aria-label': 'Search SLOs', maxLength: 200 }}
          style={{ minWidth: 240 }}
        />
        <FilterSelect
          label="Owner"
          value={filters.owner}
          onChange={owner => filter({ owner })}
          options={withCurrent(owners, filters.owner)}
          minWidth={180}
        />
        <FilterSelect
          label="System"
          value={filters.system}
          onChange={system => filter({ system })}
          options={withCurrent(systems, filters.system)}
        />
        <FilterSelect
          label="Tier"
          value={filters.tier}
          onChange={tier => filter({ tier })}
          options={['1', '2', '3', '4'].map(t => [t, `Tier ${t}`])}
          minWidth={100}
        />
        <FilterSelect
          label="State"
          value={filters.state}
          onChange={state => filter({ state })}
          options={(Object.keys(STATE_LABEL) as SloState[]).map(s => [
            s,
            STATE_LABEL[s],
          ])}
          minWidth={180}
        />
        <FilterSelect
          label="Policy"
          value={filters.policy}
          onChange={policy => filter({ policy })}
          options={(policies.value?.items ?? []).map(i => [
            i.policy.ref,
            i.policy.title,
          ])}
          minWidth={200}
        />
        <FormControlLabel
          control={
            <Switch
              checked={filters.frozen === 'true'}
              onChange={e => filter({ frozen: e.target.checked ? 'true' : '' })}
            />
          }
          label="Frozen only"
        />
      </Box>
      {policies.error && (
        <Typography variant="caption" color="error" display="block">
          Could not load the policies for the filter: {policies.error.message}
        </Typography>
      )}
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {!loading && !error && (
        <Table<SloListItem>
          title={`Service level objectives (${value?.totalCount ?? 0})`}
          subtitle="Most urgent first: paging, budget exhausted, ticket, at risk, healthy, no data"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={withRowIds(
            value?.items ?? [],
            i => `${i.sloRef}\u0000${i.objective.name}`,
          )}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              No objectives match these filters.
            </Typography>
          }
        />
      )}
      <OffsetPagination
        total={value?.totalCount ?? 0}
        page={page}
        pageSize={pageSize}
        sizes={[20, 50, 100]}
        onChange={(p, size) => {
          setPage(p);
          setPageSize(size);
        }}
      />
    </>
  );
}
