import { ResponseError } from '@backstage/errors';
import { Command, CommanderError } from 'commander';
import {
  GateDecision,
  ReliabilityClient,
  parseFullEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { readFile, writeFile } from 'node:fs/promises';
import { evaluateFiles } from './commands/evaluate';
import {
  GATE_EXIT,
  GATE_HELP,
  asGateDecision,
  causeMessage,
  checkGateOptions,
  formatGateDecision,
  gateEntityRef,
  toGateError,
} from './commands/gate';
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
} from './commands/postmortems';
import {
  HISTORY_EXIT,
  HISTORY_HELP,
  gitVersions,
  historyInputError,
  historyItems,
  sloVersions,
} from './commands/sloHistory';
import { formatReport, validateFiles } from './commands/validate';
import {
  PrometheusRulesCommandOptions,
  RULES_EXIT,
  RULES_HELP,
  prometheusRulesFromFiles,
} from './commands/prometheusRules';
import { parseSliCsv } from './csv';
// Inlined by the build, so dist/ prints the version it was built from.
import packageJson from '../package.json';

const PUSH_BATCH = 5000;

/** The code of an error whose command has already printed what there is to say. */
const REPORTED = 'reliability.reported';

/** Where output goes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

const defaultIo: Io = {
  out: text => process.stdout.write(`${text}\n`),
  err: text => process.stderr.write(`${text}\n`),
  env: process.env,
};

interface ConnectionOptions {
  url?: string;
  token?: string;
}

/**
 * A client for the backend at `--url` (or RELIABILITY_URL), authenticating with `--token`
 * (or RELIABILITY_TOKEN): a Backstage external-access token for machines.
 */
function clientFor(options: ConnectionOptions, io: Io): ReliabilityClient {
  const url = options.url ?? io.env.RELIABILITY_URL;
  if (!url) {
    throw new CommanderError(
      2,
      'reliability.url',
      '--url: the Backstage backend URL is required (or set RELIABILITY_URL), e.g. http://localhost:7007',
    );
  }
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CommanderError(
      2,
      'reliability.url',
      `--url: '${url}' is not a URL`,
    );
  }
  const token = options.token ?? io.env.RELIABILITY_TOKEN;
  const pluginUrl = `${base.origin}${base.pathname.replace(
    /\/$/,
    '',
  )}/api/reliability`;
  return new ReliabilityClient({
    discoveryApi: { getBaseUrl: async () => pluginUrl },
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string> | undefined),
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
        }),
    },
  });
}

function withConnection(command: Command): Command {
  return command
    .option('--url <url>', 'Backstage backend base URL (env RELIABILITY_URL)')
    .option(
      '--token <token>',
      'Backstage external-access token (env RELIABILITY_TOKEN)',
    );
}

export function createProgram(io: Io = defaultIo): Command {
  const program = new Command('reliability')
    .description(
      'The Reliability Suite command line: SLOs, error budgets and deploy gates',
    )
    .version(packageJson.version, '-V, --version', 'print the version and exit')
    .exitOverride()
    .configureOutput({
      writeOut: s => io.out(s.trimEnd()),
      writeErr: s => io.err(s.trimEnd()),
    });

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

  const gate = withConnection(
    program
      .command('gate')
      .description(
        'Ask the deploy gate whether a change of an entity may ship now; exit 0 allowed, 1 blocked, 2 error',
      )
      .requiredOption(
        '--entity <ref>',
        'the entity: kind:namespace/name, or a short name (Component and default are the defaults)',
      )
      .option(
        '--change <id>',
        'the change (commit, pull request, release) an exception may have been granted for',
      )
      .option(
        '--class <exceptionClass>',
        "the change's exception class, e.g. security (pre-approved classes pass a freeze)",
      )
      .option('--json', 'print the decision as JSON on stdout instead')
      .allowExcessArguments(false)
      .addHelpText('after', GATE_HELP),
  );
  // Usage errors (missing --entity, unknown option) exit 2 here, never 1, which means blocked.
  gate.exitOverride(e => {
    throw toGateError(e, undefined);
  });
  gate.action(
    async (
      options: ConnectionOptions & {
        entity: string;
        change?: string;
        class?: string;
        json?: boolean;
      },
    ) => {
      const url = options.url ?? io.env.RELIABILITY_URL;
      let decision: GateDecision;
      try {
        const entity = gateEntityRef(options.entity);
        checkGateOptions(options);
        decision = asGateDecision(
          await clientFor(options, io).checkGate({
            entity,
            ...(options.change !== undefined ? { change: options.change } : {}),
            ...(options.class !== undefined ? { class: options.class } : {}),
          }),
        );
      } catch (e) {
        throw toGateError(e, url);
      }
      if (options.json) {
        io.out(JSON.stringify(decision, null, 2));
      } else {
        const lines = formatGateDecision(decision, options.change);
        for (const line of lines) {
          if (decision.allowed) io.out(line);
          else io.err(line);
        }
      }
      if (!decision.allowed) {
        throw new CommanderError(GATE_EXIT.blocked, REPORTED, 'blocked');
      }
    },
  );

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

  return program;
}

/**
 * Runs the command line; resolves to the process exit code. Errors are printed as one line
 * that names what to fix, never as a stack trace.
 */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit through here with code 0 and have already printed.
      if (
        e.exitCode !== 0 &&
        !e.code.startsWith('commander.') &&
        e.code !== REPORTED
      ) {
        io.err(`error: ${e.message}`);
      }
      return e.exitCode;
    }
    if (e instanceof ResponseError) {
      // The backend's own message says what was wrong with the request.
      io.err(
        `error: ${e.statusCode} ${e.body.error.name}: ${e.body.error.message}`,
      );
      const items = (e.body as { items?: Array<Record<string, unknown>> })
        .items;
      for (const item of items?.slice(0, 20) ?? []) {
        io.err(`  items[${item.index}].${item.field}: ${item.message}`);
      }
      return 1;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
