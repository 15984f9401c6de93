import {
  CompoundEntityRef,
  Entity,
  makeValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CAPACITY,
  ANNOTATION_HEADCOUNT,
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_ONCALL,
  ANNOTATION_SRE_TEAM,
  ANNOTATION_TIER,
  ENGAGEMENT_MODELS,
} from './annotations';

const entityValidator = makeValidator();

/** An annotation value as quoted in a problem: a 1 MB value is not echoed whole. */
function clip(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}

/**
 * Parses an entity reference and checks that its kind, namespace and name are valid
 * catalog names; undefined when it is not a reference (`x:y:z`, `group:`, a URL).
 */
function parseValidRef(
  value: string,
  context?: { defaultKind?: string; defaultNamespace?: string },
): CompoundEntityRef | undefined {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, context);
  } catch {
    return undefined;
  }
  // Namespaces are lower case, but references match them case-insensitively.
  return entityValidator.isValidKind(ref.kind) &&
    entityValidator.isValidNamespace(
      ref.namespace.toLocaleLowerCase('en-US'),
    ) &&
    entityValidator.isValidEntityName(ref.name)
    ? ref
    : undefined;
}

/**
 * Reads the value of `reliability-suite.dev/sre-team` as a Group reference: the kind
 * defaults to `group` and the namespace to the entity's. Undefined when the value is not a
 * valid reference or refers to another kind.
 *
 * @public
 */
export function parseSreTeamRef(
  value: string,
  defaultNamespace: string,
): CompoundEntityRef | undefined {
  const ref = parseValidRef(value, { defaultKind: 'group', defaultNamespace });
  return ref && ref.kind.toLocaleLowerCase('en-US') === 'group'
    ? ref
    : undefined;
}

/**
 * Whether a value of `reliability-suite.dev/oncall` is acceptable: an http(s) URL, or an
 * entity reference that names its kind (`kind:[namespace/]name`; a bare name is ambiguous).
 *
 * @public
 */
export function isValidOncallValue(value: string): boolean {
  if (/^https?:/i.test(value)) {
    // A URL with its host: `new URL` alone would read `http:/oncall` as http://oncall/.
    if (!/^https?:\/\/[^/?#]/i.test(value)) return false;
    try {
      return new URL(value).hostname !== '';
    } catch {
      return false;
    }
  }
  // Without a default kind, a reference must name its kind.
  return parseValidRef(value) !== undefined;
}

/**
 * Checks the values of the suite's annotations on an entity. Each problem names the field
 * path and the reason, as the catalog shows it to the entity's owners.
 *
 * @public
 */
export function validateReliabilityAnnotations(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const problems: string[] = [];
  const field = (name: string) => `metadata.annotations["${name}"]`;

  const sreTeam = annotations[ANNOTATION_SRE_TEAM];
  if (sreTeam !== undefined && !parseSreTeamRef(sreTeam, namespace)) {
    problems.push(
      `${field(
        ANNOTATION_SRE_TEAM,
      )}: must be a Group reference like group:default/sre-core; got '${clip(
        sreTeam,
      )}'`,
    );
  }

  const engagement = annotations[ANNOTATION_ENGAGEMENT];
  if (
    engagement !== undefined &&
    !(ENGAGEMENT_MODELS as readonly string[]).includes(engagement)
  ) {
    problems.push(
      `${field(ANNOTATION_ENGAGEMENT)}: must be one of ${ENGAGEMENT_MODELS.join(
        ', ',
      )}; got '${clip(engagement)}'`,
    );
  }

  const tier = annotations[ANNOTATION_TIER];
  if (tier !== undefined && !/^[1-4]$/.test(tier)) {
    problems.push(
      `${field(
        ANNOTATION_TIER,
      )}: must be 1, 2, 3 or 4 (1 most critical); got '${clip(tier)}'`,
    );
  }

  const oncall = annotations[ANNOTATION_ONCALL];
  if (oncall !== undefined && !isValidOncallValue(oncall)) {
    problems.push(
      `${field(
        ANNOTATION_ONCALL,
      )}: must be an http(s) URL or an entity reference kind:[namespace/]name, like https://oncall.example.com/schedules/checkout or group:default/sre-core; got '${clip(
        oncall,
      )}'`,
    );
  }

  const capacity = annotations[ANNOTATION_CAPACITY];
  if (capacity !== undefined) {
    if (entity.kind.toLocaleLowerCase('en-US') !== 'group') {
      problems.push(
        `${field(
          ANNOTATION_CAPACITY,
        )}: only SRE Groups declare a capacity; found on a ${entity.kind}`,
      );
    } else if (!/^\d+(\.\d+)?$/.test(capacity) || Number(capacity) <= 0) {
      problems.push(
        `${field(ANNOTATION_CAPACITY)}: must be a positive number; got '${clip(
          capacity,
        )}'`,
      );
    }
  }

  const headcount = annotations[ANNOTATION_HEADCOUNT];
  if (headcount !== undefined) {
    if (entity.kind.toLocaleLowerCase('en-US') !== 'group') {
      problems.push(
        `${field(
          ANNOTATION_HEADCOUNT,
        )}: only SRE Groups declare a headcount; found on a ${entity.kind}`,
      );
    } else if (!/^[1-9]\d{0,4}$/.test(headcount)) {
      problems.push(
        `${field(
          ANNOTATION_HEADCOUNT,
        )}: must be a whole number of engineers, 1 or more; got '${clip(
          headcount,
        )}'`,
      );
    }
  }
  return problems;
}
