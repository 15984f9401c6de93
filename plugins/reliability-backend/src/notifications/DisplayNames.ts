import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { refKey } from '@reliability-suite/plugin-reliability-common';

/** What a reference reads as in a message, e.g. "Checkout API", "Jane Doe". */
export type NameOf = (ref: string) => string;

/** The entity's name from its reference alone, for refs the catalog does not know. */
function fallbackName(ref: string): string {
  if (ref.startsWith('service:'))
    return `service ${ref.slice('service:'.length)}`;
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

function nameOfEntity(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  if (typeof profile?.displayName === 'string' && profile.displayName) {
    return profile.displayName;
  }
  return entity.metadata.title ?? entity.metadata.name;
}

/**
 * Names for the references a message mentions (entity titles, people's display names), read
 * from the catalog with the plugin's own credentials: the reader of a notification knows
 * "Checkout API" and "Jane Doe", not `component:default/checkout-api`. A catalog that does
 * not answer costs the names, never the message: the reference's name part stands in.
 */
export class DisplayNames {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async resolve(refs: string[]): Promise<NameOf> {
    const wanted = [...new Set(refs.filter(r => !r.startsWith('service:')))];
    const names = new Map<string, string>();
    if (wanted.length > 0) {
      try {
        const { items } = await this.deps.catalog.getEntitiesByRefs(
          {
            entityRefs: wanted,
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.title',
              'spec.profile.displayName',
            ],
          },
          { credentials: await this.deps.auth.getOwnServiceCredentials() },
        );
        items.forEach((entity, i) => {
          if (entity) names.set(refKey(wanted[i]), nameOfEntity(entity));
        });
      } catch (e) {
        this.deps.logger.warn(
          `Names for a notification could not be read from the catalog; the references' names stand in: ${
            (e as Error).message
          }`,
        );
      }
    }
    return ref => names.get(refKey(ref)) ?? fallbackName(ref);
  }
}
