// The postmortems commands: postmortems import.
import { ResponseError } from '@backstage/errors';
import { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import { causeMessage } from '../commands/gate';
import {
  IMPORT_EXIT,
  IMPORT_HELP,
  MAX_IMPORT,
  asImportResult,
  checkPostmortems,
  clipLines,
  emptyError,
  formatDryRun,
  formatImportRefusal,
  formatImportResult,
  importFormat,
  invalidError,
  readError,
  readPostmortems,
  tooManyError,
} from '../commands/postmortems';
import { ConnectionOptions, clientFor, withConnection } from '../connection';
import { Io, REPORTED } from '../io';

/** Registers `postmortems import`. */
export function registerPostmortems(program: Command, io: Io): void {
  const postmortems = program
    .command('postmortems')
    .description("Postmortems: import a team's archive");
  const importPostmortems = withConnection(
    postmortems
      .command('import')
      .description(
        'Import postmortems from a JSON or CSV file, all or nothing; exit 0 imported, 1 refused by the backend, 2 bad input',
      )
      .argument('<file>', 'a .json or .csv file of postmortem records')
      .option('--format <format>', 'json or csv (default: from the extension)')
      .option(
        '--dry-run',
        'check every record and say how many would be sent, without sending them',
      )
      .allowExcessArguments(false)
      .addHelpText('after', IMPORT_HELP),
  );
  // Usage errors (no file, unknown option) exit 2 like any other bad input, never 1.
  importPostmortems.exitOverride(e => {
    throw e.exitCode === 0
      ? e
      : new CommanderError(IMPORT_EXIT.input, e.code, e.message);
  });
  importPostmortems.action(
    async (
      file: string,
      options: ConnectionOptions & { format?: string; dryRun?: boolean },
    ) => {
      const format = importFormat(file, options.format);
      const client = options.dryRun ? undefined : clientFor(options, io);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw readError(file, e);
      }
      const batch = readPostmortems(text, format);
      if (batch.problems.length === 0 && batch.items.length === 0) {
        throw emptyError(file);
      }
      if (batch.items.length > MAX_IMPORT) {
        throw tooManyError(file, batch.items.length);
      }
      const problems = checkPostmortems(batch, Date.now());
      if (problems.length > 0) {
        for (const line of clipLines(problems)) io.err(line);
        throw invalidError(file, problems.length);
      }
      if (!client) {
        io.out(formatDryRun(file, batch.items.length));
        return;
      }
      let answer: unknown;
      try {
        answer = await client.importPostmortems(batch.items);
      } catch (e) {
        if (e instanceof ResponseError) {
          for (const line of formatImportRefusal(e, batch)) io.err(line);
          throw new CommanderError(IMPORT_EXIT.refused, REPORTED, 'refused');
        }
        // By name, not instanceof: fetch's errors may come from another realm (undici, Jest).
        const name = (e as Error | undefined)?.name;
        const url = options.url ?? io.env.RELIABILITY_URL;
        if (name === 'TypeError' && (e as Error).message === 'fetch failed') {
          throw new CommanderError(
            IMPORT_EXIT.refused,
            'reliability.unreachable',
            `cannot reach the backend at ${url}: ${causeMessage(
              e,
            )}; nothing was imported`,
          );
        }
        if (name === 'SyntaxError') {
          throw new CommanderError(
            IMPORT_EXIT.refused,
            'reliability.answer',
            `the backend's answer is not JSON; is --url (${url}) the Backstage backend?`,
          );
        }
        throw e;
      }
      io.out(formatImportResult(asImportResult(answer)));
    },
  );
}
