/*
 * Pull-based SLI sources (Prometheus, ...): the SLO's OpenSLO spec is kept so the sync knows
 * its queries, and each objective has a watermark (how far data has been fetched) and the
 * state of its source (ok, stale, error) with the reason.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_slos', table => {
    table.text('spec').nullable();
  });
  await knex.schema.createTable('reliability_sli_sync', table => {
    table.comment(
      'Progress and health of pulling SLI data from a source, per objective',
    );
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    table.string('source_type', 128).notNullable();
    // Data is complete up to here (epoch ms, exclusive); null before the first success.
    table.bigInteger('watermark').nullable();
    table.string('state', 16).notNullable();
    table.string('error_kind', 32).nullable();
    table.text('reason').nullable();
    table.bigInteger('last_attempt_at').nullable();
    table.bigInteger('last_success_at').nullable();
    table.primary(['slo_ref', 'objective'], 'reliability_sli_sync_pk');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_sli_sync');
  await knex.schema.alterTable('reliability_slos', table => {
    table.dropColumn('spec');
  });
};
