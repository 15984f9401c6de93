import type {
  Review,
  ReviewComment,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ActorRef } from '../shared/ActorRef';
import { formatDateTime } from '../shared/format';
import { DECISION_VERB } from './readiness';

/** Rows shown before "Show all": the latest decisions and comments fit beside the checklist. */
const FIRST_ROWS = 5;

/**
 * A review's history, newest first: every decision (submitted, approved, changes requested,
 * handed back, reopened) and comment, with who and when (local time with its zone) and the
 * comment a decision came with; the review's start last.
 */
export function ReviewHistory(props: {
  review: Review | null;
  comments: ReviewComment[];
  /** Item titles by id, for comments on an item. */
  itemTitles?: Map<string, string>;
  /** The id of the heading that labels the list. */
  labelledBy?: string;
}) {
  const { review, comments, itemTitles } = props;
  const [all, setAll] = useState(false);
  if (!review && comments.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing yet: the history starts with the first attestation, comment or
        submission.
      </Typography>
    );
  }
  const newestFirst = [...comments].reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, FIRST_ROWS);
  return (
    <>
      <List dense disablePadding aria-labelledby={props.labelledBy}>
        {shown.map(c => {
          const verb = c.decision ? DECISION_VERB[c.decision] : 'commented';
          const on =
            c.itemId && !c.decision
              ? ` on “${itemTitles?.get(c.itemId) ?? c.itemId}”`
              : '';
          return (
            <ListItem
              key={c.id}
              divider
              disableGutters
              data-testid="review-history-entry"
              data-decision={c.decision ?? 'comment'}
            >
              <Box>
                <Typography variant="body2" component="div">
                  <ActorRef value={c.author} />{' '}
                  <strong>
                    {verb}
                    {on}
                  </strong>
                </Typography>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {formatDateTime(c.createdAt)}
                </Typography>
                {c.body && (
                  <Typography
                    variant="body2"
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    {c.body}
                  </Typography>
                )}
              </Box>
            </ListItem>
          );
        })}
        {review && (all || newestFirst.length <= FIRST_ROWS) && (
          <ListItem disableGutters>
            <Typography variant="caption" color="textSecondary">
              Review started {formatDateTime(review.createdAt)} on template{' '}
              {review.templateId} version {review.templateVersion}
            </Typography>
          </ListItem>
        )}
      </List>
      {newestFirst.length > FIRST_ROWS && (
        <Box mt={1}>
          <Button size="small" onClick={() => setAll(!all)}>
            {all ? 'Show the latest only' : `Show all ${newestFirst.length}`}
          </Button>
        </Box>
      )}
    </>
  );
}
