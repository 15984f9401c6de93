/*
 * The audit trail: every state change the suite makes (enactments, sign-offs, attestations,
 * postmortem edits) is appended here, never updated in place.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_audit_events', table => {
    table.comment('Append-only audit trail of Reliability Suite state changes');
    table.bigIncrements('id').primary();
    table
      .timestamp('occurred_at', { useTz: true, precision: 3 })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.string('actor_ref', 512).notNullable();
    table.string('action', 128).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.text('reason').nullable();
    table.text('details').notNullable().defaultTo('{}');
    table.index(['entity_ref', 'id'], 'reliability_audit_events_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_audit_events');
};
