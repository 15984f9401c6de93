import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { reliabilityPostmortemWritePermission } from '@reliability-suite/plugin-reliability-common';
import type {
  BurnEpisode,
  Postmortem,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import AddIcon from '@material-ui/icons/Add';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useEntityPostmortems } from '../../hooks';
import { formatDate, formatDuration, formatShare } from '../shared/format';
import { withRowIds } from '../shared/rowIds';
import { usePostmortemLink } from '../shared/usePageLinks';
import { MttrTrendChart } from './MttrTrendChart';
import { NeedsPostmortem } from './NeedsPostmortem';
import {
  NeedsPublishingChip,
  SeverityChip,
  StatusChip,
} from './PostmortemChips';
import { PostmortemDialog } from './PostmortemDialog';
import { PostmortemDraft, episodeTitle } from './postmortem';

/** The query parameter that opens the write dialog: `…/reliability/postmortems?write=1`. */
export const WRITE_PARAM = 'write';

/** Rows a page of the table shows; more postmortems page rather than scroll. */
const PAGE_SIZE = 10;

type DialogState = {
  open: boolean;
  draft: PostmortemDraft;
  /** The postmortem being edited; undefined to write a new one. */
  postmortem?: Postmortem;
};

function WriteButton(props: { onClick(): void }) {
  return (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      data-testid="add-postmortem"
      onClick={props.onClick}
    >
      Write postmortem
    </Button>
  );
}

/** "2 open of 3": open or in-progress items of all. */
export function openItemsText(pm: Postmortem): string {
  const open = pm.actionItems.filter(
    i => i.status === 'open' || i.status === 'in-progress',
  ).length;
  return pm.actionItems.length === 0
    ? '—'
    : `${open} open of ${pm.actionItems.length}`;
}

function columns(
  link: ((id: string) => string) | undefined,
  onEdit: ((pm: Postmortem) => void) | undefined,
): TableColumn<Postmortem>[] {
  const edit: TableColumn<Postmortem>[] = onEdit
    ? [
        {
          title: '',
          width: '1%',
          render: pm => (
            <Tooltip title="Edit">
              <IconButton
                size="small"
                aria-label={`Edit ${pm.title}`}
                onClick={() => onEdit(pm)}
              >
                <EditIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          ),
        },
      ]
    : [];
  return [
    {
      title: 'Started',
      width: '1%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: pm => formatDate(pm.startedAt),
    },
    {
      title: 'Title',
      render: pm => (
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          {link ? <Link to={link(pm.id)}>{pm.title}</Link> : pm.title}
          <NeedsPublishingChip rules={pm.needsPublishing} />
        </Box>
      ),
    },
    {
      title: 'Severity',
      width: '1%',
      render: pm => <SeverityChip severity={pm.severity} />,
    },
    {
      title: 'Status',
      width: '1%',
      render: pm => <StatusChip status={pm.status} />,
    },
    {
      title: 'MTTR',
      width: '1%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: pm => formatDuration(pm.timeToResolveMs),
    },
    {
      title: 'Action items',
      width: '1%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: openItemsText,
    },
    {
      title: 'Budget spent',
      width: '1%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: pm => formatShare(pm.maxBudgetShare, 1, 'no data'),
    },
    ...edit,
  ];
}

/**
 * The entity's postmortems on its Reliability tab: "Write postmortem" at the top, the burn
 * episodes that need one under its error-budget policy, the postmortems as a compact table
 * (newest first, a page of ten at a time) whose rows open each postmortem's page, and MTTD /
 * MTTR by month. `?write=1` in the URL opens the write dialog, so other pages link straight
 * to it. Writing is offered to callers the permission API allows `reliability.postmortem.write`
 * on the entity (the backend checks it on every affected entity), with an edit button per
 * row; a new postmortem opens its page once saved.
 */
