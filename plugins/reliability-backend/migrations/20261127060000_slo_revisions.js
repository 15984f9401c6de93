/*
 * SLO refinement history: each definition of an SLO the catalog delivered, from when it was
 * first seen, with where it came from.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_slo_revisions', table => {
    table.comment(
      'Each definition of an SLO, from when the catalog delivered it',
    );
    table.bigIncrements('id').primary();
    table.string('slo_ref', 512).notNullable();
    table.integer('revision').notNullable();
    table.text('definition').notNullable();
    table.bigInteger('effective_from').notNullable();
    table.text('source_location').nullable();
    table.text('source_url').nullable();
    table.unique(['slo_ref', 'revision'], {
      indexName: 'reliability_slo_revisions_slo_revision_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_slo_revisions');
};
