/*
 * Production-readiness reviews: one review per entity, pinned to the template version it
 * started with, its attestations (the newest per item counts; each expires) and comments.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_reviews', table => {
    table.comment('Production-readiness review of an entity');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable().unique();
    table.string('template_id', 63).notNullable();
    table.integer('template_version').notNullable();
    table.string('state', 32).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('submitted_at').nullable();
    table.string('decided_by', 512).nullable();
    table.index(['state', 'submitted_at'], 'reliability_reviews_state_idx');
  });
  await knex.schema.createTable('reliability_attestations', table => {
    table.comment('Attestations of readiness items, newest per item counts');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('template_id', 63).notNullable();
    table.string('item_id', 63).notNullable();
    table.text('statement').notNullable();
    table.text('evidence_url').notNullable();
    table.string('attested_by', 512).notNullable();
    table.bigInteger('attested_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.index(
      ['entity_ref', 'template_id', 'item_id'],
      'reliability_attestations_item_idx',
    );
  });
  await knex.schema.createTable('reliability_review_comments', table => {
    table.comment('Comments on a review or one of its items');
    table.bigIncrements('id').primary();
    table
      .bigInteger('review_id')
      .notNullable()
      .references('id')
      .inTable('reliability_reviews')
      .onDelete('CASCADE');
    table.string('item_id', 63).nullable();
    table.string('author', 512).notNullable();
    table.text('body').notNullable();
    table.bigInteger('created_at').notNullable();
    table.index(['review_id', 'id'], 'reliability_review_comments_review_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_review_comments');
  await knex.schema.dropTable('reliability_attestations');
  await knex.schema.dropTable('reliability_reviews');
};