export function EntityPostmortems(props: { onChange?: () => void }) {
  const { entity } = useEntity();
  const alertApi = useApi(alertApiRef);
  const navigate = useNavigate();
  const postmortemLink = usePostmortemLink();
  const [params, setParams] = useSearchParams();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { allowed: canWrite, loading: checking } = usePermission({
    permission: reliabilityPostmortemWritePermission,
    resourceRef: entityRef,
  });
  const [dialog, setDialog] = useState<DialogState>({
    open: false,
    draft: {},
  });
  const { value, loading, error, retry } = useEntityPostmortems();

  const wantsWrite = params.get(WRITE_PARAM) === '1';
  useEffect(() => {
    if (wantsWrite && canWrite) {
      setDialog({ open: true, draft: { entityRefs: [entityRef] } });
    }
  }, [wantsWrite, canWrite, entityRef]);

  // Closing the dialog drops ?write=1, so a reload does not open it again.
  const close = () => {
    setDialog(d => ({ ...d, open: false }));
    if (wantsWrite) {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          next.delete(WRITE_PARAM);
          return next;
        },
        { replace: true },
      );
    }
  };

  if (!value) {
    if (loading) return <Progress />;
    if (error) {
      return (
        <ResponseErrorPanel
          title="Could not load the postmortems"
          error={error}
        />
      );
    }
    return null;
  }

  const entityTitle = entity.metadata.title ?? entity.metadata.name;
  const add = () =>
    setDialog({ open: true, draft: { entityRefs: [entityRef] } });
  const write = (episode: BurnEpisode) =>
    setDialog({
      open: true,
      draft: {
        title: episodeTitle(episode),
        startedAt: episode.start,
        resolvedAt: episode.end,
        entityRefs: [entityRef],
      },
    });
  const items = value.items;
  const hasChart = value.monthly.length > 0;

  return (
    <Grid container spacing={3}>
      {(canWrite || (wantsWrite && !checking)) && (
        <Grid item xs={12}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="flex-end"
            style={{ gap: 16 }}
          >
            {wantsWrite && !checking && !canWrite && (
              <Alert severity="info" style={{ flexGrow: 1 }}>
                You may not write postmortems for {entityTitle}: ask its owners
                or an SRE.
              </Alert>
            )}
            {canWrite && <WriteButton onClick={add} />}
          </Box>
        </Grid>
      )}
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel
            title="Could not reload the postmortems"
            error={error}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <NeedsPostmortem value={value} canWrite={canWrite} onWrite={write} />
      </Grid>
      {/* The table takes the width (beside the chart its titles wrapped and its last
          columns were cut at 1440 px); the chart follows, as on the organisation's tab. */}
      <Grid item xs={12}>
        {items.length === 0 ? (
          <InfoCard title="Postmortems (0)">
            <EmptyState
              missing="content"
              title="No postmortems yet for this entity"
              description={`Record the incidents that affected ${entityTitle}: what happened, when it was detected, mitigated and resolved, and the action items that keep it from happening again. The error budget each incident spent is worked out from the SLO data.`}
            />
          </InfoCard>
        ) : (
          <Table<Postmortem>
            title={`Postmortems (${items.length})`}
            subtitle={`Incidents that affected ${entityTitle}, newest first`}
            options={{
              search: false,
              padding: 'dense',
              paging: items.length > PAGE_SIZE,
              pageSize: PAGE_SIZE,
              pageSizeOptions: [PAGE_SIZE, 25, 50],
              tableLayout: 'auto',
            }}
            columns={columns(
              postmortemLink,
              canWrite
                ? pm => setDialog({ open: true, draft: pm, postmortem: pm })
                : undefined,
            )}
            data={withRowIds(items, pm => pm.id)}
          />
        )}
      </Grid>
      {hasChart && (
        <Grid item xs={12} md={8}>
          <InfoCard
            title="Time to detect and resolve"
            subheader="Mean by the month incidents started in (UTC)"
          >
            <MttrTrendChart monthly={value.monthly} />
          </InfoCard>
        </Grid>
      )}
      <PostmortemDialog
        open={dialog.open}
        draft={dialog.draft}
        postmortem={dialog.postmortem}
        entityTitle={entityTitle}
        onClose={close}
        onDone={saved => {
          close();
          alertApi.post({
            message: `Postmortem “${saved.title}” saved`,
            severity: 'success',
            display: 'transient',
          });
          props.onChange?.();
          // A new postmortem opens its page, to go on from there; an edit stays here.
          if (postmortemLink && !dialog.postmortem) {
            navigate(postmortemLink(saved.id));
          } else retry();
        }}
      />
    </Grid>
  );
}
