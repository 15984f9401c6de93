import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { policyStateSeverity } from '@reliability-suite/plugin-reliability-common';
import type {
  EntityVerdict,
  Policy,
  VerdictSeverity,
} from '@reliability-suite/plugin-reliability-common';
import Chip from '@material-ui/core/Chip';
import AcUnitIcon from '@material-ui/icons/AcUnit';
import { COLLECTING_LABEL, isPolicyCollectingData } from './dataCoverage';
import type { ReactNode } from 'react';
import { policyStateTitle } from './policy';

/** A severity (verdicts, policy states) in the colours of Backstage's status family. */
function SeverityStatus(props: {
  severity: VerdictSeverity;
  children: ReactNode;
}) {
  switch (props.severity) {
    case 'error':
      return <StatusError>{props.children}</StatusError>;
    case 'warning':
      return <StatusWarning>{props.children}</StatusWarning>;
    case 'ok':
      return <StatusOK>{props.children}</StatusOK>;
    default:
      return <StatusPending>{props.children}</StatusPending>;
  }
}

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
  return (
    <SeverityStatus severity={severity}>
      {policyStateTitle(props.policy, props.state)}
    </SeverityStatus>
  );
}

/** An entity's verdict (entityVerdict) as a coloured status line: its headline. */
export function VerdictIndicator(props: { verdict: EntityVerdict }) {
  return (
    <SeverityStatus severity={props.verdict.severity}>
      {props.verdict.title}
    </SeverityStatus>
  );
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
