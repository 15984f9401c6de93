/*
 * Slice totals (issue [12]): Timeslices and RatioTimeslices objectives evaluated from
 * running sums of slices, not by reading every bucket of their window. See
 * `sliceTotals.ts` of -common for the rows and the README ("Slice totals") for the design.
 *
 * reliability_slice_variants: what judges the slices of an objective (method, slice
 * length, grid origin, threshold), one row per variant an evaluation asked for, with the
 * time from which its rows are stale (NULL: fresh). Writes, roll-ups and a new variant
 * mark it; the evaluation batch rebuilds the rows from the mark on. `version` counts the
 * marks, so a rebuild clears only the mark it saw.
 *
 * reliability_slice_totals: one row per slice with traffic of a variant.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_slice_variants', table => {
    table.comment(
      'What judges the slices of an objective, and how stale its totals are',
    );
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    table.string('variant', 128).notNullable();
    table.string('method', 32).notNullable();
    table.bigInteger('slice_ms').notNullable();
    table.bigInteger('slice_origin').notNullable();
    table.double('time_slice_target').notNullable();
    table.bigInteger('stale_since').nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.primary(
      ['slo_ref', 'objective', 'variant'],
      'reliability_slice_variants_pk',
    );
  });
  await knex.schema.createTable('reliability_slice_totals', table => {
    table.comment('Running sums of the slices of an objective, per variant');
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    table.string('variant', 128).notNullable();
    table.bigInteger('slice_start').notNullable();
    table.bigInteger('slice_end').notNullable();
    table.double('weight').notNullable();
    table.double('credit').notNullable();
    table.double('cum_weight').notNullable();
    table.double('cum_credit').notNullable();
    table.primary(
      ['slo_ref', 'objective', 'variant', 'slice_start'],
      'reliability_slice_totals_pk',
    );
    // "The last slice ended by t".
    table.index(
      ['slo_ref', 'objective', 'variant', 'slice_end'],
      'reliability_slice_totals_end_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_slice_totals');
  await knex.schema.dropTable('reliability_slice_variants');
};
