import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { SloState } from '@reliability-suite/plugin-reliability-common';
import { STATE_LABEL, STATE_SEVERITY } from './format';

/** The state of an objective as a coloured status line. */
export function StateIndicator(props: { state: SloState }) {
  const label = STATE_LABEL[props.state];
  switch (STATE_SEVERITY[props.state]) {
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
