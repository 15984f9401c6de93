/*
 * When each SLO's definition last changed (null until it first changes), so evaluation
 * reads an SLO's revisions only when a change falls inside its window; revisions imported
 * from before the catalog knew the SLO (its git history), told apart from those the
 * catalog delivered, which keep when they were delivered; and a first revision for SLOs
 * synced before revisions were kept, so their next change has a "before" to compare with.
 */

/** The indicator part of a stored OpenSLO spec, as the backend keeps it with revisions. */
function indicatorOf(spec) {
  if (!spec) return null;
  const parsed = JSON.parse(spec);
  const indicator =
    parsed.indicator ??
    (parsed.indicatorRef !== undefined ? { ref: parsed.indicatorRef } : null);
  return indicator === null ? null : JSON.stringify(indicator);
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_slos', table => {
    table
      .bigInteger('revised_at')
      .nullable()
      .comment('When the definition last changed (its latest revision >= 2)');
  });
  await knex.schema.alterTable('reliability_slo_revisions', table => {
    table.index(['effective_from'], 'reliability_slo_revisions_effective_idx');
    table
      .boolean('imported')
      .notNullable()
      .defaultTo(false)
      .comment('Imported history from before the catalog delivered the SLO');
    table
      .bigInteger('delivered_at')
      .nullable()
      .comment('When the catalog delivered it; null for imported history');
    table
      .text('indicator')
      .nullable()
      .comment(
        "The SLO's indicator (OpenSLO spec.indicator or indicatorRef), JSON",
      );
  });
  await knex('reliability_slo_revisions').update({
    delivered_at: knex.ref('effective_from'),
  });
  // The latest revision of each SLO is its current definition, whose indicator is known;
  // earlier ones stay unknown (null), which compares equal to any indicator.
  const current = await knex('reliability_slos').select('slo_ref', 'spec');
  for (const row of current) {
    const indicator = indicatorOf(row.spec);
    if (indicator === null) continue;
    const latest = await knex('reliability_slo_revisions')
      .where('slo_ref', row.slo_ref)
      .max({ revision: 'revision' })
      .first();
    if (latest?.revision === null || latest?.revision === undefined) continue;
    await knex('reliability_slo_revisions')
      .where({ slo_ref: row.slo_ref, revision: latest.revision })
      .update({ indicator });
  }
  const known = knex('reliability_slo_revisions').select('slo_ref');
  const missing = await knex('reliability_slos')
    .select('slo_ref', 'definition', 'synced_at', 'spec')
    .whereNotIn('slo_ref', known);
  for (let i = 0; i < missing.length; i += 200) {
    await knex('reliability_slo_revisions').insert(
      missing.slice(i, i + 200).map(row => ({
        slo_ref: row.slo_ref,
        revision: 1,
        definition: row.definition,
        effective_from: Number(row.synced_at),
        delivered_at: Number(row.synced_at),
        indicator: indicatorOf(row.spec),
        source_location: null,
        source_url: null,
      })),
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_slo_revisions', table => {
    table.dropIndex(
      ['effective_from'],
      'reliability_slo_revisions_effective_idx',
    );
    table.dropColumn('imported');
    table.dropColumn('delivered_at');
    table.dropColumn('indicator');
  });
  await knex.schema.alterTable('reliability_slos', table => {
    table.dropColumn('revised_at');
  });
};
