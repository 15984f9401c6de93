/*
 * How many of the objectives a policy state was judged from had data for only part of their
 * window (a back-fill still under way): such a state may not hold once the rest arrives, and
 * is shown as collecting data rather than as the policy's best state.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_policy_status', table => {
    table.integer('partial').notNullable().defaultTo(0);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_policy_status', table => {
    table.dropColumn('partial');
  });
};
