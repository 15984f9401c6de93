/*
 * Postmortems: one record per incident, the entities it affected, and its action items.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_postmortems', table => {
    table.comment('Postmortems of incidents');
    table.bigIncrements('id').primary();
    table.string('title', 512).notNullable();
    table.text('document_url').nullable();
    table.string('severity', 16).notNullable();
    table.string('status', 16).notNullable();
    table.boolean('blameless_review_held').notNullable().defaultTo(false);
    table.text('summary').nullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('detected_at').nullable();
    table.bigInteger('mitigated_at').nullable();
    table.bigInteger('resolved_at').nullable();
    table.string('created_by', 512).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.string('external_id', 256).nullable().unique();
    table.index(['started_at'], 'reliability_postmortems_started_idx');
  });
  await knex.schema.createTable('reliability_postmortem_entities', table => {
    table.comment('The entities an incident affected');
    table
      .bigInteger('postmortem_id')
      .notNullable()
      .references('id')
      .inTable('reliability_postmortems')
      .onDelete('CASCADE');
    table.string('entity_ref', 512).notNullable();
    table.primary(
      ['postmortem_id', 'entity_ref'],
      'reliability_postmortem_entities_pk',
    );
    table.index(['entity_ref'], 'reliability_postmortem_entities_entity_idx');
  });
  await knex.schema.createTable('reliability_action_items', table => {
    table.comment('Action items of postmortems');
    table.bigIncrements('id').primary();
    table
      .bigInteger('postmortem_id')
      .notNullable()
      .references('id')
      .inTable('reliability_postmortems')
      .onDelete('CASCADE');
    table.string('title', 512).notNullable();
    table.text('link').nullable();
    table.string('owner_ref', 512).nullable();
    table.bigInteger('due_at').nullable();
    table.string('priority', 16).notNullable();
    table.string('status', 16).notNullable();
    table.index(['postmortem_id'], 'reliability_action_items_postmortem_idx');
    table.index(['owner_ref', 'status'], 'reliability_action_items_owner_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_action_items');
  await knex.schema.dropTable('reliability_postmortem_entities');
  await knex.schema.dropTable('reliability_postmortems');
};
