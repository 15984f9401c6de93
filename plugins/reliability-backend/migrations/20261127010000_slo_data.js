/*
 * SLO definitions synced from the catalog, SLI buckets, idempotency keys of additive pushes,
 * and the evaluated status snapshot per objective.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_slos', table => {
    table.comment('OpenSLO SLO entities as last synced from the catalog');
    table.string('slo_ref', 512).primary();
    table.string('service_ref', 512).notNullable();
    table.string('title', 512).notNullable();
    // The engine's definition (budgeting method, window, objectives) as JSON.
    table.text('definition').notNullable();
    table.string('owner_ref', 512).nullable();
    table.string('system_ref', 512).nullable();
    table.string('definition_hash', 64).notNullable();
    table.bigInteger('synced_at').notNullable();
    table.index(['service_ref'], 'reliability_slos_service_idx');
  });

  await knex.schema.createTable('reliability_sli_buckets', table => {
    table.comment('Good and total event counts per objective and time bucket');
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    // Epoch milliseconds: portable across SQLite and PostgreSQL and cheap to compare.
    table.bigInteger('bucket_start').notNullable();
    table.integer('resolution_ms').notNullable();
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(
      ['slo_ref', 'objective', 'bucket_start', 'resolution_ms'],
      'reliability_sli_buckets_pk',
    );
  });

  await knex.schema.createTable('reliability_sli_batches', table => {
    table.comment(
      'Idempotency keys of additive pushes, so a retried batch counts once',
    );
    table.string('batch_id', 128).primary();
    table.integer('items').notNullable();
    table.bigInteger('received_at').notNullable();
    table.index(['received_at'], 'reliability_sli_batches_received_idx');
  });

  await knex.schema.createTable('reliability_slo_status', table => {
    table.comment(
      'The evaluated status of each SLO objective, so reads never rescan data',
    );
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    table.string('service_ref', 512).notNullable();
    table.string('state', 32).notNullable();
    table.double('remaining').nullable();
    table.text('status').notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.primary(['slo_ref', 'objective'], 'reliability_slo_status_pk');
    table.index(['service_ref'], 'reliability_slo_status_service_idx');
    table.index(['state'], 'reliability_slo_status_state_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_slo_status');
  await knex.schema.dropTable('reliability_sli_batches');
  await knex.schema.dropTable('reliability_sli_buckets');
  await knex.schema.dropTable('reliability_slos');
};
