/*
 * The SRE time budget: burn-rate alert episodes kept beyond the SLI data they were replayed
 * from (buckets are rolled up and deleted after a few months, a 6-month trend needs the
 * episodes longer), the replay cursor of each objective, and labels and the closing time
 * of postmortem action items (project work is counted by when items were closed).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_alert_episodes', table => {
    table.comment(
      'Burn-rate alert episodes (page and ticket tiers) per objective',
    );
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    table.string('severity', 16).notNullable();
    table.bigInteger('start_at').notNullable();
    table.bigInteger('fired_at').notNullable();
    table.bigInteger('end_at').nullable();
    table.double('peak_burn_rate').notNullable();
    // The SLO's service when the episode was recorded: the history stays with the
    // service even after the SLO is deleted from the catalog.
    table.string('service_ref', 512).notNullable();
    table.primary(
      ['slo_ref', 'objective', 'severity', 'start_at'],
      'reliability_alert_episodes_pk',
    );
    table.index(
      ['service_ref', 'fired_at'],
      'reliability_alert_episodes_service_idx',
    );
  });
  await knex.schema.createTable('reliability_alert_episode_cursors', table => {
    table.comment(
      'How far the alert episodes of each objective have been replayed',
    );
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    table.bigInteger('replayed_until').notNullable();
    table.primary(
      ['slo_ref', 'objective'],
      'reliability_alert_episode_cursors_pk',
    );
  });
  await knex.schema.alterTable('reliability_action_items', table => {
    // A JSON array of labels (toil-reduction, automation, ...); null is none.
    table.text('labels').nullable();
    table.bigInteger('closed_at').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_action_items', table => {
    table.dropColumn('labels');
    table.dropColumn('closed_at');
  });
  await knex.schema.dropTable('reliability_alert_episode_cursors');
  await knex.schema.dropTable('reliability_alert_episodes');
};
