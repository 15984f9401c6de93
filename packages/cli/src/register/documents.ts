// The commands on local documents: validate and evaluate.
import { Command, CommanderError } from 'commander';
import { evaluateFiles } from '../commands/evaluate';
import { formatReport, validateFiles } from '../commands/validate';
import { Io } from '../io';

/** Registers `validate` and `evaluate`. */
export function registerDocumentCommands(program: Command, io: Io): void {
  program
    .command('validate')
    .description(
      "Check the suite's documents (OpenSLO v1 and ErrorBudgetPolicy) with the validators the catalog uses, and name the documents not checked; non-zero exit on any problem",
    )
    .argument(
      '<files...>',
      'YAML files (documents of other kinds are listed as not checked)',
    )
    .action(async (files: string[]) => {
      const reports = await validateFiles(files);
      let problems = 0;
      for (const r of reports) {
        for (const p of r.problems) io.err(`${r.file}: ${p}`);
        for (const w of r.warnings) io.err(`${r.file}: warning: ${w}`);
        problems += r.problems.length;
        for (const line of formatReport(r)) io.out(line);
      }
      if (problems > 0) {
        throw new CommanderError(
          1,
          'reliability.invalid',
          `${problems} problem(s) found`,
        );
      }
    });

  program
    .command('evaluate')
    .description(
      "Print the error-budget engine's result for an SLO and a CSV of data, as JSON",
    )
    .requiredOption('--slo <file>', 'a YAML file with one OpenSLO SLO')
    .requiredOption(
      '--data <csv>',
      'CSV with the header timestamp,good,total or timestamp,good,bad',
    )
    .option('--at <time>', 'evaluation time, ISO 8601 (default: now)')
    .action(async (options: { slo: string; data: string; at?: string }) => {
      const at = options.at === undefined ? Date.now() : Date.parse(options.at);
      if (Number.isNaN(at)) {
        throw new CommanderError(
          2,
          'reliability.at',
          `--at: '${options.at}' is not an ISO 8601 date-time`,
        );
      }
      io.out(
        JSON.stringify(
          await evaluateFiles(options.slo, options.data, at),
          null,
          2,
        ),
      );
    });
}
