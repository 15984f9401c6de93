import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  applyDatabaseMigrations,
  MIGRATION_ADVISORY_LOCK,
  migrationsDir,
} from './migrations';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('migrations on %s', databaseId => {
  it('run up, down to nothing, and up again', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };

    const tables = [
      'reliability_audit_events',
      'reliability_slos',
      'reliability_sli_buckets',
      'reliability_sli_batches',
      'reliability_slo_status',
      'reliability_sli_sync',
      'reliability_policy_status',
      'reliability_freezes',
      'reliability_policy_exceptions',
      'reliability_policy_decisions',
      'reliability_reviews',
      'reliability_attestations',
      'reliability_review_comments',
      'reliability_postmortems',
      'reliability_postmortem_entities',
      'reliability_action_items',
      'reliability_slo_revisions',
      'reliability_alert_episodes',
      'reliability_alert_episode_cursors',
      'reliability_sli_stale_totals',
      'reliability_evaluation_queue',
    ];
    const present = async () =>
      Promise.all(tables.map(t => knex.schema.hasTable(t)));

    await knex.migrate.latest(config);
    expect(await present()).toEqual(tables.map(() => true));
    const [, pending] = await knex.migrate.list(config);
    expect(pending).toEqual([]);

    // Roll back every batch: the schema must be left as it was found.
    while ((await knex.migrate.currentVersion(config)) !== 'none') {
      await knex.migrate.down(config);
    }
    expect(await present()).toEqual(tables.map(() => false));

    await knex.migrate.latest(config);
    expect(await present()).toEqual(tables.map(() => true));
    await knex.destroy();
  });

  it('gives SLOs synced before revisions were kept a first revision', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    while ((await knex.migrate.currentVersion(config)) !== '20261127060000') {
      await knex.migrate.up(config);
    }
    const definition = JSON.stringify({
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 86_400_000 },
      objectives: [{ name: 'o', target: 0.99 }],
    });
    await knex('reliability_slos').insert({
      slo_ref: 'slo:default/old',
      service_ref: 'component:default/old',
      title: 'old',
      definition,
      definition_hash: 'h',
      synced_at: 1_700_000_000_000,
      spec: JSON.stringify({ indicatorRef: 'old-sli' }),
    });
    // One whose revisions were kept already: its latest learns the current indicator.
    await knex('reliability_slos').insert({
      slo_ref: 'slo:default/kept',
      service_ref: 'component:default/kept',
      title: 'kept',
      definition,
      definition_hash: 'h',
      synced_at: 1_700_000_000_000,
      spec: JSON.stringify({ indicator: { metadata: { name: 'kept-sli' } } }),
    });
    await knex('reliability_slo_revisions').insert(
      [1, 2].map(revision => ({
        slo_ref: 'slo:default/kept',
        revision,
        definition,
        effective_from: revision,
      })),
    );
    await knex.migrate.latest(config);
    const kept = await knex('reliability_slo_revisions')
      .where('slo_ref', 'slo:default/kept')
      .orderBy('revision');
    expect(kept.map(r => r.indicator && JSON.parse(r.indicator))).toEqual([
      null,
      { metadata: { name: 'kept-sli' } },
    ]);
    const rows = await knex('reliability_slo_revisions')
      .where('slo_ref', 'slo:default/old')
      .select();
    expect(
      rows.map(r => [
        r.slo_ref,
        r.revision,
        r.definition,
        Number(r.effective_from),
      ]),
    ).toEqual([['slo:default/old', 1, definition, 1_700_000_000_000]]);
    expect(JSON.parse(rows[0].indicator)).toEqual({ ref: 'old-sli' });
    expect(Number(rows[0].delivered_at)).toBe(1_700_000_000_000);
    const [slo] = await knex('reliability_slos').select('revised_at');
    expect(slo.revised_at).toBeNull();
    await knex.destroy();
  });

  it('keeps review comments written before decisions were recorded, as plain comments', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    while ((await knex.migrate.currentVersion(config)) !== '20261203000000') {
      await knex.migrate.up(config);
    }
    const [review] = await knex('reliability_reviews')
      .insert({
        entity_ref: 'component:default/old',
        template_id: 'prr',
        template_version: 1,
        state: 'approved',
        created_at: 1,
        updated_at: 2,
      })
      .returning('id');
    const reviewId = typeof review === 'object' ? review.id : review;
    await knex('reliability_review_comments').insert({
      review_id: reviewId,
      author: 'user:default/erin',
      body: 'Welcome aboard',
      created_at: 2,
    });
    await knex.migrate.latest(config);
    const rows = await knex('reliability_review_comments').select();
    expect(rows.map(r => [r.body, r.decision])).toEqual([
      ['Welcome aboard', null],
    ]);
    await knex('reliability_review_comments').insert({
      review_id: reviewId,
      author: 'user:default/erin',
      body: '',
      created_at: 3,
      decision: 'hand-back',
    });
    expect(
      (
        await knex('reliability_review_comments')
          .orderBy('id')
          .select('decision')
      ).map(r => r.decision),
    ).toEqual([null, 'hand-back']);
    // And back: the column goes, the comments stay.
    while ((await knex.migrate.currentVersion(config)) !== '20261203000000') {
      await knex.migrate.down(config);
    }
    expect(
      await knex.schema.hasColumn('reliability_review_comments', 'decision'),
    ).toBe(false);
    const [{ n }] = await knex('reliability_review_comments').count({ n: '*' });
    expect(Number(n)).toBe(2);
    await knex.destroy();
  });

  if (databaseId !== 'SQLITE_3') {
    it('migrates once when three replicas start on a fresh database together', async () => {
      // Racing in knex's own set-up could leave its lock table with two rows, rarely (the
      // next test starts from that state); ten rounds of three give the race its chances.
      for (let round = 0; round < 10; round++) {
        const knex = await databases.init(databaseId);
        // More pools on the same database: other replicas, as far as the server sees.
        const others = [0, 1].map(() => knexFactory(knex.client.config));
        const database = mockServices.database({ knex });
        const results = await Promise.allSettled(
          [knex, ...others].map(pool =>
            applyDatabaseMigrations(database, pool),
          ),
        );
        expect(
          results.map(r => (r.status === 'rejected' ? String(r.reason) : 'ok')),
        ).toEqual(['ok', 'ok', 'ok']);
        const [, pending] = await knex.migrate.list({
          directory: migrationsDir,
        });
        expect(pending).toEqual([]);
        // Each migration ran once.
        const names = (await knex('knex_migrations').select('name')).map(
          r => r.name,
        );
        expect(names.length).toBeGreaterThan(0);
        expect(names).toEqual([...new Set(names)]);
        expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
          { is_locked: 0 },
        ]);
        await Promise.all(others.map(pool => pool.destroy()));
        await knex.destroy();
      }
    });

    it('starts on a database whose migration lock table two replicas each gave a row', async () => {
      const knex = await databases.init(databaseId);
      // What two replicas racing in knex's own set-up could leave (before the advisory
      // lock): with two rows knex's lock can never be taken.
      await knex.migrate.list({ directory: migrationsDir });
      await knex('knex_migrations_lock').insert({ is_locked: 0 });
      await applyDatabaseMigrations(mockServices.database({ knex }), knex);
      const [, pending] = await knex.migrate.list({ directory: migrationsDir });
      expect(pending).toEqual([]);
      expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
        { is_locked: 0 },
      ]);
      await knex.destroy();
    });

    it('waits for the replica migrating, then finds nothing left to do', async () => {
      const knex = await databases.init(databaseId);
      const other = knexFactory(knex.client.config);
      const database = mockServices.database({ knex });
      // Another replica in the middle of its migration holds the advisory lock.
      const holder = await knex.transaction();
      await holder.raw('SELECT pg_advisory_xact_lock(?)', [
        MIGRATION_ADVISORY_LOCK,
      ]);
      let done = false;
      const waiting = applyDatabaseMigrations(database, other).then(() => {
        done = true;
      });
      const waiters = async () =>
        Number(
          (
            await knex.raw(
              `SELECT count(*) AS n FROM pg_locks
               WHERE locktype = 'advisory' AND NOT granted
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            )
          ).rows[0].n,
        );
      while ((await waiters()) === 0) {
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      expect(done).toBe(false);
      expect(await knex.schema.hasTable('reliability_slos')).toBe(false);
      await holder.commit();
      await waiting;
      expect(await knex.schema.hasTable('reliability_slos')).toBe(true);
      await other.destroy();
      await knex.destroy();
    });
  }
});
