import { NotFoundError } from '@backstage/errors';
import {
  APP_CONFIG_POLICY_REF,
  ERROR_BUDGET_POLICY_KIND,
  Policy,
  validateErrorBudgetPolicy,
  ErrorBudgetPolicySpec,
} from '@reliability-suite/plugin-reliability-common';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PolicyStore } from '../store/PolicyStore';
import { isVisible, VisibleRefs } from '../store/visibleRefs';
import { CatalogLookup } from './CatalogLookup';
import { PolicyResolver } from './PolicyResolver';
import { policyView } from './policyView';
import { iso } from '../lib/iso';

/** The policies of the organisation and the entities under each, for `/reliability`. */
export class PolicyCatalog {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      resolver: PolicyResolver;
      store: PolicyStore;
    },
  ) {}

  /** Valid ErrorBudgetPolicy entities of the catalog (the catalog module rejects the rest). */
  private async catalogPolicies(): Promise<Policy[]> {
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: ERROR_BUDGET_POLICY_KIND } },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return items
      .filter(e => validateErrorBudgetPolicy(e).length === 0)
      .map(e =>
        policyView({
          ref: `errorbudgetpolicy:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`.toLocaleLowerCase('en-US'),
          title: e.metadata.title ?? e.metadata.name,
          description: e.metadata.description,
          spec: e.spec as unknown as ErrorBudgetPolicySpec,
        }),
      );
  }

  /**
   * The policies and the entities under each; with `visible`, the policies and entities the
   * caller may see (the default policy is every caller's: entities fall under it).
   */
  async list(visible?: VisibleRefs) {
    const lookup = new CatalogLookup(this.deps.catalog, this.deps.auth);
    const [fromCatalog, fallback, statuses, freezes] = await Promise.all([
      this.catalogPolicies(),
      this.deps.resolver.defaultResolved(lookup),
      this.deps.store.listStatuses({ visible }),
      this.deps.store.activeFreezes(),
    ]);
    const policies = new Map<string, Policy>();
    // The default first: it is the one most entities live under.
    policies.set(fallback.policy.ref, fallback.policy);
    for (const p of fromCatalog) {
      if (isVisible(visible, p.ref)) policies.set(p.ref, p);
    }
    const frozen = new Set(freezes.map(f => f.entityRef));
    return {
      items: [...policies.values()].map(policy => {
        const under = statuses.filter(s => s.policyRef === policy.ref);
        const byState: Record<string, number> = {};
        for (const s of under) {
          const key = s.state ?? 'no-data';
          byState[key] = (byState[key] ?? 0) + 1;
        }
        return {
          policy,
          entityCount: under.length,
          frozenCount: under.filter(s => frozen.has(s.entityRef)).length,
          byState,
        };
      }),
    };
  }

  /** One policy and the entities under it (those the caller may see, with `visible`). */
  async get(namespace: string, name: string, visible?: VisibleRefs) {
    const ref = `errorbudgetpolicy:${namespace}/${name}`.toLocaleLowerCase(
      'en-US',
    );
    const lookup = new CatalogLookup(this.deps.catalog, this.deps.auth);
    let policy: Policy | undefined;
    const fallback = await this.deps.resolver.defaultResolved(lookup);
    if (ref === APP_CONFIG_POLICY_REF || ref === fallback.policy.ref) {
      policy = fallback.policy;
    }
    if (!policy) {
      const entity = await lookup.get(ref);
      if (entity && validateErrorBudgetPolicy(entity).length === 0) {
        policy = policyView({
          ref,
          title: entity.metadata.title ?? entity.metadata.name,
          description: entity.metadata.description,
          spec: entity.spec as unknown as ErrorBudgetPolicySpec,
        });
      }
    }
    if (!policy) throw new NotFoundError(`No error-budget policy ${ref}`);
    const [statuses, freezes] = await Promise.all([
      this.deps.store.listStatuses({ policyRef: ref, visible }),
      this.deps.store.activeFreezes(),
    ]);
    const frozen = new Set(freezes.map(f => f.entityRef));
    return {
      policy,
      entities: statuses.map(s => ({
        entityRef: s.entityRef,
        state: s.state,
        remaining: s.remaining,
        since: iso(s.stateSince),
        frozen: frozen.has(s.entityRef),
        source: s.source,
      })),
    };
  }
}
