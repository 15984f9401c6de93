import {
  createPermissionRule,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  RELIABILITY_ENTITY_RESOURCE_TYPE,
  RELIABILITY_PARTIES,
  ReliabilityParty,
} from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod';

/**
 * An entity with the parties responsible for it, as the reliability backend resolves them
 * (annotations inherited from System and Domain, the policy that applies).
 *
 * @public
 */
export type ReliabilityEntityParties = {
  entityRef: string;
  parties: Partial<Record<ReliabilityParty, string[]>>;
};

/** @public */
export const reliabilityEntityResourceRef = createPermissionResourceRef<
  ReliabilityEntityParties,
  never
>().with({
  pluginId: 'reliability',
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * The parameters of `IS_RELIABILITY_PARTY`: the caller's ownership references and the
 * parties of the entity allowed. Named so that the rule's public type does not depend on
 * the order in which TypeScript happens to meet the members of the parties' union.
 *
 * @public
 */
export type ReliabilityPartyRuleParams = {
  claims: string[];
  parties: ReliabilityParty[];
};

/**
 * True when the caller (one of `claims`, the user's ownership references) is one of the
 * named parties of the entity, e.g. the SRE team or the policy's owning group.
 *
 * @public
 */
export const isReliabilityParty: PermissionRule<
  ReliabilityEntityParties,
  never,
  typeof RELIABILITY_ENTITY_RESOURCE_TYPE,
  ReliabilityPartyRuleParams
> = createPermissionRule({
  name: 'IS_RELIABILITY_PARTY',
  description:
    'Allow callers who are one of the named parties of the entity (owner, sre-team, policy-owner, escalation)',
  resourceRef: reliabilityEntityResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('The caller\u2019s ownership entity references'),
    parties: z
      .array(z.enum(RELIABILITY_PARTIES))
      .describe('Which parties of the entity are allowed'),
  }),
  apply: (resource, { claims, parties }) => {
    const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
    return parties.some(party =>
      (resource.parties[party] ?? []).some(ref =>
        wanted.has(ref.toLocaleLowerCase('en-US')),
      ),
    );
  },
  toQuery: () => {
    throw new Error('IS_RELIABILITY_PARTY cannot filter queries');
  },
});

/** The rules of the reliability-entity resource type. @public */
export const reliabilityEntityRules = { isReliabilityParty };
