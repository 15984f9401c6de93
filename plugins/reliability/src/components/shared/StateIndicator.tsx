import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type {
  ObjectiveStatus,
  SloState,
} from '@reliability-suite/plugin-reliability-common';
import { COLLECTING_LABEL, isCollectingData } from './dataCoverage';
import { STATE_LABEL, STATE_SEVERITY } from './format';

/**
 * The state of an objective as a coloured status line. With its data quality, a healthy
 * state on a window the data cover only in part reads "Collecting data".
 */
export function StateIndicator(props: {
  state: SloState;
  dataQuality?: ObjectiveStatus['dataQuality'];
}) {
  if (
    isCollectingData({ state: props.state, dataQuality: props.dataQuality })
  ) {
    return <StatusPending>{COLLECTING_LABEL}</StatusPending>;
  }
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
