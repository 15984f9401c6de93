/*
 * Error-budget policies: the state each entity's policy recommends (a snapshot, like the SLO
 * status), release freezes (at most one in force per entity, enforced by the database so two
 * replicas cannot both enact one), per-change exceptions and leadership decisions. Every
 * change is also appended to the audit trail, whose events now name their subject (a policy,
 * a review, a postmortem) so a policy's history can be read back.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_audit_events', table => {
    table.string('subject_ref', 512).nullable();
    table.index(['subject_ref', 'id'], 'reliability_audit_events_subject_idx');
    table.index(['action', 'id'], 'reliability_audit_events_action_idx');
  });

  await knex.schema.alterTable('reliability_slos', table => {
    table.text('tags').nullable().comment('The SLO entity metadata.tags, JSON');
  });

  await knex.schema.createTable('reliability_policy_status', table => {
    table.comment('The state each entity’s error-budget policy recommends');
    table.string('entity_ref', 512).primary();
    table.string('policy_ref', 512).notNullable();
    table.string('source', 16).notNullable();
    table.string('source_ref', 512).nullable();
    table.string('state', 63).nullable();
    table.double('remaining').nullable();
    table.bigInteger('state_since').nullable();
    table.bigInteger('out_of_budget_since').nullable();
    table.bigInteger('window_ms').nullable();
    table.integer('counted').notNullable().defaultTo(0);
    table.integer('no_data').notNullable().defaultTo(0);
    table.text('decided_by').nullable();
    table.bigInteger('evaluated_at').notNullable();
    table.index(['policy_ref'], 'reliability_policy_status_policy_idx');
  });

  await knex.schema.createTable('reliability_freezes', table => {
    table.comment('Release freezes, in force until lifted');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('policy_ref', 512).notNullable();
    table.bigInteger('started_at').notNullable();
    table.string('started_by', 512).notNullable();
    table.text('reason').notNullable();
    table.text('link').nullable();
    table.boolean('automatic').notNullable().defaultTo(false);
    table.double('budget_remaining').nullable();
    table.bigInteger('lifted_at').nullable();
    table.string('lifted_by', 512).nullable();
    table.text('lift_reason').nullable();
    table.index(['entity_ref', 'id'], 'reliability_freezes_entity_idx');
  });
  // One freeze in force per entity: a second enactment, from any replica, violates this.
  await knex.raw(
    'CREATE UNIQUE INDEX reliability_freezes_one_active ON reliability_freezes (entity_ref) WHERE lifted_at IS NULL',
  );

  await knex.schema.createTable('reliability_policy_exceptions', table => {
    table.comment('Changes allowed to ship during a freeze');
    table.bigIncrements('id').primary();
    table
      .bigInteger('freeze_id')
      .notNullable()
      .references('id')
      .inTable('reliability_freezes')
      .onDelete('CASCADE');
    table.string('entity_ref', 512).notNullable();
    table.string('change_id', 256).notNullable();
    table.string('exception_class', 63).notNullable();
    table.text('reason').notNullable();
    table.text('link').nullable();
    table.string('granted_by', 512).notNullable();
    table.bigInteger('granted_at').notNullable();
    table.double('budget_remaining').nullable();
    table.unique(['freeze_id', 'change_id'], {
      indexName: 'reliability_policy_exceptions_change_idx',
    });
  });

  await knex.schema.createTable('reliability_policy_decisions', table => {
    table.comment('Leadership decisions on escalated entities');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('policy_ref', 512).notNullable();
    table.string('decision', 32).notNullable();
    table.text('reason').notNullable();
    table.text('link').nullable();
    table.bigInteger('accept_until').nullable();
    table.string('decided_by', 512).notNullable();
    table.bigInteger('decided_at').notNullable();
    table.double('budget_remaining').nullable();
    table.index(
      ['entity_ref', 'id'],
      'reliability_policy_decisions_entity_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_policy_decisions');
  await knex.schema.dropTable('reliability_policy_exceptions');
  await knex.schema.dropTable('reliability_freezes');
  await knex.schema.dropTable('reliability_policy_status');
  await knex.schema.alterTable('reliability_slos', table => {
    table.dropColumn('tags');
  });
  await knex.schema.alterTable('reliability_audit_events', table => {
    table.dropIndex(['action', 'id'], 'reliability_audit_events_action_idx');
    table.dropIndex(
      ['subject_ref', 'id'],
      'reliability_audit_events_subject_idx',
    );
    table.dropColumn('subject_ref');
  });
};
