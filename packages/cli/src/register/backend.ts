// The commands that read from or write to the backend: push, summary and audit.
import { Command, CommanderError } from 'commander';
import { parseFullEntityRef } from '@reliability-suite/plugin-reliability-common';
import { readFile } from 'node:fs/promises';
import { ConnectionOptions, clientFor, withConnection } from '../connection';
import { parseSliCsv } from '../csv';
import { Io } from '../io';

const PUSH_BATCH = 5000;

/** Registers `push`, `summary` and `audit`. */
export function registerBackendCommands(program: Command, io: Io): void {
  withConnection(
    program
      .command('push')
      .description('Send a CSV of SLI data through the push API')
      .requiredOption(
        '--slo <ref>',
        'the SLO entity, e.g. slo:default/checkout-availability',
      )
      .requiredOption(
        '--data <csv>',
        'CSV with the header timestamp,good,total or timestamp,good,bad',
      )
      .option('--objective <name>', 'the objective (when the SLO has several)'),
  ).action(
    async (
      options: ConnectionOptions & {
        slo: string;
        data: string;
        objective?: string;
      },
    ) => {
      const rows = parseSliCsv(await readFile(options.data, 'utf8'));
      const client = clientFor(options, io);
      let accepted = 0;
      let buckets = 0;
      for (let i = 0; i < rows.length; i += PUSH_BATCH) {
        const result = await client.pushSliEvents({
          mode: 'replace',
          items: rows.slice(i, i + PUSH_BATCH).map(r => ({
            slo: options.slo,
            ...(options.objective ? { objective: options.objective } : {}),
            timestamp: r.timestamp,
            good: r.good,
            total: r.total,
          })),
        });
        accepted += result.accepted;
        buckets += result.buckets;
      }
      io.out(
        `pushed ${accepted} row(s) into ${buckets} bucket write(s) for ${options.slo}`,
      );
    },
  );

  withConnection(
    program
      .command('summary')
      .description("Print an entity's reliability summary as JSON")
      .argument('<entityRef>', 'full entity reference, kind:namespace/name'),
  ).action(async (entityRef: string, options: ConnectionOptions) => {
    const ref = parseFullEntityRef(entityRef, 'entityRef');
    const summary = await clientFor(options, io).getEntitySummary(ref);
    io.out(JSON.stringify(summary, null, 2));
  });

  withConnection(
    program
      .command('audit')
      .description('Print the audit trail, newest first, as JSON')
      .option('--entity <entityRef>', 'only events about this entity')
      .option('--limit <n>', 'how many events (1-500)', '50'),
  ).action(
    async (options: ConnectionOptions & { entity?: string; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new CommanderError(
          2,
          'reliability.limit',
          `--limit: must be a whole number from 1 to 500; got '${options.limit}'`,
        );
      }
      if (options.entity) parseFullEntityRef(options.entity, '--entity');
      const page = await clientFor(options, io).listAuditEvents({
        entityRef: options.entity,
        limit,
      });
      io.out(JSON.stringify(page, null, 2));
    },
  );
}
