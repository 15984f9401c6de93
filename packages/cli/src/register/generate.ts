// The generate commands: generate prometheus-rules.
import { Command, CommanderError } from 'commander';
import { writeFile } from 'node:fs/promises';
import {
  PrometheusRulesCommandOptions,
  RULES_EXIT,
  RULES_HELP,
  prometheusRulesFromFiles,
} from '../commands/prometheusRules';
import { Io } from '../io';

/** Registers `generate prometheus-rules`. */
export function registerGenerate(program: Command, io: Io): void {
  const prometheusRules = program
    .command('generate')
    .description('Generate monitoring configuration from SLOs')
    .command('prometheus-rules')
    .description(
      "Print Prometheus recording and alerting rules for the SLOs on Prometheus sources (Sloth's metric names, the portal's burn-rate alerts); exit 1 naming every SLO that cannot be expressed",
    )
    .argument(
      '<files...>',
      'YAML files of OpenSLO documents (the SLOs, and the SLIs and DataSources they reference)',
    )
    .option('--out <file>', 'write the rules to this file instead of stdout')
    .option(
      '--format <format>',
      "'rules': a Prometheus rule file; 'prometheus-rule': a prometheus-operator PrometheusRule",
      'rules',
    )
    .option(
      '--portal-url <url>',
      "the portal's base URL, for the link to each SLO's page in the alerts",
    )
    .option(
      '--skip-other-sources',
      'list SLOs on other sources (Push, Datadog, …) as skipped instead of failing',
    )
    .option(
      '--period-interval <duration>',
      'evaluation interval of the SLO-window groups (default 5m)',
    )
    .option(
      '--rule-name <name>',
      'PrometheusRule metadata.name (default reliability-slos)',
    )
    .option('--rule-namespace <namespace>', 'PrometheusRule metadata.namespace')
    .option(
      '--rule-label <key=value...>',
      "PrometheusRule metadata.labels, e.g. release=prometheus for the operator's ruleSelector",
    )
    .allowExcessArguments(false)
    .addHelpText('after', RULES_HELP);
  prometheusRules.exitOverride(e => {
    throw e.exitCode === 0
      ? e
      : new CommanderError(RULES_EXIT.usage, e.code, e.message);
  });
  prometheusRules.action(
    async (files: string[], options: PrometheusRulesCommandOptions) => {
      const result = await prometheusRulesFromFiles(files, options);
      for (const s of result.skipped) {
        io.err(`skipped ${s}: not on a Prometheus source`);
      }
      if (result.text === undefined) {
        for (const p of result.problems) io.err(p);
        throw new CommanderError(
          RULES_EXIT.problems,
          'reliability.rules',
          `${result.problems.length} problem(s): no rules written`,
        );
      }
      if (options.out) {
        await writeFile(options.out, result.text);
        io.err(
          `wrote ${result.groups} group(s), ${result.rules} rule(s) to ${options.out}`,
        );
      } else {
        io.out(result.text.trimEnd());
      }
    },
  );
}
