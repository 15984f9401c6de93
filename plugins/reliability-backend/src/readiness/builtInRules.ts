import { parseEntityRef } from '@backstage/catalog-model';
import { shortRef } from '@reliability-suite/plugin-reliability-common';
import {
  ReadinessRule,
  ReadinessSubject,
} from '@reliability-suite/plugin-reliability-node';

const KIND_WORDS: Record<string, string> = {
  system: 'System',
  domain: 'Domain',
};

/** Where an inherited value was set, as a person reads it: "its System payments". */
const setOn = (ref: string): string => {
  const kind = parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
  return `its ${KIND_WORDS[kind] ?? kind} ${shortRef(ref)}`;
};

/** An objective as the reasons name it: "checkout-availability (requests-succeed)". */
const objectiveName = (o: { sloRef: string; objective: string }) =>
  `${shortRef(o.sloRef)} (${o.objective})`;

const stringParam = (
  params: Record<string, unknown>,
  name: string,
  rule: string,
): string => {
  const value = params[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`rule ${rule} needs the string parameter '${name}'`);
  }
  return value;
};

/** The rules every installation has; modules add more through the extension point. */
export const BUILT_IN_RULES: ReadinessRule[] = [
  {
    id: 'has-owner',
    title: 'Has an owner',
    evaluate: (s: ReadinessSubject) =>
      s.responsibility.ownerRef
        ? {
            passing: true,
            reason: `Owned by ${shortRef(s.responsibility.ownerRef)}`,
          }
        : { passing: false, reason: 'spec.owner is not set' },
  },
  {
    id: 'owner-exists',
    title: 'The owner is in the catalog',
    evaluate: s =>
      s.ownerExists
        ? {
            passing: true,
            reason: `${shortRef(s.responsibility.ownerRef!)} is in the catalog`,
          }
        : {
            passing: false,
            reason: `${
              s.responsibility.ownerRef
                ? shortRef(s.responsibility.ownerRef)
                : 'The owner'
            } is not in the catalog`,
          },
  },
  {
    id: 'has-sre-team',
    title: 'Has an SRE team',
    evaluate: s =>
      s.responsibility.sreTeamRef
        ? {
            passing: true,
            reason: `SRE team ${shortRef(s.responsibility.sreTeamRef.value)}${
              s.responsibility.sreTeamRef.from === 'entity'
                ? ''
                : ` (set on ${setOn(s.responsibility.sreTeamRef.fromRef)})`
            }`,
          }
        : {
            passing: false,
            reason:
              'No reliability-suite.dev/sre-team here or on its System or Domain',
          },
  },
  {
    id: 'has-oncall',
    title: 'Has an on-call rotation',
    evaluate: s =>
      s.responsibility.oncall
        ? { passing: true, reason: `On-call: ${s.responsibility.oncall.value}` }
        : {
            passing: false,
            reason:
              'No on-call rotation (reliability-suite.dev/oncall, PagerDuty or Opsgenie)',
          },
  },
  {
    id: 'has-link',
    title: 'Has a link of a type',
    evaluate: (s, params) => {
      const type = stringParam(params, 'type', 'has-link').toLocaleLowerCase(
        'en-US',
      );
      const known = (
        s.responsibility.links as Record<string, Array<{ url: string }>>
      )[type];
      const links =
        known ??
        (s.entity.metadata.links ?? []).filter(
          l => (l.type ?? '').toLocaleLowerCase('en-US') === type,
        );
      return links.length > 0
        ? { passing: true, reason: `${type}: ${links[0].url}` }
        : {
            passing: false,
            reason: `No metadata.links entry with type ${type}`,
          };
    },
  },
  {
    id: 'has-annotation',
    title: 'Has an annotation',
    evaluate: (s, params) => {
      const name = stringParam(params, 'name', 'has-annotation');
      const value = s.entity.metadata.annotations?.[name];
      return value
        ? { passing: true, reason: `${name}: ${value}` }
        : { passing: false, reason: `Annotation ${name} is not set` };
    },
  },
  {
    id: 'has-slo',
    title: 'Has at least one SLO',
    evaluate: s =>
      s.slos.length > 0
        ? { passing: true, reason: `${s.slos.length} SLO objective(s)` }
        : { passing: false, reason: 'No SLO names this entity as its service' },
  },
  {
    id: 'slo-met',
    title: 'Every SLO met over its window',
    evaluate: s => {
      if (s.slos.length === 0)
        return { passing: false, reason: 'No SLOs to meet' };
      const missed = s.slos.filter(o => o.state === 'exhausted');
      const noData = s.slos.filter(o => o.state === 'no-data');
      if (missed.length > 0) {
        return {
          passing: false,
          reason: `Budget exhausted: ${missed.map(objectiveName).join(', ')}`,
        };
      }
      if (noData.length > 0) {
        return {
          passing: false,
          reason: `No data to judge: ${noData.map(objectiveName).join(', ')}`,
        };
      }
      return {
        passing: true,
        reason: `All ${s.slos.length} objective(s) within budget`,
      };
    },
  },
  {
    id: 'no-freeze',
    title: 'No release freeze in force',
    evaluate: s =>
      s.frozen
        ? { passing: false, reason: 'A release freeze is in force' }
        : { passing: true, reason: 'No release freeze in force' },
  },
  {
    id: 'postmortem-actions-closed',
    title: 'Postmortem action items closed',
    description:
      'Every action item of the postmortems of incidents that affected the entity is done or dropped (wont-do); `priorities` limits it to some priorities, e.g. [p0, p1].',
    evaluate: (s, params) => {
      const priorities = params.priorities;
      if (
        priorities !== undefined &&
        (!Array.isArray(priorities) ||
          priorities.some(p => !['p0', 'p1', 'p2', 'p3'].includes(p)))
      ) {
        throw new Error(
          "rule postmortem-actions-closed: 'priorities' must be a list of p0, p1, p2, p3",
        );
      }
      const counted = s.actionItems.filter(
        i => !priorities || (priorities as string[]).includes(i.priority),
      );
      const open = counted.filter(
        i => i.status === 'open' || i.status === 'in-progress',
      );
      if (counted.length === 0) {
        return {
          passing: true,
          reason: `No postmortem action items${
            priorities
              ? ` of priority ${(priorities as string[]).join(', ')}`
              : ''
          }`,
        };
      }
      if (open.length === 0) {
        return {
          passing: true,
          reason: `All ${counted.length} action items closed`,
        };
      }
      const now = Date.now();
      const overdue = open.filter(i => i.dueAt !== null && i.dueAt < now);
      const titles = open
        .slice(0, 3)
        .map(i => `'${i.title}'`)
        .join(', ');
      return {
        passing: false,
        reason: `${open.length} of ${counted.length} action items open${
          overdue.length > 0 ? ` (${overdue.length} overdue)` : ''
        }: ${titles}${open.length > 3 ? ', …' : ''}`,
      };
    },
  },
];
