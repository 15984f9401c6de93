// The SLO history commands: slo history import.
import { ResponseError } from '@backstage/errors';
import { Command, CommanderError } from 'commander';
import { causeMessage } from '../commands/gate';
import {
  HISTORY_EXIT,
  HISTORY_HELP,
  gitVersions,
  historyInputError,
  historyItems,
  sloVersions,
} from '../commands/sloHistory';
import { ConnectionOptions, clientFor, withConnection } from '../connection';
import { Io, REPORTED } from '../io';

/** Registers `slo history import`. */
export function registerSloHistory(program: Command, io: Io): void {
  const sloHistory = withConnection(
    program
      .command('slo')
      .description("SLOs: their definitions' history")
      .command('history')
      .description("An SLO's definitions over time")
      .command('import')
      .description(
        "Import an SLO's definitions from before the catalog delivered it, from its file's git history; exit 0 imported, 1 refused by the backend, 2 bad input",
      )
      .argument('<file>', 'the catalog file holding the SLO, in a git checkout')
      .option(
        '--slo <ref>',
        'the SLO, name or namespace/name (default: the file’s only SLO)',
      )
      .option(
        '--commit-url <template>',
        "a link to each version's commit, {sha} standing for the commit",
      )
      .option(
        '--dry-run',
        'list the versions found, without asking the backend',
      )
      .allowExcessArguments(false)
      .addHelpText('after', HISTORY_HELP),
  );
  sloHistory.exitOverride(e => {
    throw e.exitCode === 0
      ? e
      : new CommanderError(HISTORY_EXIT.input, e.code, e.message);
  });
  sloHistory.action(
    async (
      file: string,
      options: ConnectionOptions & {
        slo?: string;
        commitUrl?: string;
        dryRun?: boolean;
      },
    ) => {
      if (
        options.commitUrl !== undefined &&
        !/^https?:\/\/\S+$/.test(options.commitUrl)
      ) {
        throw historyInputError(
          `--commit-url: an http(s) URL, e.g. https://github.com/acme/shop/commit/{sha}; got '${options.commitUrl}'`,
        );
      }
      const client = options.dryRun ? undefined : clientFor(options, io);
      const found = sloVersions(await gitVersions(file), options.slo, file);
      const ref = `slo:${found.namespace}/${found.name}`;
      for (const s of found.skipped) io.err(`skipped ${s}`);
      if (!client) {
        io.out(
          `${ref}: ${found.versions.length} version(s) in ${file}'s history:`,
        );
        for (const v of found.versions) {
          const targets = (
            (v.spec.objectives as Array<{ target?: unknown }>) ?? []
          )
            .map(o => String(o.target))
            .join(', ');
          io.out(
            `  ${v.committedAt}  ${v.sha.slice(0, 7)}  targets ${targets}`,
          );
        }
        return;
      }
      const url = options.url ?? io.env.RELIABILITY_URL;
      const call = async <T>(what: () => Promise<T>): Promise<T> => {
        try {
          return await what();
        } catch (e) {
          const name = (e as Error | undefined)?.name;
          if (e instanceof ResponseError) {
            io.err(`${ref}: ${e.body?.error?.message ?? e.message}`);
            throw new CommanderError(HISTORY_EXIT.refused, REPORTED, 'refused');
          }
          if (name === 'TypeError' && (e as Error).message === 'fetch failed') {
            throw new CommanderError(
              HISTORY_EXIT.refused,
              'reliability.unreachable',
              `cannot reach the backend at ${url}: ${causeMessage(
                e,
              )}; nothing was imported`,
            );
          }
          throw e;
        }
      };
      const at = { namespace: found.namespace, name: found.name };
      const known = await call(() =>
        client.getSloRevisions(at, { limit: 100 }),
      );
      const deliveries = known.items
        .map(r => (r.deliveredAt ? Date.parse(r.deliveredAt) : NaN))
        .filter(t => Number.isFinite(t));
      const firstDelivery =
        deliveries.length > 0 ? Math.min(...deliveries) : undefined;
      const items = historyItems(
        found.versions,
        firstDelivery,
        options.commitUrl,
      );
      if (items.length === 0) {
        io.out(
          `${ref}: nothing to import — every version in ${file}'s history is from after the catalog first delivered it (those the catalog records itself)`,
        );
        return;
      }
      const result = await call(() => client.importSloRevisions(at, { items }));
      io.out(
        `${ref}: imported ${result.imported} earlier definition(s)${
          result.merged
            ? `; the definition the catalog delivered is in force since ${
                items[items.length - 1].effectiveFrom
              }`
            : ''
        } (${result.totalCount} revision(s) now)`,
      );
    },
  );
}
