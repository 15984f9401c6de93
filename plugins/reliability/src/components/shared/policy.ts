import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  AuditEvent,
  EntityPolicy,
  Policy,
} from '@reliability-suite/plugin-reliability-common';
import { formatDate } from './format';

/** A state's title, or its name when the policy gives none (or is unknown). */
export function policyStateTitle(
  policy: Pick<Policy, 'states'> | undefined,
  state: string | null,
): string {
  if (state === null) return 'Nothing to judge by';
  return policy?.states.find(s => s.name === state)?.title ?? state;
}

/**
 * Why a policy has nothing to judge an entity by (its state is null), in words that end a
 * sentence: "it has no SLOs", "none of the 2 objectives the policy counts has data yet".
 */
export function nothingToJudgeByReason(
  value: Pick<EntityPolicy, 'status' | 'policy'>,
): string {
  const { status, policy } = value;
  const tags = policy.sloTags ?? [];
  if (status.counted > 0) {
    return `none of the ${status.counted} objectives the policy counts has data yet`;
  }
  return tags.length > 0
    ? `none of its SLOs carries a tag the policy counts (${tags.join(', ')})`
    : 'it has no SLOs';
}

/** `errorbudgetpolicy:payments/strict` → `{ namespace: 'payments', name: 'strict' }`. */
export function policyRefParts(ref: string): {
  namespace: string;
  name: string;
} {
  const parsed = parseEntityRef(ref, {
    defaultKind: 'errorbudgetpolicy',
    defaultNamespace: 'default',
  });
  return { namespace: parsed.namespace, name: parsed.name };
}

const KIND_LABEL: Record<string, string> = {
  system: 'System',
  domain: 'Domain',
  component: 'Component',
};

/** Where an entity's policy was selected, in words: "from System payments", "app-config default". */
export function policySourceLabel(
  source: string,
  sourceRef: string | null | undefined,
): string {
  if (source === 'default' || !sourceRef) return 'app-config default';
  if (source === 'entity') return 'selected by this entity';
  const ref = parseEntityRef(sourceRef);
  const kind = KIND_LABEL[ref.kind.toLocaleLowerCase('en-US')] ?? ref.kind;
  const name =
    ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
  return `from ${kind} ${name}`;
}

export const DECISION_LABEL: Record<string, string> = {
  'fund-reliability': 'Fund reliability work',
  'loosen-slo': 'Loosen the SLO',
  'accept-risk': 'Accept the risk',
};

export const ACTION_LABEL: Record<string, string> = {
  'policy.freeze-enacted': 'Release freeze enacted',
  'policy.freeze-lifted': 'Release freeze lifted',
  'policy.exception-granted': 'Exception granted',
  'policy.decision-recorded': 'Leadership decision recorded',
  'policy.state-changed': 'Policy state changed',
  'review.attested': 'Readiness item attested',
  'review.commented': 'Review commented',
  'review.submitted': 'Review submitted',
  'review.approved': 'Review approved',
  'review.changes-requested': 'Changes requested on the review',
  'review.handed-back': 'Review handed back',
  'review.draft': 'Review reopened',
  'postmortem.created': 'Postmortem created',
  'postmortem.updated': 'Postmortem updated',
  'postmortem.imported': 'Postmortems imported',
  'slo.history.imported': 'SLO history imported',
};

/** An audit action in words; unknown actions are shown as they are. */
export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

function detail(event: AuditEvent, key: string): unknown {
  return event.details?.[key];
}

/** The budget remaining recorded with an event, when there is one. */
export function eventBudget(event: AuditEvent): number | null {
  const value = detail(event, 'budgetRemaining');
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The particulars of a policy event in one line: state, change, class, decision… */
export function eventParticulars(event: AuditEvent): string[] {
  const parts: string[] = [];
  const str = (key: string) => {
    const v = detail(event, key);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  if (detail(event, 'automatic') === true) parts.push('automatic');
  const from = str('from') ?? str('previousState');
  const state = str('state') ?? str('to');
  if (state) parts.push(from ? `${from} → ${state}` : `state ${state}`);
  const changeId = str('changeId');
  if (changeId) parts.push(`change ${changeId}`);
  const exceptionClass = str('exceptionClass');
  if (exceptionClass) parts.push(`class ${exceptionClass}`);
  const decision = str('decision');
  if (decision) parts.push(DECISION_LABEL[decision] ?? decision);
  const acceptUntil = str('acceptUntil');
  if (acceptUntil) parts.push(`until ${formatDate(acceptUntil)}`);
  return parts;
}

/** The link recorded with an event, when it is an http(s) URL. */
export function eventLink(event: AuditEvent): string | undefined {
  const link = detail(event, 'link');
  return typeof link === 'string' && isHttpUrl(link) ? link : undefined;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The message to show for a failed request: the server's own message (which names the field
 * or the conflict) with the status, else the error's message.
 */
export function errorText(error: unknown): { title: string; message: string } {
  if (ResponseError.is(error)) {
    const status = `${error.statusCode}${
      error.statusText ? ` ${error.statusText}` : ''
    }`;
    return {
      title: `Request failed (${status})`,
      message: error.cause?.message || error.message,
    };
  }
  if (error instanceof Error) {
    return { title: 'Request failed', message: error.message };
  }
  return { title: 'Request failed', message: String(error) };
}
