/*
 * The decision a review comment came with: the review action (submit, approve,
 * request-changes, hand-back, reopen) it was written with, or null for a comment on its own.
 * From now on every review action leaves such a row, with or without a comment, so the
 * comments are the review's history (who decided what, when). Rows written before read as
 * plain comments; their decisions are in the audit trail.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_review_comments', table => {
    table.string('decision', 32).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_review_comments', table => {
    table.dropColumn('decision');
  });
};
