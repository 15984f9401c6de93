import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { Policy } from '@reliability-suite/plugin-reliability-common';
import Chip from '@material-ui/core/Chip';
import AcUnitIcon from '@material-ui/icons/AcUnit';
import { policyStateSeverity, policyStateTitle } from './policy';

/** A policy state as a coloured status line: best state green, worst red, between amber. */
export function PolicyStateIndicator(props: {
  policy?: Pick<Policy, 'states'>;
  state: string | null;
}) {
  const label = policyStateTitle(props.policy, props.state);
  switch (policyStateSeverity(props.policy, props.state)) {
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
