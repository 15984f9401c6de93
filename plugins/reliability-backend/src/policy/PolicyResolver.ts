import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_ERROR_BUDGET_POLICY,
  APP_CONFIG_POLICY_REF,
  ANNOTATION_SRE_TEAM,
  BUILT_IN_DEFAULT_POLICY,
  DefaultPolicySpec,
  ErrorBudgetPolicySpec,
  ERROR_BUDGET_POLICY_KIND,
  Policy,
  PolicySource,
  ReliabilityParty,
  validateErrorBudgetPolicy,
  refKey,
} from '@reliability-suite/plugin-reliability-common';
import { DefaultPolicySetting } from '../config';
import { entityRefOf } from '../responsibility/OrgSnapshot';
import { CatalogLookup } from './CatalogLookup';
import { canonicalRef, policyView } from './policyView';

/** The policy that applies to an entity, and why. */
export type ResolvedPolicy = {
  policy: Policy;
  spec: DefaultPolicySpec;
  source: PolicySource;
  /** The entity whose annotation selected the policy; null for the default. */
  sourceRef: string | null;
  /** Why a selected policy could not be used, so the default applies. */
  problem: string | null;
};

/** An entity with the policy that applies and the parties responsible for it. */
export type EntityContext = {
  entityRef: string;
  entity: Entity;
  resolved: ResolvedPolicy;
  parties: Partial<Record<ReliabilityParty, string[]>>;
};

type Chain = { source: PolicySource; entity: Entity }[];

function relRef(
  entity: Entity,
  value: unknown,
  kind: string,
): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return canonicalRef(value, kind, entity.metadata.namespace ?? 'default');
  } catch {
    return undefined;
  }
}

/**
 * Finds the error-budget policy of an entity: its own annotation, else its System's, else its
 * Domain's, else the app-config default. A selected policy that is missing or invalid is
 * reported (the default applies meanwhile), never silently ignored.
 */
export class PolicyResolver {
  constructor(private readonly defaultPolicy: DefaultPolicySetting) {}

  /** The entity, its System and its Domain, in the order the policy is looked up. */
  private async chain(entity: Entity, lookup: CatalogLookup): Promise<Chain> {
    const chain: Chain = [{ source: 'entity', entity }];
    const kind = refKey(entity.kind);
    let system: Entity | undefined;
    if (kind !== 'system' && kind !== 'domain') {
      const ref = relRef(entity, entity.spec?.system, 'system');
      system = ref ? await lookup.get(ref) : undefined;
      if (system) chain.push({ source: 'system', entity: system });
    }
    const domainHolder = kind === 'system' ? entity : system;
    if (domainHolder) {
      const ref = relRef(domainHolder, domainHolder.spec?.domain, 'domain');
      const domain = ref ? await lookup.get(ref) : undefined;
      if (domain) chain.push({ source: 'domain', entity: domain });
    }
    return chain;
  }

  async defaultResolved(
    lookup: CatalogLookup,
    problem: string | null = null,
  ): Promise<ResolvedPolicy> {
    const setting = this.defaultPolicy;
    if ('spec' in setting) {
      return {
        policy: policyView({
          ref: APP_CONFIG_POLICY_REF,
          title: setting.title,
          spec: setting.spec,
        }),
        spec: setting.spec,
        source: 'default',
        sourceRef: null,
        problem,
      };
    }
    const loaded = await this.load(setting.ref, lookup);
    if ('problem' in loaded) {
      // The configured default is broken: fall back to the built-in so the gate still answers.
      return this.builtIn(
        `${problem ? `${problem}; ` : ''}the default policy ${
          setting.ref
        } from app-config: ${loaded.problem}`,
      );
    }
    return { ...loaded, source: 'default', sourceRef: null, problem };
  }

  private builtIn(problem: string): ResolvedPolicy {
    return {
      policy: policyView({
        ref: APP_CONFIG_POLICY_REF,
        title: 'Built-in error-budget policy',
        spec: BUILT_IN_DEFAULT_POLICY,
      }),
      spec: BUILT_IN_DEFAULT_POLICY,
      source: 'default',
      sourceRef: null,
      problem,
    };
  }

  private async load(
    ref: string,
    lookup: CatalogLookup,
  ): Promise<
    { policy: Policy; spec: ErrorBudgetPolicySpec } | { problem: string }
  > {
    const entity = await lookup.get(ref);
    if (!entity) return { problem: `${ref} is not in the catalog` };
    const problems = validateErrorBudgetPolicy(entity);
    if (problems.length > 0) {
      return {
        problem: `${ref} is invalid: ${problems
          .map(p => `${p.path}: ${p.message}`)
          .join('; ')}`,
      };
    }
    const spec = entity.spec as unknown as ErrorBudgetPolicySpec;
    return {
      policy: policyView({
        ref: entityRefOf(entity),
        title: entity.metadata.title ?? entity.metadata.name,
        description: entity.metadata.description,
        spec,
      }),
      spec,
    };
  }

  /** The policy that applies to the entity and where it was selected. */
  async resolve(
    entity: Entity,
    lookup: CatalogLookup,
  ): Promise<ResolvedPolicy> {
    return (await this.resolveWithChain(entity, lookup)).resolved;
  }

  private async resolveWithChain(
    entity: Entity,
    lookup: CatalogLookup,
  ): Promise<{ resolved: ResolvedPolicy; chain: Chain }> {
    const chain = await this.chain(entity, lookup);
    for (const link of chain) {
      const value =
        link.entity.metadata.annotations?.[ANNOTATION_ERROR_BUDGET_POLICY];
      if (!value) continue;
      const sourceRef = entityRefOf(link.entity);
      let ref: string;
      try {
        const parsed = parseEntityRef(value, {
          defaultKind: ERROR_BUDGET_POLICY_KIND,
          defaultNamespace: link.entity.metadata.namespace ?? 'default',
        });
        ref = refKey(`${parsed.kind}:${parsed.namespace}/${parsed.name}`);
      } catch {
        return {
          chain,
          resolved: await this.defaultResolved(
            lookup,
            `${sourceRef} selects '${value}', which is not an entity reference`,
          ),
        };
      }
      const loaded = await this.load(ref, lookup);
      if ('problem' in loaded) {
        return {
          chain,
          resolved: await this.defaultResolved(
            lookup,
            `${sourceRef} selects ${loaded.problem}`,
          ),
        };
      }
      return {
        chain,
        resolved: { ...loaded, source: link.source, sourceRef, problem: null },
      };
    }
    return { chain, resolved: await this.defaultResolved(lookup) };
  }

  /** The entity with its policy and its parties, for views and permission decisions. */
  async context(
    entityRef: string,
    lookup: CatalogLookup,
  ): Promise<EntityContext | undefined> {
    const entity = await lookup.get(entityRef);
    if (!entity) return undefined;
    const { resolved, chain } = await this.resolveWithChain(entity, lookup);
    const sreTeam = chain
      .map(l =>
        relRef(
          l.entity,
          l.entity.metadata.annotations?.[ANNOTATION_SRE_TEAM],
          'group',
        ),
      )
      .find((r): r is string => !!r);
    const owner = relRef(entity, entity.spec?.owner, 'group');
    const only = (r: string | null | undefined) => (r ? [r] : []);
    return {
      entityRef: entityRefOf(entity),
      entity,
      resolved,
      parties: {
        owner: only(owner),
        'sre-team': only(sreTeam),
        'policy-owner': only(resolved.policy.ownerRef),
        escalation: only(resolved.policy.escalation?.to),
      },
    };
  }
}
