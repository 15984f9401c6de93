import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import { formatBurnRate } from '../shared/format';

type Alert = ObjectiveStatus['alerts'][number];

/**
 * A firing tier as users read it: the burn now, then the threshold — "24× over 1h, pages
 * at 13.4×". Both through one rounding, so the burn never reads as below the threshold.
 */
export function alertLabel(status: ObjectiveStatus, alert: Alert): string {
  const rate = status.burnRates[alert.longWindow] ?? null;
  const verb = alert.severity === 'page' ? 'pages' : 'opens a ticket';
  return `${formatBurnRate(rate)} over ${
    alert.longWindow
  }, ${verb} at ${formatBurnRate(alert.factor)}`;
}

/** The rule behind the chip, for its tooltip. */
export function alertRule(status: ObjectiveStatus, alert: Alert): string {
  const short = status.burnRates[alert.shortWindow] ?? null;
  return `${
    alert.severity === 'page' ? 'Pages' : 'Opens a ticket'
  } while both the ${alert.longWindow} and the ${
    alert.shortWindow
  } burn (now ${formatBurnRate(short)}) are at least ${Number(
    alert.factor.toFixed(2),
  )}×`;
}
