/*
 * Running totals per objective, so that an evaluation reads a dozen rows instead of its
 * whole window (issue [12]): each bucket row carries the sums of good, total and covered
 * time over itself and every earlier bucket of its objective. A write marks its objectives'
 * totals stale (reliability_sli_stale_totals) and the next read recomputes them; a roll-up
 * carries them over. `covered_ms` is the time of a bucket that had
 * data: its length for a minute bucket, the minutes received for an hourly roll-up (rolled
 * up before this migration: assumed whole).
 */

const TABLE = 'reliability_sli_buckets';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable(TABLE, table => {
    table.bigInteger('covered_ms').notNullable().defaultTo(0);
    table.bigInteger('cum_good').notNullable().defaultTo(0);
    table.bigInteger('cum_total').notNullable().defaultTo(0);
    table.bigInteger('cum_covered_ms').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('reliability_sli_stale_totals', table => {
    table.comment(
      'Objectives whose running totals a write left stale, from which bucket on',
    );
    table.string('slo_ref', 512).notNullable();
    table.string('objective', 255).notNullable();
    table.bigInteger('since').notNullable();
    // Raised by every write, so a reader deletes the mark only if no write came since.
    table.integer('version').notNullable().defaultTo(1);
    table.primary(['slo_ref', 'objective'], 'reliability_sli_stale_totals_pk');
  });
  await knex(TABLE).update({ covered_ms: knex.ref('resolution_ms') });
  // UPDATE ... FROM and window functions: PostgreSQL, and SQLite since 3.33.
  await knex.raw(
    `update ${TABLE} set cum_good = r.cg, cum_total = r.ct, cum_covered_ms = r.cc
     from (
       select slo_ref, objective, bucket_start, resolution_ms,
         sum(good) over w as cg, sum(total) over w as ct, sum(covered_ms) over w as cc
       from ${TABLE}
       window w as (partition by slo_ref, objective order by bucket_start
                    rows between unbounded preceding and current row)
     ) r
     where ${TABLE}.slo_ref = r.slo_ref and ${TABLE}.objective = r.objective
       and ${TABLE}.bucket_start = r.bucket_start and ${TABLE}.resolution_ms = r.resolution_ms`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_sli_stale_totals');
  await knex.schema.alterTable(TABLE, table => {
    table.dropColumn('cum_covered_ms');
    table.dropColumn('cum_total');
    table.dropColumn('cum_good');
    table.dropColumn('covered_ms');
  });
};
