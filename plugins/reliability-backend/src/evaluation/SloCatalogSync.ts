import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SloRecord, SloStore } from '../store/SloStore';
import { StatusStore } from '../store/StatusStore';
import { SliSyncStore } from '../store/SliSyncStore';
import {
  serviceRefAsWritten,
  serviceRefOf,
  sloRecordFromEntity,
} from './sloRecordFromEntity';
import { refKey } from '@reliability-suite/plugin-reliability-common';

const SERVICE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'spec.system',
];

/** Keeps the backend's copy of the SLO definitions in step with the catalog. */
export class SloCatalogSync {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      slos: SloStore;
      statuses: StatusStore;
      syncs?: SliSyncStore;
      logger: LoggerService;
    },
  ) {}

  /** Syncs every SLO entity; returns the refs that are new or changed. */
  async syncAll(): Promise<string[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: 'SLO' } },
      { credentials },
    );
    const records = await this.toRecords(items);
    const changed = await this.deps.slos.upsert(records);
    const gone = await this.deps.slos.deleteAllExcept(
      new Set(records.map(r => r.sloRef)),
    );
    await this.deps.statuses.deleteForSlos(gone);
    await this.deps.syncs?.deleteForSlos(gone);
    return changed;
  }

  /** Syncs one SLO on demand (a push for an SLO added since the last sync). */
  async syncOne(sloRef: string): Promise<SloRecord | undefined> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { namespace, name } = parseEntityRef(sloRef);
    // Kind as the OpenSLO spec spells it; the catalog matches names case-insensitively.
    const entity = await this.deps.catalog.getEntityByRef(
      { kind: 'SLO', namespace, name },
      { credentials },
    );
    if (!entity || refKey(entity.kind) !== 'slo') {
      return undefined;
    }
    const [record] = await this.toRecords([entity]);
    if (record) await this.deps.slos.upsert([record]);
    return record;
  }

  private async toRecords(entities: Entity[]): Promise<SloRecord[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const serviceRefs = [
      ...new Set(
        entities.flatMap(e => {
          try {
            return [serviceRefAsWritten(e)];
          } catch {
            return [];
          }
        }),
      ),
    ];
    const services = new Map<string, Entity>();
    if (serviceRefs.length > 0) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: serviceRefs, fields: SERVICE_FIELDS },
        { credentials },
      );
      items.forEach((e, i) => {
        if (e) services.set(refKey(serviceRefs[i]), e);
      });
    }
    const records: SloRecord[] = [];
    for (const entity of entities) {
      let serviceRef: string | undefined;
      try {
        serviceRef = serviceRefOf(entity);
      } catch {
        serviceRef = undefined;
      }
      const result = sloRecordFromEntity(
        entity,
        serviceRef ? services.get(serviceRef) : undefined,
      );
      if ('errors' in result) {
        this.deps.logger.warn(
          `Skipping invalid SLO ${stringifyEntityRef(
            entity,
          )}: ${result.errors.join('; ')}`,
        );
      } else {
        records.push(result);
      }
    }
    return records;
  }
}
