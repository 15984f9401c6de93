import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
} from '@reliability-suite/plugin-reliability-common';
import type {
  ActionItemPriority,
  ActionItemStatus,
  PostmortemProblem,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  ACTION_STATUS_LABEL,
  ActionItemForm,
  PRIORITY_LABEL,
  emptyActionItem,
  isMissing,
  problemMessage,
  problemWith,
} from './postmortem';
import { OwnerPicker, useOwnerOptions } from './OwnerPicker';

/**
 * The action items of a postmortem being written: one row each (title, owner, due date,
 * priority, status, labels, link) with a remove button, and "Add action item".
 */
export function ActionItemsEditor(props: {
  items: ActionItemForm[];
  problems: PostmortemProblem[];
  onChange(items: ActionItemForm[]): void;
}) {
  const { items, problems, onChange } = props;
  const owners = useOwnerOptions();
  const update = (key: number, patch: Partial<ActionItemForm>) =>
    onChange(items.map(i => (i.key === key ? { ...i, ...patch } : i)));
  const helper = (index: number, field: string) => {
    const p = problemWith(problems, `actionItems[${index}].${field}`);
    return p && !isMissing(p) ? problemMessage(p) : undefined;
  };
  return (
    <Box mt={2}>
      <Typography variant="subtitle1" component="h3" id="postmortem-items">
        Action items ({items.length})
      </Typography>
      {items.map((item, index) => {
        const id = `postmortem-item-${item.key}`;
        return (
          <Box
            key={item.key}
            role="group"
            aria-label={`Action item ${index + 1}`}
            mt={1}
            pb={1}
            borderBottom={1}
            borderColor="divider"
          >
            <Grid container spacing={1} alignItems="flex-end">
              <Grid item xs={12} md={5}>
                <TextField
                  id={`${id}-title`}
                  label="Action item"
                  required
                  fullWidth
                  value={item.title}
                  onChange={e => update(item.key, { title: e.target.value })}
                  error={!!helper(index, 'title')}
                  helperText={helper(index, 'title')}
                  inputProps={{ maxLength: 300 }}
                />
              </Grid>
              <Grid item xs={12} md={4}>
                <OwnerPicker
                  id={`${id}-owner`}
                  value={item.ownerRef}
                  onChange={ownerRef => update(item.key, { ownerRef })}
                  error={helper(index, 'ownerRef')}
                  owners={owners}
                />
              </Grid>
              <Grid item xs={6} md={3}>
                <TextField
                  id={`${id}-due`}
                  label="Due date"
                  type="date"
                  fullWidth
                  value={item.dueDate}
                  onChange={e => update(item.key, { dueDate: e.target.value })}
                  InputLabelProps={{ shrink: true }}
                  error={!!helper(index, 'dueAt')}
                  helperText={helper(index, 'dueAt')}
                />
              </Grid>
              <Grid item xs={6} md={2}>
                <TextField
                  select
                  id={`${id}-priority`}
                  label="Priority"
                  fullWidth
                  value={item.priority}
                  onChange={e =>
                    update(item.key, {
                      priority: e.target.value as ActionItemPriority,
                    })
                  }
                >
                  {ACTION_ITEM_PRIORITIES.map(p => (
                    <MenuItem key={p} value={p}>
                      {PRIORITY_LABEL[p]}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
              <Grid item xs={6} md={3}>
                <TextField
                  select
                  id={`${id}-status`}
                  label="Item status"
                  fullWidth
                  value={item.status}
                  onChange={e =>
                    update(item.key, {
                      status: e.target.value as ActionItemStatus,
                    })
                  }
                >
                  {ACTION_ITEM_STATUSES.map(s => (
                    <MenuItem key={s} value={s}>
                      {ACTION_STATUS_LABEL[s]}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
              <Grid item xs={12} md={4}>
                <TextField
                  id={`${id}-labels`}
                  label="Labels"
                  placeholder="toil-reduction, automation"
                  fullWidth
                  value={item.labels}
                  onChange={e => update(item.key, { labels: e.target.value })}
                  error={!!helper(index, 'labels')}
                  helperText={
                    helper(index, 'labels') ??
                    'toil-reduction counts in the SRE time budget'
                  }
                />
              </Grid>
              <Grid item xs={10} md={6}>
                <TextField
                  id={`${id}-link`}
                  label="Link"
                  placeholder="https://tickets.example.com/REL-1"
                  fullWidth
                  value={item.link}
                  onChange={e => update(item.key, { link: e.target.value })}
                  error={!!helper(index, 'link')}
                  helperText={helper(index, 'link')}
                  inputProps={{ maxLength: 2000 }}
                />
              </Grid>
              <Grid item xs={2} md={1}>
                <Tooltip title="Remove">
                  <IconButton
                    aria-label={`Remove action item ${index + 1}`}
                    onClick={() =>
                      onChange(items.filter(i => i.key !== item.key))
                    }
                  >
                    <DeleteIcon />
                  </IconButton>
                </Tooltip>
              </Grid>
            </Grid>
          </Box>
        );
      })}
      <Box mt={1}>
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() => onChange([...items, emptyActionItem()])}
        >
          Add action item
        </Button>
      </Box>
    </Box>
  );
}
