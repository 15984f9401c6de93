// SLO refinement history, once (while Cart pages availability has no imported history): its
// definitions from git before the catalog delivered it — 99.5% from 45 days ago, loosened
// to today's 99% three days ago, mid-window of its 7-day window — imported as a team would
// import its SLO file's git history. The entity page then shows the window judged per
// period and the change on the SLO's timeline; /reliability/enactments lists it.
import type { SloHistoryImport } from '@reliability-suite/plugin-reliability-common';
import { catalogClient } from './connection';
import { withGuestRetries } from './guest';
import { log } from './log';
import { DAY, iso } from './time';

const SLO = { namespace: 'default', name: 'cart-web-availability' };

type Spec = SloHistoryImport['items'][number]['spec'];

const commit = (sha: string) =>
  `https://git.example.com/shop/cart-web/-/commit/${sha}`;

/** The import: today's `spec` at 99.5% from 45 days ago, as it is from 3 days ago. */
export function sloHistoryImport(spec: Spec, anchor: number): SloHistoryImport {
  const withTarget = (target: number): Spec => ({
    ...spec,
    objectives: (spec.objectives as Record<string, unknown>[]).map(o => ({
      ...o,
      target,
    })),
  });
  return {
    items: [
      {
        effectiveFrom: iso(anchor - 45 * DAY),
        spec: withTarget(0.995),
        sourceUrl: commit('3f2a91c'),
        sourceLocation: 'cart-web/slos.yaml@3f2a91c',
      },
      {
        // Today's definition, in force since this commit.
        effectiveFrom: iso(anchor - 3 * DAY),
        spec,
        sourceUrl: commit('8b0c4de'),
      },
    ],
  };
}

/** Imports Cart web's earlier definition once; never throws. */
export async function seedSloHistory(
  origin: string,
  anchor: number,
): Promise<void> {
  await withGuestRetries(
    origin,
    'importing the SLO history',
    async ({ client, token }) => {
      const revisions = await client.getSloRevisions(SLO, { limit: 100 });
      if (revisions.items.some(r => r.imported)) {
        log('SLO history: imported already, not seeded');
        return;
      }
      const ref = `slo:${SLO.namespace}/${SLO.name}`;
      const entity = await catalogClient(origin).getEntityByRef(ref, {
        token,
      });
      if (!entity) throw new Error(`the catalog has no ${ref}`);
      const result = await client.importSloRevisions(
        SLO,
        sloHistoryImport(entity.spec as Spec, anchor),
      );
      log(
        `SLO history: imported ${result.imported} earlier definition(s) of ${SLO.name}`,
      );
    },
  );
}
