/*
 * The org-wide SLO list sorts by urgency (paging, exhausted, ticket, at risk, healthy, no
 * data: sloUrgencyRank in -common), in the database so that its pages stay consistent. The
 * evaluator writes the rank with every status; rows written before are ranked here once,
 * by the same rules, from the status they hold.
 */

const URGENCIES = [
  'paging',
  'exhausted',
  'ticket',
  'at-risk',
  'healthy',
  'no-data',
];

/** sloUrgency of -common, as of this migration (migrations do not import the packages). */
function rank(state, remaining, alerts) {
  const paging =
    state === 'critical' ||
    (Array.isArray(alerts) &&
      alerts.some(a => a && a.firing === true && a.severity === 'page'));
  let urgency = 'healthy';
  if (state === 'no-data') urgency = 'no-data';
  else if (paging) urgency = 'paging';
  else if (state === 'exhausted') urgency = 'exhausted';
  else if (state === 'warning') urgency = 'ticket';
  else if (remaining !== null && Number(remaining) < 0.25) urgency = 'at-risk';
  return URGENCIES.indexOf(urgency);
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_slo_status', table => {
    table.integer('urgency').notNullable().defaultTo(4);
    table.index(['urgency', 'remaining'], 'reliability_slo_status_urgency_idx');
  });
  const rows = await knex('reliability_slo_status').select(
    'slo_ref',
    'objective',
    'state',
    'remaining',
    'status',
  );
  for (const row of rows) {
    let alerts;
    try {
      alerts = JSON.parse(row.status).alerts;
    } catch {
      alerts = undefined;
    }
    await knex('reliability_slo_status')
      .where({ slo_ref: row.slo_ref, objective: row.objective })
      .update({ urgency: rank(row.state, row.remaining, alerts) });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_slo_status', table => {
    table.dropIndex(
      ['urgency', 'remaining'],
      'reliability_slo_status_urgency_idx',
    );
    table.dropColumn('urgency');
  });
};
