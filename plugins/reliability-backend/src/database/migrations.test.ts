import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { applyDatabaseMigrations, migrationsDir } from './migrations';

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
    it('migrates once when two replicas start on a fresh database together', async () => {
      for (let round = 0; round < 3; round++) {
        const knex = await databases.init(databaseId);
        // A second pool on the same database: another replica, as far as the server sees.
        const other = knexFactory(knex.client.config);
        const database = mockServices.database({ knex });
        const results = await Promise.allSettled([
          applyDatabaseMigrations(database, knex),
          applyDatabaseMigrations(database, other),
        ]);
        expect(
          results.map(r => (r.status === 'rejected' ? String(r.reason) : 'ok')),
        ).toEqual(['ok', 'ok']);
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
        await other.destroy();
        await knex.destroy();
      }
    });
  }
});
