import { ResponseError } from '@backstage/errors';
import { CommanderError } from 'commander';
import {
  GateDecision,
  canonicalEntityRef,
  parseFullEntityRef,
} from '@reliability-suite/plugin-reliability-common';

/**
 * The gate's exit codes. A pipeline must be able to tell a closed gate (1) from a broken
 * one (2), so every failure that is not a decision — bad arguments, an unreachable or
 * refusing backend, an answer that is not a decision — is 2, never 1.
 */
export const GATE_EXIT = { allowed: 0, blocked: 1, error: 2 } as const;

export const GATE_HELP = `
Exit codes:
  0  allowed: the change may ship
  1  blocked: a freeze is in force and the change has neither an exception
     nor a pre-approved class
  2  the gate could not decide: bad arguments, backend unreachable, token
     rejected (401), unknown entity (404), or an answer that is not a gate
     decision; a broken gate, not a closed one

The entity may be short: checkout-api means component:default/checkout-api
(kind defaults to Component, namespace to default, as on the server).

Examples:
  reliability gate --entity component:default/checkout-api --change "$GITHUB_SHA"
  reliability gate --entity checkout-api --change PR-1234 --class security --json`;

const MAX_CHANGE = 256;
const MAX_CLASS = 63;

function gateError(message: string): CommanderError {
  return new CommanderError(GATE_EXIT.error, 'reliability.gate', message);
}

/**
 * The full reference for `--entity`, applying the server's defaults (Component, default)
 * so a short name works, and rejecting what is not a reference before any request.
 */
export function gateEntityRef(value: string): string {
  const colon = value.indexOf(':');
  const kind = colon >= 0 ? value.slice(0, colon) : 'component';
  const rest = colon >= 0 ? value.slice(colon + 1) : value;
  const full = `${kind}:${rest.includes('/') ? rest : `default/${rest}`}`;
  try {
    return canonicalEntityRef(parseFullEntityRef(full, '--entity'));
  } catch {
    throw gateError(
      `--entity: '${value}' is not an entity reference; expected [kind:][namespace/]name, e.g. component:default/checkout-api or checkout-api`,
    );
  }
}

/** Checks the optional `--change` and `--class` against the API's limits. */
export function checkGateOptions(options: {
  change?: string;
  class?: string;
}): void {
  for (const [flag, value, max] of [
    ['--change', options.change, MAX_CHANGE],
    ['--class', options.class, MAX_CLASS],
  ] as const) {
    if (value !== undefined && (value.trim() === '' || value.length > max)) {
      throw gateError(
        `${flag}: must be 1 to ${max} characters and not blank; got '${value}'`,
      );
    }
  }
}

/** Rejects a 200 answer that is not a gate decision (a proxy page, another service). */
export function asGateDecision(value: unknown): GateDecision {
  const d = value as Partial<GateDecision> | null;
  if (
    !d ||
    typeof d !== 'object' ||
    typeof d.allowed !== 'boolean' ||
    typeof d.entityRef !== 'string' ||
    typeof d.reason !== 'string'
  ) {
    throw gateError(
      'the backend answered with something that is not a gate decision; is --url the Backstage backend?',
    );
  }
  return d as GateDecision;
}

function percent(remaining: number | null | undefined): string {
  return remaining === null || remaining === undefined
    ? 'no data'
    : `${(remaining * 100).toFixed(1)}%`;
}

/** The lines printed for a decision: stdout when allowed, stderr when blocked. */
export function formatGateDecision(
  d: GateDecision,
  change: string | undefined,
): string[] {
  const lines = [
    `${d.allowed ? 'ALLOW' : 'BLOCK'} ${d.entityRef}: ${d.reason}`,
    `  policy ${d.policyRef}, state ${
      d.state ?? 'unknown (no data)'
    }, budget remaining ${percent(d.remaining)}`,
  ];
  if (d.frozen && d.freeze) {
    const f = d.freeze;
    lines.push(
      `  frozen since ${f.startedAt} by ${f.startedBy}${
        f.automatic ? ' (automatic)' : ''
      }: ${f.reason}${f.link ? ` (${f.link})` : ''}`,
    );
  } else if (d.frozen) {
    lines.push('  frozen');
  }
  if (d.exception) {
    const e = d.exception;
    lines.push(
      `  exception ${e.id} for change ${e.changeId} (class ${
        e.exceptionClass
      }), granted by ${e.grantedBy} at ${e.grantedAt}: ${e.reason}${
        e.link ? ` (${e.link})` : ''
      }`,
    );
  }
  if (d.preApprovedClass) {
    lines.push(`  pre-approved class: ${d.preApprovedClass}`);
  }
  if (!d.allowed) {
    lines.push(
      `  ask for an exception: an SRE or the policy owner grants one for --change ${
        change ?? '<id>'
      }`,
    );
    if (change === undefined) {
      lines.push(
        '  then run the gate again with --change <id> (the change the exception was granted for)',
      );
    }
  }
  return lines;
}

/** Why a request failed below HTTP (refused connection, unknown host), from fetch's cause. */
export function causeMessage(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause;
  if (!cause || typeof cause !== 'object') return (e as Error).message;
  const c = cause as { message?: string; code?: string; errors?: unknown[] };
  // Connecting to a name with several addresses fails with an AggregateError.
  if (!c.message && Array.isArray(c.errors) && c.errors.length > 0) {
    return causeMessage({ cause: c.errors[0] });
  }
  return c.message || c.code || String(cause);
}

/**
 * Any failure of the gate as an exit-2 error with one clear message, so nothing that went
 * wrong can pass for "blocked".
 */
export function toGateError(e: unknown, url: string | undefined): Error {
  if (e instanceof CommanderError) {
    return e.exitCode === 0 || e.exitCode === GATE_EXIT.error
      ? e
      : new CommanderError(GATE_EXIT.error, e.code, e.message);
  }
  if (e instanceof ResponseError) {
    const hint =
      e.statusCode === 401
        ? ' (check --token / RELIABILITY_TOKEN: an external-access token allowed for the reliability plugin)'
        : '';
    return gateError(
      `${e.statusCode} ${e.body.error.name}: ${e.body.error.message}${hint}`,
    );
  }
  // By name, not instanceof: fetch's errors may come from another realm (undici, Jest).
  const name = (e as Error | undefined)?.name;
  if (name === 'SyntaxError') {
    return gateError(
      `the backend's answer is not JSON; is --url (${url}) the Backstage backend?`,
    );
  }
  if (name === 'TypeError' && (e as Error).message === 'fetch failed') {
    return gateError(`cannot reach the backend at ${url}: ${causeMessage(e)}`);
  }
  return gateError((e as Error | undefined)?.message ?? String(e));
}
