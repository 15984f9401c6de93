import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
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
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api';
import { MttrTrendChart } from './MttrTrendChart';
import { NeedsPostmortem } from './NeedsPostmortem';
import { PostmortemDialog } from './PostmortemDialog';
import { PostmortemEntry } from './PostmortemEntry';
import { PostmortemDraft, episodeTitle } from './postmortem';

type DialogState = {
  open: boolean;
  draft: PostmortemDraft;
  postmortem?: Postmortem;
};

function AddButton(props: { onClick(): void }) {
  return (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      data-testid="add-postmortem"
      onClick={props.onClick}
    >
      Add postmortem
    </Button>
  );
}

/**
 * The entity's postmortems on its Reliability tab: the burn episodes that need one under its
 * error-budget policy, each postmortem (severity, status, blameless review, timeline, time to
 * detect / mitigate / resolve, budget spent, action items) and MTTD/MTTR by month. Adding and
 * editing are offered to callers the permission API allows `reliability.postmortem.write` on
 * the entity; the backend checks it on every affected entity.
 */
export function EntityPostmortems(props: { onChange?: () => void }) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const alertApi = useApi(alertApiRef);
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { allowed: canWrite } = usePermission({
    permission: reliabilityPostmortemWritePermission,
    resourceRef: entityRef,
  });
  const [dialog, setDialog] = useState<DialogState>({
    open: false,
    draft: {},
  });
  const { value, loading, error, retry } = useAsyncRetry(
    async () => api.getEntityPostmortems(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );

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
  const edit = (postmortem: Postmortem) =>
    setDialog({ open: true, draft: postmortem, postmortem });
  const items = value.items;
  const hasChart = value.monthly.length > 0;

  return (
    <Grid container spacing={3}>
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
      <Grid item xs={12} md={hasChart ? 8 : 12}>
        <InfoCard
          title={`Postmortems (${items.length})`}
          subheader={`Incidents that affected ${entityTitle}, newest first`}
          action={
            canWrite && items.length > 0 ? (
              <Box mt={1} mr={1}>
                <AddButton onClick={add} />
              </Box>
            ) : undefined
          }
        >
          {items.length === 0 ? (
            <Box>
              <Typography variant="h6" gutterBottom>
                No postmortems yet for this entity
              </Typography>
              <Typography variant="body2" paragraph>
                Record the incidents that affected {entityTitle}: what happened,
                when it was detected, mitigated and resolved, and the action
                items that keep it from happening again. The error budget each
                incident spent is worked out from the SLO data.
              </Typography>
              {canWrite && <AddButton onClick={add} />}
            </Box>
          ) : (
            <List aria-label="Postmortems">
              {items.map(pm => (
                <ListItem key={pm.id} divider aria-label={pm.title}>
                  <PostmortemEntry
                    postmortem={pm}
                    canEdit={canWrite}
                    onEdit={() => edit(pm)}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </InfoCard>
      </Grid>
      {hasChart && (
        <Grid item xs={12} md={4}>
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
        onClose={() => setDialog(d => ({ ...d, open: false }))}
        onDone={() => {
          setDialog(d => ({ ...d, open: false }));
          alertApi.post({
            message: 'Postmortem saved',
            severity: 'success',
            display: 'transient',
          });
          retry();
          props.onChange?.();
        }}
      />
    </Grid>
  );
}
