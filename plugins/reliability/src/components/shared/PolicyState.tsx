import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { Policy } from '@reliability-suite/plugin-reliability-common';
import Chip from '@material-ui/core/Chip';
import AcUnitIcon from '@material-ui/icons/AcUnit';
import { COLLECTING_LABEL, isPolicyCollectingData } from './dataCoverage';
import { policyStateSeverity, policyStateTitle } from './policy';

/**
 * A policy state as a coloured status line: best state green, worst red, between amber. The
 * best state judged from objectives with data for part of their window (`partial`, from the
 * policy status) reads "Collecting data": the rest of the data may change it.
 */
export function PolicyStateIndicator(props: {
  policy?: Pick<Policy, 'states'>;
  state: string | null;
  partial?: number;
}) {
  const severity = policyStateSeverity(props.policy, props.state);
  if (isPolicyCollectingData(severity, props.partial)) {
    return <StatusPending>{COLLECTING_LABEL}</StatusPending>;
  }
  const label = policyStateTitle(props.policy, props.state);
  switch (severity) {
    case 'error':
      return <StatusError>{label}</StatusError>;
    case 'warning':
      return <StatusWarning>{label}</StatusWarning>;
    case 'ok':
      return <StatusOK>{label}</StatusOK>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
}

/** The chip that says a release freeze is in force. */
export function FreezeChip(props: { size?: 'small' | 'medium' }) {
  return (
    <Chip
      size={props.size ?? 'small'}
      color="secondary"
      icon={<AcUnitIcon />}
      label="Frozen"
    />
  );
}
