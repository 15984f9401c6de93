import { makeStyles } from '@material-ui/core/styles';

/**
 * Table cells that wrap at spaces only. Backstage's theme gives every MUI table cell
 * `word-break: break-word`, which lets a narrow column cut words anywhere ("Exhaust ed",
 * "Checko ut team"). `overflow-wrap: break-word` instead breaks a word only if it alone is
 * wider than the line, and does not count as a break opportunity when an auto-layout table
 * sizes its columns, so columns are at least as wide as their longest word. Applied on the
 * suite's page and card roots, it reaches every table inside them; the descendant selector
 * outranks the theme's single-class rule.
 */
export const useWordWrapStyles = makeStyles({
  root: {
    '& th, & td': {
      wordBreak: 'normal',
      overflowWrap: 'break-word',
    },
  },
});
