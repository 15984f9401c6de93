import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import { formatLocalTime, localizeTimes } from './format';

type SourceStatus = NonNullable<ObjectiveStatus['source']>;

/** "Prometheus unreachable", "Prometheus error": what is wrong with a pulled SLI's source. */
export function sourceProblem(
  source: Pick<SourceStatus, 'type' | 'state'>,
): string {
  return `${source.type} ${source.state === 'stale' ? 'unreachable' : 'error'}`;
}

/** The whole of it: the problem, the source's own words (times local) and until when data is in. */
export function sourceProblemSentence(source: SourceStatus): string {
  return `${sourceProblem(source)}: ${localizeTimes(
    source.reason ?? 'unknown',
  )}${
    source.dataUntil ? ` (data until ${formatLocalTime(source.dataUntil)})` : ''
  }`;
}
