/*
 * The evaluation queue ([12] Scale): SLOs waiting for an evaluation, shared by every
 * replica on the database. A push (and the scheduled pass) upserts one row per SLO; a
 * replica's worker claims a batch of due rows for a lease, evaluates them and deletes
 * each row unless it was dirtied again meanwhile. A replica that dies holding a claim
 * loses nothing: once the lease has passed another replica claims the rows again. See
 * src/evaluation/EvaluationQueue.ts.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_evaluation_queue', table => {
    table.comment('SLOs waiting for an evaluation, claimed by the replicas');
    table.string('slo_ref', 512).primary();
    // Epoch milliseconds: when it first became dirty since its last evaluation.
    table.bigInteger('dirty_at').notNullable();
    // When it may be claimed (the debounce after a push; at once for the scheduled pass).
    table.bigInteger('due_at').notNullable();
    // Bumped by every enqueue: a claim deletes the row only if it is unchanged.
    table.integer('version').notNullable().defaultTo(1);
    // The claim: who holds it (host/pid/random) and until when (the lease).
    table.string('claimed_by', 255).nullable();
    table.bigInteger('claimed_until').nullable();
    // Failed evaluations in a row, so that a broken SLO does not circle forever.
    table.integer('attempts').notNullable().defaultTo(0);
    table.index(['due_at'], 'reliability_evaluation_queue_due_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_evaluation_queue');
};
