import {
  DEFAULT_READINESS_TEMPLATE,
  ReadinessTemplate,
} from '@reliability-suite/plugin-reliability-common';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the templates of `reliability.readiness.templates` (each problem with its config
 * path) against the rules the backend knows. Without any, the built-in template applies.
 */
export function readTemplates(
  value: unknown,
  knownRules: Set<string>,
  path = 'reliability.readiness.templates',
): { templates: ReadinessTemplate[]; problems: string[] } {
  const problems: string[] = [];
  if (value === undefined) {
    return { templates: [DEFAULT_READINESS_TEMPLATE], problems };
  }
  if (!Array.isArray(value) || value.length === 0) {
    return { templates: [], problems: [`${path}: must be a non-empty list`] };
  }
  const seen = new Set<string>();
  value.forEach((t, ti) => {
    const p = `${path}[${ti}]`;
    if (!isObj(t)) {
      problems.push(`${p}: must be an object`);
      return;
    }
    if (typeof t.id !== 'string' || !SLUG.test(t.id)) {
      problems.push(`${p}.id: must be a slug like production-readiness`);
    }
    if (!Number.isInteger(t.version) || (t.version as number) < 1) {
      problems.push(`${p}.version: must be a whole number from 1`);
    }
    if (seen.has(`${t.id}@${t.version}`)) {
      problems.push(`${p}: ${t.id} version ${t.version} is defined twice`);
    }
    seen.add(`${t.id}@${t.version}`);
    if (typeof t.title !== 'string' || t.title === '') {
      problems.push(`${p}.title: required`);
    }
    if (!Array.isArray(t.sections) || t.sections.length === 0) {
      problems.push(`${p}.sections: must be a non-empty list`);
      return;
    }
    const itemIds = new Set<string>();
    t.sections.forEach((s: unknown, si: number) => {
      const sp = `${p}.sections[${si}]`;
      if (
        !isObj(s) ||
        typeof s.id !== 'string' ||
        typeof s.title !== 'string'
      ) {
        problems.push(`${sp}: needs an id and a title`);
        return;
      }
      if (!Array.isArray(s.items) || s.items.length === 0) {
        problems.push(`${sp}.items: must be a non-empty list`);
        return;
      }
      s.items.forEach((item: unknown, ii: number) => {
        const ip = `${sp}.items[${ii}]`;
        if (!isObj(item)) {
          problems.push(`${ip}: must be an object`);
          return;
        }
        if (typeof item.id !== 'string' || !SLUG.test(item.id)) {
          problems.push(`${ip}.id: must be a slug`);
        } else if (itemIds.has(item.id)) {
          problems.push(
            `${ip}.id: '${item.id}' is used twice in this template`,
          );
        } else itemIds.add(item.id);
        if (typeof item.title !== 'string' || item.title === '') {
          problems.push(`${ip}.title: required`);
        }
        if (typeof item.required !== 'boolean') {
          problems.push(`${ip}.required: must be true or false`);
        }
        if (item.kind === 'check') {
          if (typeof item.rule !== 'string' || !knownRules.has(item.rule)) {
            problems.push(
              `${ip}.rule: '${String(
                item.rule,
              )}' is not a known rule; known: ${[...knownRules].join(', ')}`,
            );
          }
          if (item.params !== undefined && !isObj(item.params)) {
            problems.push(`${ip}.params: must be an object`);
          }
        } else if (item.kind === 'attestation') {
          if (
            !Number.isInteger(item.maxAgeDays) ||
            (item.maxAgeDays as number) < 1
          ) {
            problems.push(
              `${ip}.maxAgeDays: must be a whole number of days from 1`,
            );
          }
        } else {
          problems.push(`${ip}.kind: must be check or attestation`);
        }
      });
    });
  });
  return { templates: value as ReadinessTemplate[], problems };
}

function specificity(t: ReadinessTemplate): number {
  return (t.appliesTo?.tiers ? 1 : 0) + (t.appliesTo?.engagements ? 1 : 0);
}

/** The newest version of the most specific template that matches the entity. */
export function selectTemplate(
  templates: ReadinessTemplate[],
  tier: number | null,
  engagement: string | null,
): ReadinessTemplate {
  const matching = templates.filter(
    t =>
      (!t.appliesTo?.tiers ||
        (tier !== null && t.appliesTo.tiers.includes(tier))) &&
      (!t.appliesTo?.engagements ||
        (engagement !== null && t.appliesTo.engagements.includes(engagement))),
  );
  const pool = matching.length > 0 ? matching : templates;
  return [...pool].sort(
    (a, b) => specificity(b) - specificity(a) || b.version - a.version,
  )[0];
}

/** A review's pinned template, or (when that version is no longer configured) the newest of its id. */
export function pinnedTemplate(
  templates: ReadinessTemplate[],
  id: string,
  version: number,
): ReadinessTemplate | undefined {
  return (
    templates.find(t => t.id === id && t.version === version) ??
    [...templates]
      .filter(t => t.id === id)
      .sort((a, b) => b.version - a.version)[0]
  );
}
